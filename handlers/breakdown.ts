/**
 * `/分解 <任务> @负责人 <截止> 按季|按月|按周` — notice (六): a long task split into quarters,
 * months or weeks. The task is one item; each period adds a check-in item asking its owner for
 * progress by the period's last working day, at the chat's office end.
 */

import { type Milestone, milestonesConfirmation, recordMilestones } from '../src/bot/actions/templates.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { MAX_CHECK_INS, PERIOD_WORDS, planCheckIns } from '../src/domain/breakdown.ts';
import { splitTrailingDeadline } from '../src/domain/deadline/index.ts';
import { UserError } from '../src/errors.ts';

export const BREAKDOWN_USAGE =
  '/分解 <任务> @负责人 <截止> 按季|按月|按周，例如：/分解 完成年度招商引资任务 @张三 2027年12月31日 按季';

const PERIOD = /(?:^|\s)(按季度?|按月|按周)\s*$/u;
const PERIOD_CN = { quarter: '季度', month: '月', week: '周' } as const;

export function breakdownCommand(deps: BotDeps): CommandSpec {
  return {
    name: '分解',
    aliases: ['breakdown'],
    usage: BREAKDOWN_USAGE,
    summary: '把任务分解到季、月或周，每期末请负责人报告进展',
    async run(ctx) {
      const m = PERIOD.exec(ctx.args);
      const period = m ? PERIOD_WORDS[m[1]!] : undefined;
      if (!m || !period) throw new UserError('请在最后写明分解方式：按季、按月或按周。', BREAKDOWN_USAGE);
      const clauses = readTaskClauses(ctx.args.slice(0, m.index), ctx.mentions, BREAKDOWN_USAGE);
      const calendar = await deps.calendars.calendarFor(ctx.tenant);
      const now = deps.clock.now();
      // The chat's office end, read once: the task's deadline and its check-ins both end there.
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const { title: rawTitle, deadline } = splitTrailingDeadline(clauses.rest, now, options);
      if (!deadline.ok) throw new UserError(deadline.reason, BREAKDOWN_USAGE);
      const title = checkTitle(rawTitle, BREAKDOWN_USAGE);
      const checkIns = planCheckIns(now, deadline.due, period, calendar, options.workdayEnd);
      if (!checkIns) {
        throw new UserError(
          `按${PERIOD_CN[period]}分解会超过 ${MAX_CHECK_INS} 期，请改用更长的周期。`,
          BREAKDOWN_USAGE,
        );
      }
      const common = { owners: clauses.owners, lead: clauses.lead, unit: clauses.unit };
      const parent: Milestone = { item: { ...common, kind: 'breakdown', title }, deadline };
      const [parentItem] = await recordMilestones(ctx, deps, [parent]);
      const children: Milestone[] = checkIns.map((c) => ({
        item: {
          ...common,
          kind: 'checkin',
          title: `进展报告（${c.label}）：${title}`,
          parentNo: parentItem?.no,
        },
        deadline: {
          ok: true,
          due: c.due,
          allDay: true,
          explanation: `${c.label}末`,
          uncoveredYears: [],
          matched: '',
        },
      }));
      const childItems = await recordMilestones(ctx, deps, children, 1);
      const extra =
        checkIns.length === 0
          ? [`截止前不足一个${PERIOD_CN[period]}，未安排分期进展报告。`]
          : [`每期末请负责人用 /进展 或 /完成 报告进展，共 ${checkIns.length} 期。`];
      await ctx.reply(
        milestonesConfirmation(
          `已分解任务（按${PERIOD_CN[period]}）`,
          [parentItem!, ...childItems],
          [parent, ...children],
          calendar,
          extra,
        ),
      );
    },
  };
}
