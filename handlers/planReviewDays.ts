/**
 * `/计划 检查日 [日期…|默认 [年度]]` — the days a year's plans are reviewed on (notice 五's 10%
 * rule). By default the first working day of December and the year's last working day; an
 * organisation admin may move them (at most four days, all in one year, working days, not past),
 * or put them back with `默认`. Every move is audited. Anyone may look.
 */
import { reviewDaysOf } from '../src/bot/actions/planReview.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import { readDay } from '../src/domain/registers.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const REVIEW_DAYS_USAGE =
  '/计划 检查日 [年度]（查看）；/计划 检查日 12月10日 12月30日（系统管理员改期，最多 4 天）；/计划 检查日 默认 [年度]';
const MAX_DAYS = 4;

export async function planReviewDays(deps: BotDeps, ctx: MessageContext, args: string): Promise<void> {
  const today = localDate(deps.clock.now(), deps.time.timezone);
  const words = args.split(/\s+/u).filter(Boolean);
  const yearWord = words.find((w) => /^\d{4}年?$/u.test(w));
  const reset = words.includes('默认');
  const dayWords = words.filter((w) => w !== yearWord && w !== '默认');
  const yearOf = () => Number((yearWord ?? today).slice(0, 4));
  if (dayWords.length === 0 && !reset) {
    const year = yearOf();
    const { days, set } = await reviewDaysOf(deps, ctx.tenant, year);
    await ctx.reply(
      `${year} 年工作计划检查日：${days.join('、')}（${set ? '管理员设定' : '默认：12 月第一个工作日和年末最后一个工作日'}）。`,
    );
    return;
  }
  if (!deps.authority.isOrgAdmin(ctx.sender.openId))
    throw new UserError('计划检查日由系统管理员设定。', REVIEW_DAYS_USAGE);
  if (reset && dayWords.length > 0) throw new UserError('“默认”之后不用写日期。', REVIEW_DAYS_USAGE);
  const change = { actor: ctx.sender.openId, at: deps.clock.now() };
  if (reset) {
    const year = yearOf();
    await deps.registers.setReviewDays(ctx.tenant, year, undefined, change);
    const { days } = await reviewDaysOf(deps, ctx.tenant, year);
    await ctx.reply(`已恢复 ${year} 年的默认检查日：${days.join('、')}。已记录。`);
    return;
  }
  if (dayWords.length > MAX_DAYS) throw new UserError(`检查日最多 ${MAX_DAYS} 天。`, REVIEW_DAYS_USAGE);
  const calendar = await deps.calendars.calendarFor(ctx.tenant);
  const days: string[] = [];
  for (const word of dayWords) {
    const base = yearWord ? `${yearOf()}${today.slice(4)}` : today;
    const day = readDay(word, base);
    if (!day)
      throw new UserError(
        `“${[...word].slice(0, 20).join('')}”不是日期，请写成 12月10日。`,
        REVIEW_DAYS_USAGE,
      );
    if (day < today) throw new UserError(`${day} 已经过了，请选今天或以后的日子。`, REVIEW_DAYS_USAGE);
    if (!calendar.isWorkingDay(day))
      throw new UserError(
        `${day} 不是工作日，检查只在工作日进行；可改为 ${calendar.nextWorkingDay(day)}。`,
        REVIEW_DAYS_USAGE,
      );
    days.push(day);
  }
  const year = Number(days[0]!.slice(0, 4));
  if (days.some((d) => Number(d.slice(0, 4)) !== year))
    throw new UserError('一次只设定同一年的检查日。', REVIEW_DAYS_USAGE);
  const sorted = [...new Set(days)].sort();
  await deps.registers.setReviewDays(ctx.tenant, year, sorted, change);
  await ctx.reply(
    `已将 ${year} 年工作计划检查日改为：${sorted.join('、')}。已记录。到时未实施超过 10% 的单位须作书面说明。`,
  );
}
