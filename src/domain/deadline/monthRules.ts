/**
 * Days named within a month (DESIGN §5): the ends of its thirds (`12月中旬`, `下月上旬` = the
 * 10th, the 20th, the last day), a day of this or next month (`本月15日`, `下月10号`), and a
 * bare day (`15号前`: this month's, or next month's once this month's has passed).
 */
import { daysInMonth, formatDate, yearOf } from '../time.ts';
import { NUMBER, numeralValue } from './numerals.ts';
import type { ParseContext, PhraseRule, Reading } from './types.ts';

const THIRDS: Readonly<Record<string, string>> = { 上: '上旬', 中: '中旬', 下: '下旬' };

function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

function dayOf(date: string): number {
  return Number(date.slice(8, 10));
}

/** [year, month] of this month (`本月`, `这个月`) or the next (`下月`, `下个月`). */
function namedMonth(which: string, ctx: ParseContext): [number, number] {
  const [year, month] = [yearOf(ctx.today), monthOf(ctx.today)];
  if (!which.startsWith('下')) return [year, month];
  return month === 12 ? [year + 1, 1] : [year, month + 1];
}

function thirdEnd(year: number, month: number, part: string): string {
  const day = part === '上' ? 10 : part === '中' ? 20 : daysInMonth(year, month);
  return formatDate(year, month, day);
}

function noSuchDay(written: string, year: number, month: number, day: number): Reading {
  return {
    kind: 'refusal',
    refusal: 'impossible',
    reason: `“${written}”不是有效日期：${year}年${month}月只有${daysInMonth(year, month)}天，没有${day}日`,
  };
}

/** `12月中旬`, `2027年1月上旬`, `明年3月下旬`, `本月下旬`, `下个月上旬`. */
const monthThird: PhraseRule = {
  name: 'third of a month',
  pattern: `(?:(?:(?<![0-9])([0-9]{4})\\s*年|(今|本|明)年)\\s*)?(?:(${NUMBER})\\s*月份?|(本|这个?|下个?)月)\\s*的?\\s*([上中下])旬`,
  read: (m, ctx) => {
    const part = m[5]!;
    const label = `${THIRDS[part]}末`;
    if (m[4] !== undefined) {
      const [year, month] = namedMonth(m[4], ctx);
      return { kind: 'day', date: thirdEnd(year, month, part), how: `${month}月${label}` };
    }
    const month = numeralValue(m[3]!);
    if (month === undefined) return { kind: 'skip' };
    if (month < 1 || month > 12) {
      return { kind: 'refusal', refusal: 'impossible', reason: `“${m[0]}”不是有效日期：月份只有1到12月` };
    }
    const thisYear = yearOf(ctx.today);
    if (m[1] !== undefined || m[2] !== undefined) {
      const year = m[1] !== undefined ? Number(m[1]) : thisYear + (m[2] === '明' ? 1 : 0);
      return { kind: 'day', date: thirdEnd(year, month, part), how: `${month}月${label}` };
    }
    const thisYears = thirdEnd(thisYear, month, part);
    if (thisYears >= ctx.today) return { kind: 'day', date: thisYears, how: `${month}月${label}` };
    return {
      kind: 'day',
      date: thirdEnd(thisYear + 1, month, part),
      how: `${month}月${label}`,
      note: `今年的${month}月${THIRDS[part]}已过，按${thisYear + 1}年计`,
    };
  },
};

/** `本月15日`, `这个月15号`, `下月10日`, `下个月10号`. */
const dayOfNamedMonth: PhraseRule = {
  name: 'day of this or next month',
  pattern: `(本|这个?|下个?)月\\s*(${NUMBER})\\s*[日号]`,
  read: (m, ctx) => {
    const day = numeralValue(m[2]!);
    if (day === undefined) return { kind: 'skip' };
    const [year, month] = namedMonth(m[1]!, ctx);
    if (day < 1 || day > daysInMonth(year, month)) return noSuchDay(m[0], year, month, day);
    return { kind: 'day', date: formatDate(year, month, day) };
  },
};

/**
 * `15号前`, `15日`: this month's day, or next month's once this month's has passed. `两日` and
 * numbers past 31 are not read as days (`两日` is a span, `100号` a file number).
 */
const bareDay: PhraseRule = {
  name: 'bare day of month',
  pattern: `(?<!月\\s*)(${NUMBER})\\s*[日号]`,
  read: (m, ctx) => {
    if (m[1]!.includes('两')) return { kind: 'skip' };
    const day = numeralValue(m[1]!);
    if (day === undefined || day < 1 || day > 31) return { kind: 'skip' };
    const passed = day < dayOf(ctx.today);
    const [year, month] = namedMonth(passed ? '下' : '本', ctx);
    if (day > daysInMonth(year, month)) return noSuchDay(m[0], year, month, day);
    const reading: Reading = { kind: 'day', date: formatDate(year, month, day) };
    if (passed) reading.note = `本月${day}日已过，按${month}月计`;
    return reading;
  },
};

export const monthRules: readonly PhraseRule[] = [monthThird, dayOfNamedMonth, bareDay];
