/**
 * `/完成 #n <办理结果>` (also `/办结`) — close an item with its result note (required: nothing
 * closes without one). A 整改 item finished by its owners waits for 销号 (`handlers/signoff.ts`).
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { FIELDS } from '../src/domain/limits.ts';

export const DONE_USAGE = '/完成 #编号 <办理结果>，例如：/完成 #12 已报送县政府办';

export function doneCommand(deps: BotDeps): CommandSpec {
  return {
    name: '完成',
    aliases: ['办结', 'done'],
    usage: DONE_USAGE,
    summary: '办结一件事项并写明办理结果',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, DONE_USAGE);
      const note = requireText(
        ctx.readable(rest),
        FIELDS.result,
        DONE_USAGE,
        '请写明办理结果，办结后大家才知道事情落实得怎样。',
      );
      await runItemCommand(deps, ctx, no, { action: 'done', note });
    },
  };
}
