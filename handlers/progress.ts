/**
 * `/进展 #n <内容>` — progress feedback: the latest on the item, every report in its history.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { progressText } from '../src/bot/texts/lifecycleReplies.ts';
import { recordProgress } from '../src/domain/lifecycle.ts';
import { UserError } from '../src/errors.ts';

export const PROGRESS_USAGE = '/进展 #编号 <进展情况>，例如：/进展 #12 初稿已完成，正在征求意见';
const MAX_PROGRESS_CHARS = 500;

export function progressCommand(deps: BotDeps): CommandSpec {
  return {
    name: '进展',
    aliases: ['progress'],
    usage: PROGRESS_USAGE,
    summary: '反馈事项的办理进展',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, PROGRESS_USAGE);
      const text = ctx.readable(rest).trim();
      if (!text) throw new UserError('请写明进展情况。', PROGRESS_USAGE);
      if ([...text].length > MAX_PROGRESS_CHARS)
        throw new UserError(`进展太长了（最多 ${MAX_PROGRESS_CHARS} 字）。`, PROGRESS_USAGE);
      const { after } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor, now) => recordProgress(item, text, actor, now),
        { action: 'progress', detail: text, usage: PROGRESS_USAGE },
      );
      await ctx.reply(progressText(after));
    },
  };
}
