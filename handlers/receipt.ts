/**
 * `/收文 <文件标题> [@经办人] [牵头 @领导]` — notice (六): report a superior document to the
 * principal the day it arrives, and arrange its implementation within 3 working days.
 */

import {
  inWorkingDays,
  type Milestone,
  milestonesConfirmation,
  recordMilestones,
  sameWorkingDay,
} from '../src/bot/actions/templates.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { UserError } from '../src/errors.ts';

export const RECEIPT_USAGE =
  '/收文 <文件标题> [@经办人] [牵头 @领导]，例如：/收文 关于做好冬季安全生产工作的通知 @张三';

export function receiptCommand(deps: BotDeps): CommandSpec {
  return {
    name: '收文',
    aliases: ['receipt'],
    usage: RECEIPT_USAGE,
    summary: '登记上级来文：当日报告主要负责人，3个工作日内安排落实',
    async run(ctx) {
      if (!ctx.args) throw new UserError('请写明文件标题。', RECEIPT_USAGE);
      const clauses = readTaskClauses(ctx.args, ctx.mentions, RECEIPT_USAGE, { ownersRequired: false });
      const title = checkTitle(clauses.rest.replace(/^《|》$/gu, ''), RECEIPT_USAGE);
      const owners = clauses.owners.length > 0 ? clauses.owners : [ctx.sender];
      const now = deps.clock.now();
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const { calendar } = options;
      const common = { kind: 'receipt' as const, owners, lead: clauses.lead, unit: clauses.unit };
      const milestones: Milestone[] = [
        { item: { ...common, title: `报告主要负责人：${title}` }, deadline: sameWorkingDay(now, options) },
        { item: { ...common, title: `安排落实：${title}` }, deadline: inWorkingDays(3, now, options) },
      ];
      const items = await recordMilestones(ctx, deps, milestones);
      await ctx.reply(milestonesConfirmation(`已登记收文《${title}》`, items, milestones, calendar));
    },
  };
}
