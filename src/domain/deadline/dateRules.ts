/**
 * Deadlines that name a calendar day: explicit dates (`2026年12月10日`, `12月10号`,
 * `2026-12-10`, `2026/12/10`) and ends of periods (`月底`, `下月底`, `12月底`, `年底`,
 * `季度末`). A named day is never moved, even onto a working day: the reminder plan avoids
 * non-working days instead (DESIGN §5).
 */
import { daysInMonth, formatDate, isValidDate, yearOf } from '../time.ts';
import { NUMBER, numeralValue } from './numerals.ts';
import type { ParseContext, PhraseRule, Reading } from './types.ts';

function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

function lastDayOfMonth(year: number, month: number): string {
  return formatDate(year, month, daysInMonth(year, month));
}

function impossibleDate(written: string, why: string): Reading {
  return { kind: 'refusal', refusal: 'impossible', reason: `“${written}”不是有效日期：${why}` };
}

/** A day in a given year, or the reason it does not exist. */
function exactDay(written: string, year: number, month: number, day: number): Reading {
  if (month < 1 || month > 12) return impossibleDate(written, '月份只有1到12月');
  if (!isValidDate(year, month, day)) {
    return impossibleDate(written, `${year}年${month}月只有${daysInMonth(year, month)}天`);
  }
  return { kind: 'day', date: formatDate(year, month, day) };
}

/** Reads month and day numbers, skipping matches whose numerals are not numbers (`几月几日`). */
function monthAndDay(m: RegExpExecArray, monthGroup: number): [number, number] | undefined {
  const month = numeralValue(m[monthGroup]!);
  const day = numeralValue(m[monthGroup + 1]!);
  return month === undefined || day === undefined ? undefined : [month, day];
}

const yearMonthDay: PhraseRule = {
  name: 'year month day',
  pattern: `(?<![0-9])([0-9]{4})\\s*年\\s*(${NUMBER})\\s*月\\s*(${NUMBER})\\s*[日号]`,
  read: (m) => {
    const md = monthAndDay(m, 2);
    return md ? exactDay(m[0], Number(m[1]), ...md) : { kind: 'skip' };
  },
};

/**
 * `M月D日` without a year: this year, or next year once this year's day has passed; `今年M月D日`
 * and `明年M月D日` say the year in words.
 */
const monthDay: PhraseRule = {
  name: 'month day',
  pattern: `(?:(今|本|明)年\\s*)?(${NUMBER})\\s*月\\s*(${NUMBER})\\s*[日号]`,
  read: (m, ctx) => {
    const md = monthAndDay(m, 2);
    if (!md) return { kind: 'skip' };
    const [month, day] = md;
    const thisYear = yearOf(ctx.today);
    if (m[1] !== undefined) return exactDay(m[0], thisYear + (m[1] === '明' ? 1 : 0), month, day);
    // Compare as numbers, not dates: `2月29日` must pick its year before we know it exists.
    const passed = month * 100 + day < monthOf(ctx.today) * 100 + Number(ctx.today.slice(8));
    const year = passed ? thisYear + 1 : thisYear;
    const reading = exactDay(m[0], year, month, day);
    if (reading.kind === 'day' && passed) reading.note = `今年的${month}月${day}日已过，按${year}年计`;
    return reading;
  },
};

const isoDate: PhraseRule = {
  name: 'numeric date',
  pattern: '(?<![0-9])([0-9]{4})([-/.])([0-9]{1,2})\\2([0-9]{1,2})(?![0-9])',
  read: (m) => exactDay(m[0], Number(m[1]), Number(m[3]), Number(m[4])),
};

/** `月底`, `本月底`, `下月底`, `下个月末`. */
const monthEnd: PhraseRule = {
  name: 'month end',
  pattern: '(本|这个?|下个?)?月(?:底|末)',
  read: (m, ctx) => {
    const next = m[1]?.startsWith('下') ?? false;
    const year = yearOf(ctx.today);
    const month = monthOf(ctx.today) + (next ? 1 : 0);
    return month > 12
      ? { kind: 'day', date: lastDayOfMonth(year + 1, 1) }
      : { kind: 'day', date: lastDayOfMonth(year, month) };
  },
};

/** `12月底`: that month's last day, next year's once this year's has passed; `明年3月底`. */
const namedMonthEnd: PhraseRule = {
  name: 'named month end',
  pattern: `(?:(?:(?<![0-9])([0-9]{4})\\s*|(今|本|明))年\\s*)?(${NUMBER})\\s*月(?:份)?(?:底|末)`,
  read: (m, ctx) => {
    const month = numeralValue(m[3]!);
    if (month === undefined) return { kind: 'skip' };
    if (month < 1 || month > 12) return impossibleDate(m[0], '月份只有1到12月');
    if (m[1] !== undefined) return { kind: 'day', date: lastDayOfMonth(Number(m[1]), month) };
    const year = yearOf(ctx.today);
    if (m[2] !== undefined)
      return { kind: 'day', date: lastDayOfMonth(year + (m[2] === '明' ? 1 : 0), month) };
    const thisYears = lastDayOfMonth(year, month);
    return thisYears >= ctx.today
      ? { kind: 'day', date: thisYears }
      : { kind: 'day', date: lastDayOfMonth(year + 1, month) };
  },
};

/** `年底`, `今年年底`, `明年底`, `2027年底`. */
const yearEnd: PhraseRule = {
  name: 'year end',
  pattern: '(?:(?<![0-9])([0-9]{4})\\s*|(今|本|明))?年年?(?:底|末)',
  read: (m, ctx) => {
    const year = m[1] !== undefined ? Number(m[1]) : yearOf(ctx.today) + (m[2] === '明' ? 1 : 0);
    return { kind: 'day', date: formatDate(year, 12, 31) };
  },
};

/** `季度末`, `本季度末`, `季末`, `下季度末`, `第四季度末`, `四季度末`. */
const quarterEnd: PhraseRule = {
  name: 'quarter end',
  pattern: '(?:(本|这个?|下个?)|第?([一二三四1-4]))?季度?(?:末|底)',
  read: (m, ctx) => quarterEndReading(m, ctx),
};

function quarterEndReading(m: RegExpExecArray, ctx: ParseContext): Reading {
  const year = yearOf(ctx.today);
  const current = Math.ceil(monthOf(ctx.today) / 3);
  if (m[2] !== undefined) {
    const quarter = numeralValue(m[2]) ?? Number(m[2]);
    const thisYears = lastDayOfMonth(year, quarter * 3);
    return { kind: 'day', date: thisYears >= ctx.today ? thisYears : lastDayOfMonth(year + 1, quarter * 3) };
  }
  const quarter = current + (m[1]?.startsWith('下') ? 1 : 0);
  return quarter > 4
    ? { kind: 'day', date: lastDayOfMonth(year + 1, 3) }
    : { kind: 'day', date: lastDayOfMonth(year, quarter * 3) };
}

export const dateRules: readonly PhraseRule[] = [
  yearMonthDay,
  monthDay,
  isoDate,
  monthEnd,
  namedMonthEnd,
  yearEnd,
  quarterEnd,
];
