/**
 * `/驳回 #n <理由>` — the lead leader or an admin turns a pending extension down; the deadline
 * stands and the requester is told why.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { extensionRejectedText } from '../src/bot/texts/lifecycleReplies.ts';
import { rejectExtension } from '../src/domain/lifecycle.ts';
import { UserError } from '../src/errors.ts';

export const REJECT_USAGE = '/驳回 #编号 <理由>，例如：/驳回 #12 时间节点不能推迟';
const MAX_REASON_CHARS = 300;

export function rejectCommand(deps: BotDeps): CommandSpec {
  return {
    name: '驳回',
    aliases: ['reject'],
    usage: REJECT_USAGE,
    summary: '驳回延期申请并说明理由（牵头领导或管理员）',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, REJECT_USAGE);
      const reason = ctx.readable(rest).trim();
      if (!reason) throw new UserError('请写明驳回理由。', REJECT_USAGE);
      if ([...reason].length > MAX_REASON_CHARS)
        throw new UserError(`理由太长了（最多 ${MAX_REASON_CHARS} 字）。`, REJECT_USAGE);
      const { before } = await changeItem(deps, ctx, no, rejectExtension, {
        action: 'extension-reject',
        detail: reason,
        usage: REJECT_USAGE,
      });
      await ctx.reply(extensionRejectedText(before, reason, deps.time.timezone));
    },
  };
}
