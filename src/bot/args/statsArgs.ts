/**
 * `/统计` and `/台账`'s arguments: `[本周|上周|本月|上月|本季度|上季度|本年|去年|M月|YYYY年|YYYY年M月]
 * [单位 <名称>] [类型 <任务|收文|整改|…>]`, in any order. The period defaults to 本月; its bounds
 * are local midnights in the office's time zone, a week starting on Monday.
 */

import type { Period } from '../../domain/figures.ts';
import type { ItemKind } from '../../domain/item.ts';
import { exceeds, FIELDS, tooLongText } from '../../domain/limits.ts';
import { weekStart } from '../../domain/periodicSchedule.ts';
import { KIND_CN } from '../../domain/statistics.ts';
import { addDays, atLocal, daysInMonth, formatDate, localDate } from '../../domain/time.ts';
import { UserError } from '../../errors.ts';

export interface StatsRequest {
  period: Period;
  unit?: string;
  kind?: ItemKind;
}

const PERIOD_WORDS = '本周|上周|本月|上月|本季度|上季度|本年|今年|去年|M月|YYYY年|YYYY年M月';

export const statsUsage = (command: string): string =>
  `/${command} [${PERIOD_WORDS}] [单位 名称] [类型 ${Object.values(KIND_CN).join('|')}]，例如：/${command} 本月、/${command} 上季度 单位 办公室、/${command} 2026年 类型 整改`;

const KIND_BY_CN = new Map<string, ItemKind>(
  (Object.entries(KIND_CN) as Array<[ItemKind, string]>).flatMap(([k, cn]) => [
    [cn, k],
    [k, k],
  ]),
);
KIND_BY_CN.set('反馈', 'feedback');
KIND_BY_CN.set('政策解读', 'interpretation');

/** The period a word names, seen from `today` (`YYYY-MM-DD`). */
function periodOf(word: string, today: string, tz: string): Period | undefined {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const days = (from: string, toExclusive: string, label: string): Period => ({
    label,
    from: atLocal(from, '00:00', tz),
    to: atLocal(toExclusive, '00:00', tz),
  });
  const month = (year: number, mon: number, label: string) =>
    days(formatDate(year, mon, 1), addDays(formatDate(year, mon, daysInMonth(year, mon)), 1), label);
  const quarter = (year: number, q: number, label: string) =>
    days(
      formatDate(year, q * 3 + 1, 1),
      addDays(formatDate(year, q * 3 + 3, daysInMonth(year, q * 3 + 3)), 1),
      label,
    );
  const year = (yr: number, label: string) => days(formatDate(yr, 1, 1), formatDate(yr + 1, 1, 1), label);
  switch (word) {
    case '本周':
    case '这周':
      return days(weekStart(today), addDays(weekStart(today), 7), '本周');
    case '上周':
      return days(addDays(weekStart(today), -7), weekStart(today), '上周');
    case '本月':
    case '这个月':
      return month(y, m, '本月');
    case '上月':
    case '上个月':
      return m === 1 ? month(y - 1, 12, '上月') : month(y, m - 1, '上月');
    case '本季度':
      return quarter(y, Math.floor((m - 1) / 3), '本季度');
    case '上季度': {
      const q = Math.floor((m - 1) / 3);
      return q === 0 ? quarter(y - 1, 3, '上季度') : quarter(y, q - 1, '上季度');
    }
    case '本年':
    case '今年':
    case '本年度':
      return year(y, '本年');
    case '去年':
    case '上年':
      return year(y - 1, '去年');
  }
  const ym = /^(\d{4})年(?:(\d{1,2})月)?$/u.exec(word);
  if (ym) {
    const yr = Number(ym[1]);
    if (yr < 2000 || yr > 2100) return undefined;
    if (ym[2] === undefined) return year(yr, `${yr}年`);
    const mon = Number(ym[2]);
    return mon >= 1 && mon <= 12 ? month(yr, mon, `${yr}年${mon}月`) : undefined;
  }
  const mOnly = /^(\d{1,2})月$/u.exec(word);
  if (mOnly) {
    const mon = Number(mOnly[1]);
    // A month later in the year than now is last year's: in March, "12月" is last December.
    return mon >= 1 && mon <= 12
      ? month(mon > m ? y - 1 : y, mon, `${mon > m ? y - 1 : y}年${mon}月`)
      : undefined;
  }
  return undefined;
}

export function readStatsArgs(args: string, command: string, now: number, timezone: string): StatsRequest {
  const usage = statsUsage(command);
  let rest = args.replace(/\s+/gu, ' ').trim();
  let unit: string | undefined;
  let kind: ItemKind | undefined;
  // `单位` and `类型` each take the one word after them (a unit's name has no spaces).
  if (/(?:^|\s)(?:责任)?单位\s*[:：]?\s*$/u.test(rest) || /(?:^|\s)(?:责任)?单位\s*[:：]?\s*类型/u.test(rest))
    throw new UserError('“单位”后面请写上单位名称，例如：单位 县住建委。', usage);
  if (/(?:^|\s)类型\s*[:：]?\s*$/u.test(rest))
    throw new UserError('“类型”后面请写上类型，例如：类型 整改。', usage);
  if ((rest.match(/(?:^|\s)类型(?=\s|[:：])/gu) ?? []).length > 1)
    throw new UserError('只能写一个类型。', usage);
  if ((rest.match(/(?:^|\s)(?:责任)?单位(?=\s|[:：])/gu) ?? []).length > 1)
    throw new UserError('只能写一个单位。', usage);
  const unitMatch = /(?:^|\s)(?:责任)?单位\s*[:：]?\s*([^\s@]+)/u.exec(rest);
  if (unitMatch) {
    unit = unitMatch[1]!.trim();
    if (exceeds(unit, FIELDS.unit.max)) throw new UserError(tooLongText(FIELDS.unit, unit), usage);
    rest = `${rest.slice(0, unitMatch.index)} ${rest.slice(unitMatch.index + unitMatch[0].length)}`.trim();
  }
  const kindMatch = /(?:^|\s)类型\s*[:：]?\s*(\S+)/u.exec(rest);
  if (kindMatch) {
    kind = KIND_BY_CN.get(kindMatch[1]!);
    if (!kind)
      throw new UserError(
        `没有“${kindMatch[1]}”这种类型：可选 ${Object.values(KIND_CN).join('、')}。`,
        usage,
      );
    rest = `${rest.slice(0, kindMatch.index)} ${rest.slice(kindMatch.index + kindMatch[0].length)}`.trim();
  }
  const today = localDate(now, timezone);
  let period = periodOf('本月', today, timezone)!;
  if (rest) {
    const named = periodOf(rest.replace(/\s/gu, ''), today, timezone);
    if (!named)
      throw new UserError(`看不懂“${rest}”：时间段可以写 ${PERIOD_WORDS.replaceAll('|', '、')}。`, usage);
    period = named;
  }
  if (period.from > now) throw new UserError(`${period.label}还没有开始，请换一个已经开始的时间段。`, usage);
  return { period, ...(unit ? { unit } : {}), ...(kind ? { kind } : {}) };
}
