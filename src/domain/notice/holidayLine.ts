/**
 * One holiday's line of a State Council holiday notice, after its `一、春节：` head:
 *   `2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。`
 *   `1月1日（周三）放假1天，不调休。`
 *   `5月31日（周六）至6月2日（周一）放假，共3天。`
 * Every sentence must be a span of days off or a list of adjusted working days; the weekday in
 * brackets and the `共N天` count are checked against the dates, so a typo is reported rather
 * than imported. Text arrives NFKC-normalised: ASCII digits, brackets, colons and commas.
 */
import type { ArrangedHoliday } from '../holidays.ts';
import { addDays, daysBetween, formatDate, isValidDate, WEEKDAY_CN, weekdayOf } from '../time.ts';

export type LineReading = { ok: true; holiday: ArrangedHoliday } | { ok: false; reason: string };

const DATE = '(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日';
const END_DATE = '(?:(\\d{4})\\s*年\\s*)?(?:(\\d{1,2})\\s*月\\s*)?(\\d{1,2})\\s*日';
const BRACKET = '(?:\\s*\\(([^()]*)\\))?';

const OFF_SENTENCE = new RegExp(
  `^${DATE}${BRACKET}(?:\\s*[至到-]\\s*${END_DATE}${BRACKET})?\\s*放假(?:调休)?\\s*(?:,?\\s*共\\s*(\\d+)\\s*天|(\\d+)\\s*天)?\\s*(?:,\\s*(?:不调休|与周末连休))?$`,
);
const WORK_SENTENCE = new RegExp(`^${DATE}${BRACKET}(?:\\s*[、,和]\\s*${DATE}${BRACKET})*\\s*(?:调休)?上班$`);
const WORK_DATE = new RegExp(`${DATE}${BRACKET}`, 'g');

/** A holiday is never longer than this; a longer span is a typo. */
const MAX_SPAN_DAYS = 15;

const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  日: 0,
  天: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
};

class LineError extends Error {}

/** `M月D日` as written, for reasons. */
function written(month: number, day: number): string {
  return `${month}月${day}日`;
}

function day(year: number, month: number, dayOfMonth: number): string {
  if (!isValidDate(year, month, dayOfMonth)) {
    throw new LineError(`${year}年没有${written(month, dayOfMonth)}`);
  }
  return formatDate(year, month, dayOfMonth);
}

/** The weekday in a bracket (`农历腊月二十八、周日`) must be the date's. */
function checkWeekday(date: string, bracket: string | undefined) {
  const m = bracket && /(?:周|星期)([一二三四五六日天])/.exec(bracket);
  if (!m) return;
  const actual = weekdayOf(date);
  if (WEEKDAY_INDEX[m[1]!] !== actual) {
    const [month, dayOfMonth] = [Number(date.slice(5, 7)), Number(date.slice(8))];
    throw new LineError(`${written(month, dayOfMonth)}是${WEEKDAY_CN[actual]}，不是周${m[1]}`);
  }
}

function readOff(m: RegExpExecArray, year: number): string[] {
  const [startYear, startMonth, startDay] = [m[1], Number(m[2]), Number(m[3])];
  const [endYear, endMonthText, endDay] = [m[5], m[6], m[7]];
  const endMonth = endMonthText !== undefined ? Number(endMonthText) : startMonth;
  // `12月30日至1月1日` in a notice for the new year starts in the year before.
  const firstYear =
    startYear !== undefined
      ? Number(startYear)
      : endDay !== undefined && endMonth < startMonth
        ? year - 1
        : year;
  const first = day(firstYear, startMonth, startDay);
  checkWeekday(first, m[4]);
  let last = first;
  if (endDay !== undefined) {
    last = day(endYear !== undefined ? Number(endYear) : year, endMonth, Number(endDay));
    checkWeekday(last, m[8]);
  }
  const length = daysBetween(first, last) + 1;
  if (length < 1)
    throw new LineError(
      `${written(startMonth, startDay)}之后才是${endMonth}月${endDay}日，放假日期前后颠倒了`,
    );
  if (length > MAX_SPAN_DAYS) throw new LineError(`放假${length}天不合常理，请核对日期`);
  const stated = m[9] ?? m[10];
  if (stated !== undefined && Number(stated) !== length) {
    throw new LineError(`写的是共${stated}天，但按日期算是${length}天`);
  }
  return Array.from({ length }, (_, i) => addDays(first, i));
}

function readWorkdays(sentence: string, year: number): string[] {
  const days: string[] = [];
  for (const m of sentence.matchAll(WORK_DATE)) {
    const date = day(m[1] !== undefined ? Number(m[1]) : year, Number(m[2]), Number(m[3]));
    checkWeekday(date, m[4]);
    days.push(date);
  }
  return days;
}

/** Reads the sentences after `name：` in a notice for `year`. */
export function readHolidayLine(name: string, body: string, year: number): LineReading {
  const off: string[] = [];
  const workdays: string[] = [];
  try {
    for (const raw of body.split(/[。;]/)) {
      const sentence = raw.trim().replace(/[,\s]+$/, '');
      if (sentence === '') continue;
      const offMatch = OFF_SENTENCE.exec(sentence);
      if (offMatch) off.push(...readOff(offMatch, year));
      else if (WORK_SENTENCE.test(sentence)) workdays.push(...readWorkdays(sentence, year));
      else throw new LineError(`没有读懂“${sentence}”`);
    }
  } catch (err) {
    if (err instanceof LineError) return { ok: false, reason: err.message };
    throw err;
  }
  if (off.length === 0) return { ok: false, reason: '没有找到放假日期' };
  const both = workdays.find((d) => off.includes(d));
  if (both)
    return { ok: false, reason: `${written(Number(both.slice(5, 7)), Number(both.slice(8)))}既放假又上班` };
  return {
    ok: true,
    holiday: { name, off: [...new Set(off)].sort(), workdays: [...new Set(workdays)].sort() },
  };
}
