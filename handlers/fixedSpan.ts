/**
 * `/反馈问题 <问题> @负责人` (notice 五: problems found in execution fed back within 5 working
 * days) and `/解读 <事项> @负责人` (notice 十: interpretation of major or emergency matters
 * published within 1 working day): one item each, its deadline fixed by the notice.
 */

import {
  inWorkingDays,
  type Milestone,
  milestonesConfirmation,
  recordMilestones,
} from '../src/bot/actions/templates.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import type { ItemKind } from '../src/domain/item.ts';
import { UserError } from '../src/errors.ts';

interface FixedSpanTemplate {
  name: string;
  alias: string;
  kind: ItemKind;
  workingDays: number;
  /** Put before the title of the item: `反馈问题：`. */
  titlePrefix: string;
  usage: string;
  summary: string;
}

function fixedSpanCommand(deps: BotDeps, t: FixedSpanTemplate): CommandSpec {
  return {
    name: t.name,
    aliases: [t.alias],
    usage: t.usage,
    summary: t.summary,
    async run(ctx) {
      if (!ctx.args) throw new UserError('请写明事项并 @ 负责人。', t.usage);
      const clauses = readTaskClauses(ctx.args, ctx.mentions, t.usage);
      const title = checkTitle(clauses.rest, t.usage);
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const { calendar } = options;
      const milestones: Milestone[] = [
        {
          item: {
            kind: t.kind,
            title: `${t.titlePrefix}${title}`,
            owners: clauses.owners,
            lead: clauses.lead,
            unit: clauses.unit,
          },
          deadline: inWorkingDays(t.workingDays, deps.clock.now(), options),
        },
      ];
      const items = await recordMilestones(ctx, deps, milestones);
      await ctx.reply(milestonesConfirmation('已登记', items, milestones, calendar));
    },
  };
}

export const FEEDBACK_USAGE = '/反馈问题 <问题> @负责人 [牵头 @领导]，例如：/反馈问题 项目用地指标不足 @张三';
export const INTERPRET_USAGE = '/解读 <事项> @负责人，例如：/解读 县城燃气价格调整 @李四';

export function feedbackCommand(deps: BotDeps): CommandSpec {
  return fixedSpanCommand(deps, {
    name: '反馈问题',
    alias: 'feedback',
    kind: 'feedback',
    workingDays: 5,
    titlePrefix: '反馈问题：',
    usage: FEEDBACK_USAGE,
    summary: '执行中发现的问题，5个工作日内反馈',
  });
}

export function interpretCommand(deps: BotDeps): CommandSpec {
  return fixedSpanCommand(deps, {
    name: '解读',
    alias: 'interpret',
    kind: 'interpretation',
    workingDays: 1,
    titlePrefix: '政策解读：',
    usage: INTERPRET_USAGE,
    summary: '重大事项、应急事项解读，1个工作日内公布',
  });
}
