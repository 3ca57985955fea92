/**
 * Deadlines named by a holiday (DESIGN §5): `国庆节前` is the end of the last working day before
 * the holiday's official days off; `春节后第1个工作日` and `春节后3个工作日内` the end of the Nth
 * working day after the last of them. The holiday is the next one that has not begun (`前`) or
 * not ended (`后`), with its days from the working-day calendar, so 调休 counts: before 2026's
 * 春节 the last working day is Saturday 2月14日.
 *
 * When the arrangement of that year is unknown (no data, no imported notice), the phrase is
 * refused with a date to type instead: a guess at a holiday's days is exactly what a notice
 * exists to settle.
 */
import type { WorkingDayCalendar } from '../calendar.ts';
import { HOLIDAY_NAME, type HolidayKey, holidayKey } from '../holidays.ts';
import { addDays, formatMonthDay, yearOf } from '../time.ts';
import { NUMBER } from './numerals.ts';
import { readCount } from './relativeRules.ts';
import type { ParseContext, PhraseRule, Reading } from './types.ts';

const MAX_WORKING_DAYS_AFTER = 100;

/** An example date to type when a holiday's year is unknown: [month, day] before / after it. */
const EXAMPLE_DAYS: Readonly<Record<HolidayKey, readonly [[number, number], [number, number]]>> = {
  元旦: [
    [12, 31],
    [1, 5],
  ],
  春节: [
    [2, 1],
    [2, 26],
  ],
  清明节: [
    [4, 2],
    [4, 8],
  ],
  劳动节: [
    [4, 30],
    [5, 8],
  ],
  端午节: [
    [5, 29],
    [6, 25],
  ],
  中秋节: [
    [9, 10],
    [9, 30],
  ],
  国庆节: [
    [9, 30],
    [10, 9],
  ],
};

interface Span {
  first: string;
  last: string;
}

function describeSpan({ first, last }: Span, currentYear: number): string {
  const from = formatMonthDay(first, currentYear);
  return first === last ? from : `${from}至${formatMonthDay(last, currentYear)}`;
}

function unknownYear(
  calendar: WorkingDayCalendar,
  key: HolidayKey,
  year: number,
  written: string,
  after: boolean,
): Reading {
  const [month, day] = EXAMPLE_DAYS[key][after ? 1 : 0];
  const exampleYear = key === '元旦' && !after ? year - 1 : year;
  const example = `请写明具体日期，如“${exampleYear}年${month}月${day}日${after ? '' : '前'}”`;
  const reason = calendar.isCovered(year)
    ? `${year}年的安排是逐日录入的，不知道哪几天是${key}假期，无法确定“${written}”是哪一天。${example}。`
    : `${year}年的放假安排尚未公布或尚未录入，无法确定“${written}”是哪一天。${example}；安排公布后，组织管理员可发送 /日历 导入 并粘贴国务院通知全文。`;
  return { kind: 'refusal', refusal: 'uncovered', reason };
}

function isOfficialDayOff(calendar: WorkingDayCalendar, date: string): boolean {
  const day = calendar.holidaysBetween(date, date)[0];
  return day?.kind === 'off' && day.source === 'official';
}

/**
 * The whole run of holiday days around a holiday's own: 2025's 中秋 (10月6日) lay inside the
 * joint 国庆节、中秋节 days off (10月1日至8日), which is what people mean by its 节前 and 节后.
 */
function widen(calendar: WorkingDayCalendar, span: Span): Span {
  let { first, last } = span;
  for (let i = 0; i < 31 && isOfficialDayOff(calendar, addDays(first, -1)); i++) first = addDays(first, -1);
  for (let i = 0; i < 31 && isOfficialDayOff(calendar, addDays(last, 1)); i++) last = addDays(last, 1);
  return { first, last };
}

/**
 * The next span of `key` that has not begun (before) or not ended (after) by today, or the
 * refusal for the first year in the way whose arrangement is unknown.
 */
function nextSpan(key: HolidayKey, ctx: ParseContext, written: string, after: boolean): Span | Reading {
  const { calendar } = ctx.options;
  const thisYear = yearOf(ctx.today);
  // A holiday comes every year; last year's is looked at too because its 元旦 may still be on.
  for (let year = thisYear - 1; year <= thisYear + 1; year++) {
    const off = calendar.holidayDaysOff(key, year);
    if (!off || off.length === 0) {
      if (year < thisYear) continue;
      return unknownYear(calendar, key, year, written, after);
    }
    const span = widen(calendar, { first: off[0]!, last: off[off.length - 1]! });
    if (after ? span.last >= ctx.today : span.first > ctx.today) return span;
  }
  return unknownYear(calendar, key, thisYear + 1, written, after);
}

function vague(reason: string): Reading {
  return { kind: 'refusal', refusal: 'vague', reason };
}

/** `国庆节前`, `春节后第1个工作日`, `五一假期后3个工作日内`; `国庆节后` alone is refused. */
const holidayDeadline: PhraseRule = {
  name: 'holiday',
  pattern: `(${HOLIDAY_NAME})(?:小长假|长假|假期|放假)?(?:(之前|以前|前)|(之后|以后|后)(?:\\s*(第)?\\s*(${NUMBER})\\s*个?\\s*(工作日|自然日|天|日|周|星期|个月|月)(?:之内|以内|内)?)?)`,
  read: (m, ctx) => {
    const key = holidayKey(m[1]!)!;
    const currentYear = yearOf(ctx.today);
    const { calendar } = ctx.options;
    if (m[2] !== undefined) {
      const span = nextSpan(key, ctx, m[0], false);
      if (!('first' in span)) return span;
      return {
        kind: 'day',
        date: calendar.lastWorkingDayBefore(span.first),
        how: `${key}放假（${describeSpan(span, currentYear)}）前最后一个工作日`,
      };
    }
    const examples = `如“${m[1]}后第1个工作日”“${m[1]}后3个工作日内”`;
    if (m[5] === undefined) return vague(`“${m[0]}”没有写明是节后第几个工作日，${examples}`);
    if (m[6] !== '工作日') return vague(`“${m[0]}”：节后的期限请按工作日写，${examples}`);
    const count = readCount(m[5], '个工作日', MAX_WORKING_DAYS_AFTER);
    if (typeof count !== 'number') return count;
    const span = nextSpan(key, ctx, m[0], true);
    if (!('first' in span)) return span;
    return {
      kind: 'day',
      date: calendar.addWorkingDays(span.last, count),
      how: `${key}假期（${describeSpan(span, currentYear)}）后第${count}个工作日`,
    };
  },
};

export const holidayRules: readonly PhraseRule[] = [holidayDeadline];

/**
 * A holiday at the end of the text with neither `前` nor `后`: which side of it is meant is not
 * said. (Inside a title, `整理国庆节值班材料`, a holiday is just a word.)
 */
export const holidayWithoutSide: PhraseRule = {
  name: 'holiday without a side',
  pattern: `(${HOLIDAY_NAME})(?:小长假|长假|假期|放假)?(?=[\\s。.!！]*$)`,
  read: (m) => vague(`“${m[0]}”没有写明是节前还是节后，如“${m[1]}前”“${m[1]}后第1个工作日”`),
};
