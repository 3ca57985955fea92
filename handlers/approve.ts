/**
 * `/批准 #n` and `/驳回 #n <理由>` — decide a pending extension request. The lead leader is
 * asked; the group's principal leader and admins may decide too; nobody decides their own.
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { FIELDS } from '../src/domain/limits.ts';

export const APPROVE_USAGE = '/批准 #编号，例如：/批准 #12';
export const REJECT_USAGE = '/驳回 #编号 <理由>，例如：/驳回 #12 时间节点不能推迟';

export function approveCommand(deps: BotDeps): CommandSpec {
  return {
    name: '批准',
    aliases: ['approve'],
    usage: APPROVE_USAGE,
    summary: '批准延期申请（牵头领导、主要负责人或管理员，不能审批自己的申请）',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, APPROVE_USAGE);
      await runItemCommand(deps, ctx, no, { action: 'approve' });
    },
  };
}

export function rejectCommand(deps: BotDeps): CommandSpec {
  return {
    name: '驳回',
    aliases: ['reject'],
    usage: REJECT_USAGE,
    summary: '驳回延期申请并说明理由',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, REJECT_USAGE);
      const reason = requireText(ctx.readable(rest), FIELDS.reason, REJECT_USAGE, '请写明驳回理由。');
      await runItemCommand(deps, ctx, no, { action: 'reject', reason });
    },
  };
}
