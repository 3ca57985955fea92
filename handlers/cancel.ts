/**
 * `/取消 #n <理由>` — close an item that is no longer needed; its reminders stop.
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { FIELDS } from '../src/domain/limits.ts';

export const CANCEL_USAGE = '/取消 #编号 <理由>，例如：/取消 #12 会议决定不再推进';

export function cancelCommand(deps: BotDeps): CommandSpec {
  return {
    name: '取消',
    aliases: ['cancel'],
    usage: CANCEL_USAGE,
    summary: '取消不再需要办理的事项并说明理由',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, CANCEL_USAGE);
      const reason = requireText(ctx.readable(rest), FIELDS.reason, CANCEL_USAGE, '请写明取消理由。');
      await runItemCommand(deps, ctx, no, { action: 'cancel', reason });
    },
  };
}
