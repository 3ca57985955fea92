/**
 * `/进展 #n <内容>` (also `/反馈`) — progress feedback: the latest on the item, every report in
 * its history.
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { FIELDS } from '../src/domain/limits.ts';

export const PROGRESS_USAGE = '/进展 #编号 <进展情况>，例如：/进展 #12 初稿已完成，正在征求意见';

export function progressCommand(deps: BotDeps): CommandSpec {
  return {
    name: '进展',
    aliases: ['反馈', 'progress'],
    usage: PROGRESS_USAGE,
    summary: '反馈事项的办理进展',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, PROGRESS_USAGE);
      const text = requireText(ctx.readable(rest), FIELDS.progress, PROGRESS_USAGE, '请写明进展情况。');
      await runItemCommand(deps, ctx, no, { action: 'progress', text });
    },
  };
}
