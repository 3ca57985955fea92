/**
 * Annual work plans and the 10% rule (notice 五):
 * - `/计划 导入 <年度> 单位 <名称> [牵头 @领导]` with one plan item per line, or an `.xlsx`
 *   sent next (`planImport.ts`): a preview card lists what was read and what was not; 确认导入
 *   records each as an item of kind 计划;
 * - `/计划 [年度] [单位 <名称>]`: each unit's implementation (实施 / 未实施 / 比例), over 10% in red;
 * - `/计划 不再实施 #n <理由>`: a plan item given up, for its lead leader or an organisation admin;
 * - `/计划 检查 [年度]`: the review (organisation admins) — also run by itself on the review days,
 *   which `/计划 检查日` shows and an organisation admin moves (`planReviewDays.ts`).
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { reviewPlans } from '../src/bot/actions/planReview.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { scopeRows } from '../src/bot/views/statsScope.ts';
import { rolesOn } from '../src/domain/access.ts';
import { chatTypeOf } from '../src/domain/item.ts';
import { FIELDS } from '../src/domain/limits.ts';
import { implementationByUnit, UNIMPLEMENTED_LIMIT } from '../src/domain/plans.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { importPlan, PLAN_USAGE } from './planImport.ts';
import { planReviewDays } from './planReviewDays.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

async function showPlans(deps: BotDeps, ctx: MessageContext, args: string): Promise<void> {
  const today = localDate(deps.clock.now(), deps.time.timezone);
  const year = Number(/(\d{4})/.exec(args)?.[1] ?? today.slice(0, 4));
  const unit = /单位\s*[:：]?\s*(\S+)/u.exec(args)?.[1];
  // The same scope as /统计: in a group its own plans, privately what the asker holds a role on.
  const scope = await scopeRows(
    deps.authority,
    { tenant: ctx.tenant, openId: ctx.sender.openId, chatId: ctx.chatId, chatType: chatTypeOf(ctx.chatType) },
    await deps.figures.all(ctx.tenant),
  );
  const units = implementationByUnit(scope.rows, year, deps.clock.now()).filter(
    (u) => !unit || u.unit === unit,
  );
  if (units.length === 0) {
    await ctx.reply(
      `${year} 年还没有导入${unit ? ` ${unit} 的` : ''}工作计划。用 /计划 导入 ${year} 单位 <名称> 导入。`,
    );
    return;
  }
  const lines = units.map(
    (u) =>
      `${u.over ? '🔴' : '🟢'} ${u.unit}：共 ${u.total} 项，实施 ${u.implemented}，未实施 ${u.unimplemented}（${pct(u.share)}）${u.pending > 0 ? `，在办 ${u.pending}（未到期）` : ''}${u.over ? '，超过 10%，须作书面说明' : ''}`,
  );
  await ctx.reply(
    [
      `📋 ${year} 年工作计划实施情况（${scope.label}；逾期未完成或不再实施的为未实施，超过 ${pct(UNIMPLEMENTED_LIMIT)} 须向县政府作书面说明）`,
      ...lines,
    ].join('\n'),
  );
}

export function planCommand(deps: BotDeps): CommandSpec {
  return {
    name: '计划',
    aliases: ['plan'],
    usage: PLAN_USAGE,
    summary: '导入年度工作计划，跟踪实施比例，未实施超过 10% 的单位须作书面说明（通知第五条）',
    async run(ctx) {
      const args = ctx.args.trim();
      if (/^导入/u.test(args)) return importPlan(deps, ctx);
      const giveUp = /^不再实施\s*(.*)$/u.exec(args);
      if (giveUp) {
        const { no, rest } = parseItemRef(giveUp[1]!, PLAN_USAGE);
        const reason = requireText(ctx.readable(rest), FIELDS.reason, PLAN_USAGE, '请写明不再实施的理由。');
        const item = await deps.items.get(ctx.tenant, no);
        if (item?.kind === 'plan') {
          const roles = rolesOn(item, await deps.authority.actorOn(item, ctx.sender, ctx.chatId));
          if (!roles.has('lead') && !roles.has('orgAdmin'))
            throw new UserError(`计划事项 #${no} 是否不再实施，由牵头领导或系统管理员决定。`, PLAN_USAGE);
        } else if (item) throw new UserError(`#${no} 不是计划事项；其他事项请用 /取消。`, PLAN_USAGE);
        await runItemCommand(deps, ctx, no, { action: 'cancel', reason: `不再实施：${reason}` });
        return;
      }
      const reviewDays = /^检查日\s*(.*)$/u.exec(args);
      if (reviewDays) return planReviewDays(deps, ctx, reviewDays[1]!);
      const check = /^检查\s*(\d{4})?/u.exec(args);
      if (check) {
        if (!deps.authority.isOrgAdmin(ctx.sender.openId))
          throw new UserError('计划检查由系统管理员发起。', PLAN_USAGE);
        const year = Number(check[1] ?? localDate(deps.clock.now(), deps.time.timezone).slice(0, 4));
        const { units, explanations } = await reviewPlans(deps, ctx.tenant, year);
        const over = units.filter((u) => u.over);
        await ctx.reply(
          over.length === 0
            ? `${year} 年各单位计划未实施均未超过 10%。`
            : [
                `${year} 年计划检查：${over.length} 个单位未实施超过 10%：`,
                ...explanations.map((e) =>
                  e.stillOpen
                    ? `${e.unit}：书面说明 #${e.no} 仍未办结，不重复登记`
                    : `${e.unit}：已登记书面说明 #${e.no}`,
                ),
              ].join('\n'),
        );
        return;
      }
      return showPlans(deps, ctx, args);
    },
  };
}
