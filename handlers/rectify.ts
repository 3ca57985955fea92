/**
 * `/整改 <问题> 牵头 @领导 单位 <名称> <时限> 要求 <工作要求>` — notice (十四): every item of a
 * rectification list names its lead leader, responsible unit, deadline and requirement, and is
 * tracked to the end; it is closed (销号) only when the lead leader confirms.
 */

import { type Milestone, milestonesConfirmation, recordMilestones } from '../src/bot/actions/templates.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { escapeText } from '../src/bot/texts/format.ts';
import { splitTrailingDeadline } from '../src/domain/deadline/index.ts';
import { exceeds, FIELDS, tooLongText } from '../src/domain/limits.ts';
import { UserError } from '../src/errors.ts';

export const RECTIFY_USAGE =
  '/整改 <问题> [@负责人] 牵头 @领导 单位 <名称> <时限> 要求 <工作要求>，例如：/整改 消防通道堵塞 @李四 牵头 @王主任 单位 城管局 12月20日前 要求 全面清理并建立巡查台账';

/** `要求` starts the requirement only as a word of its own: `未按要求公示` stays in the problem. */
const REQUIREMENT = /(?:^|\s)(?:工作)?要求\s*[:：]?\s*([\s\S]*)$/u;

export function rectifyCommand(deps: BotDeps): CommandSpec {
  return {
    name: '整改',
    aliases: ['rectify'],
    usage: RECTIFY_USAGE,
    summary: '登记整改事项（牵头领导、责任单位、完成时限、工作要求缺一不可），牵头领导确认后销号',
    async run(ctx) {
      const m = REQUIREMENT.exec(ctx.args);
      const requirement = m?.[1]?.trim();
      // An @ after 要求 would be read as words of the requirement, and the lead leader taken as
      // the owner without a word (trial): say where the owner goes instead.
      if (requirement && /@_user_\d+/u.test(requirement))
        throw new UserError(
          '工作要求里有 @某人：负责人请写在“要求”之前，例如 /整改 消防通道堵塞 @李四 牵头 @王主任 单位 城管局 12月20日前 要求 全面清理。',
          RECTIFY_USAGE,
        );
      const head = m ? ctx.args.slice(0, m.index) : ctx.args;
      const clauses = readTaskClauses(head, ctx.mentions, RECTIFY_USAGE, { ownersRequired: false });
      const calendar = await deps.calendars.calendarFor(ctx.tenant);
      const now = deps.clock.now();
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const { title, deadline } = splitTrailingDeadline(clauses.rest, now, options);
      const missing = [
        clauses.lead ? undefined : '牵头领导（牵头 @领导）',
        clauses.unit ? undefined : '责任单位（单位 名称）',
        deadline.ok ? undefined : `完成时限（${deadline.ok ? '' : deadline.reason}）`,
        requirement ? undefined : '工作要求（要求 …）',
      ].filter((x): x is string => x !== undefined);
      if (missing.length > 0) throw new UserError(`整改事项还缺：${missing.join('；')}。`, RECTIFY_USAGE);
      if (!deadline.ok || !clauses.lead || !requirement) throw new Error('unreachable');
      if (exceeds(requirement, FIELDS.requirement.max))
        throw new UserError(tooLongText(FIELDS.requirement, requirement), RECTIFY_USAGE);
      const milestones: Milestone[] = [
        {
          item: {
            kind: 'rectification',
            title: checkTitle(title, RECTIFY_USAGE),
            owners: clauses.owners.length > 0 ? clauses.owners : [clauses.lead],
            lead: clauses.lead,
            unit: clauses.unit,
            requirement: ctx.readable(requirement),
          },
          deadline,
        },
      ];
      const items = await recordMilestones(ctx, deps, milestones);
      // The lead leader and the unit are on every template's confirmation (`milestonesConfirmation`).
      const extra = [
        `工作要求：${escapeText(ctx.readable(requirement))}`,
        `整改完成后由负责人发送 /完成 #${items[0]?.no} 整改情况，牵头领导确认后销号。`,
      ];
      await ctx.reply(milestonesConfirmation('已登记整改事项', items, milestones, calendar, extra));
    },
  };
}
