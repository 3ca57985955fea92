/**
 * `/督查 <事项> 单位 <被检查单位> <日期> [计划内] [特批 理由 …]` — registers an inspection
 * (notice 十七). One outside the plan is registered at least 10 days ahead — earlier only when
 * an organisation admin lets it through with a reason (特批); the same matter for the same unit
 * twice in one quarter is refused, pointing to the first (合并督查). `/督查 计划 [年度]` lists
 * the year's inspections, planned or not, done or to come.
 */
import { requireTitle, takeClause, takeDay, takeFlag, takeUnit } from '../src/bot/args/registerArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { duplicateInspection, type InspectionEntry, inspectionRefusal } from '../src/domain/registers.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const INSPECTION_USAGE =
  '/督查 <事项> 单位 <被检查单位> <日期> [计划内]，例如：/督查 安全生产大检查 单位 县应急局 12月20日 计划内；/督查 计划 2026';

async function planText(deps: BotDeps, tenant: string, year: string, today: string): Promise<string> {
  const all = (await deps.registers.all(tenant, 'inspection'))
    .filter((i) => i.date.startsWith(year))
    .sort((a, b) => a.date.localeCompare(b.date) || a.no - b.no);
  if (all.length === 0) return `${year} 年还没有登记督查。`;
  const line = (i: InspectionEntry) =>
    `督查#${i.no} ${i.date} ${i.matter} · ${i.unit} · ${i.planned ? '计划内' : i.override ? '计划外（特批）' : '计划外'} · ${i.date <= today ? '已开展' : '待开展'}`;
  const planned = all.filter((i) => i.planned).length;
  return [
    `📋 ${year} 年督查：共 ${all.length} 次，计划内 ${planned} 次，计划外 ${all.length - planned} 次。`,
    ...all.map(line),
  ].join('\n');
}

export function inspectionCommand(deps: BotDeps): CommandSpec {
  return {
    name: '督查',
    aliases: ['inspection'],
    usage: INSPECTION_USAGE,
    summary: '登记督查：计划外须提前 10 日报备，同一事项同一单位一个季度只督查一次（通知第十七条）',
    async run(ctx) {
      const now = deps.clock.now();
      const today = localDate(now, deps.time.timezone);
      const plan = /^计划(?:\s+(\d{4})年?)?$/u.exec(ctx.args.trim());
      if (plan || !ctx.args.trim()) {
        await ctx.reply(await planText(deps, ctx.tenant, plan?.[1] ?? today.slice(0, 4), today));
        return;
      }
      let rest = ctx.args;
      const special = takeClause(rest, '特批\\s*理由', INSPECTION_USAGE);
      rest = special.rest;
      if (!special.value && /(?:^|\s)特批(?=\s|$)/u.test(rest))
        throw new UserError('请写明特批理由：“特批 理由 <为什么需要提前>”。', INSPECTION_USAGE);
      const unit = takeUnit(rest, INSPECTION_USAGE);
      if (!unit.value) throw new UserError('请写明被检查单位：“单位 <名称>”。', INSPECTION_USAGE);
      rest = unit.rest;
      const planned = takeFlag(rest, ['计划内']);
      rest = planned.rest;
      const day = takeDay(rest, today);
      if (!day.value) throw new UserError('请写明督查日期，例如“12月20日”或“2026-12-20”。', INSPECTION_USAGE);
      if (day.value < today)
        throw new UserError(`督查日期 ${day.value} 已经过去，请写今天或以后的日期。`, INSPECTION_USAGE);
      const matter = requireTitle(day.rest, '督查事项', INSPECTION_USAGE);
      const isPlanned = !!planned.value;
      // 计划内 lifts the 10-day rule: the annual inspection plan is the admins' to keep.
      if (isPlanned && !(await deps.authority.mayConfigureGroup(ctx.tenant, ctx.chatId, ctx.sender.openId)))
        throw new UserError(
          '“计划内”由本群管理员或系统管理员登记（督查计划由他们维护）；计划外的督查请提前 10 日登记，不写“计划内”。',
          INSPECTION_USAGE,
        );
      const refusal = inspectionRefusal({ date: day.value, planned: isPlanned }, today);
      let override: InspectionEntry['override'];
      if (refusal) {
        if (!special.value || !deps.authority.isOrgAdmin(ctx.sender.openId)) {
          const note = special.value ? '（特批只能由系统管理员登记。）' : '';
          throw new UserError(`${refusal}${note}`, INSPECTION_USAGE);
        }
        override = { by: ctx.sender.openId, reason: special.value };
      }
      const earlier = duplicateInspection(await deps.registers.all(ctx.tenant, 'inspection'), {
        matter,
        unit: unit.value,
        date: day.value,
      });
      if (earlier)
        throw new UserError(
          `本季度已登记过同一事项的督查：督查#${earlier.no} ${earlier.date} ${earlier.matter} · ${earlier.unit}。一定时间内同一事项只督查一次，请与其合并督查或联合督查。`,
          INSPECTION_USAGE,
        );
      const entry: Omit<InspectionEntry, 'no'> = {
        kind: 'inspection',
        chatId: ctx.chatId,
        by: ctx.sender.openId,
        createdAt: now,
        matter,
        unit: unit.value,
        date: day.value,
        planned: isPlanned,
        ...(override ? { override } : {}),
      };
      const { entry: saved } = await deps.registers.add<'inspection'>(
        ctx.tenant,
        entry,
        ctx.messageId,
        `${matter} ${unit.value} ${day.value}`,
      );
      await ctx.reply(
        `🔎 已登记 督查#${saved.no}：${matter} · 被检查单位 ${saved.unit} · ${saved.date} · ${saved.planned ? '计划内' : saved.override ? `计划外（特批：${saved.override.reason}）` : '计划外（已提前 10 日报备）'}。`,
      );
    },
  };
}
