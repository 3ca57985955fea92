/**
 * `/取消 #n <理由>` — close an item that is no longer needed; its reminders stop.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { alreadyClosedText, cancelledText } from '../src/bot/texts/lifecycleReplies.ts';
import { cancelItem } from '../src/domain/lifecycle.ts';
import { UserError } from '../src/errors.ts';

export const CANCEL_USAGE = '/取消 #编号 <理由>，例如：/取消 #12 会议决定不再推进';
const MAX_REASON_CHARS = 300;

export function cancelCommand(deps: BotDeps): CommandSpec {
  return {
    name: '取消',
    aliases: ['cancel'],
    usage: CANCEL_USAGE,
    summary: '取消不再需要办理的事项并说明理由',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, CANCEL_USAGE);
      const reason = ctx.readable(rest).trim();
      if (!reason) throw new UserError('请写明取消理由。', CANCEL_USAGE);
      if ([...reason].length > MAX_REASON_CHARS)
        throw new UserError(`理由太长了（最多 ${MAX_REASON_CHARS} 字）。`, CANCEL_USAGE);
      const { after, changed } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor, now) => cancelItem(item, reason, actor, now),
        { action: 'cancel', detail: reason, usage: CANCEL_USAGE },
      );
      await ctx.reply(changed ? cancelledText(after, reason) : alreadyClosedText(after, deps.time.timezone));
    },
  };
}
