/**
 * The next occurrences of a recurring rule from `now`, on the working-day calendar.
 *
 * Each period (day, week, month, quarter, year) names one nominal day; a nominal day that is
 * not a working day moves to the last working day before it (`遇节假日提前`, the default) or the
 * first after it (`顺延`). Working-day patterns (`每个工作日`, `每月第N个工作日`) only ever name
 * working days. Moving keeps the order of occurrences (it never jumps past a working day), and
 * two that land on the same day — possible only when a holiday swallows both — count once.
 * An occurrence is "next" when its due instant is after `now`, so a nominal day in the past
 * whose 顺延 day is still ahead is included, and a future one moved back into the past is not.
 */
import type { WorkingDayCalendar } from '../calendar.ts';
import { addDays, atLocal, daysBetween, daysInMonth, formatDate, localDate, weekdayOf } from '../time.ts';
import type { Occurrence, RecurrencePattern, RecurrenceRule } from './rule.ts';

/** Longest a nominal day can move (a 9-day 春节 and a weekend), looked back over from today. */
const LOOK_BACK_DAYS = 16;
/** Days or periods looked at, at most: a bound on every loop, far beyond any count asked for. */
const MAX_STEPS = 5000;
export const MAX_OCCURRENCES = 100;

interface Nominal {
  key: string;
  nominal: string;
  /** Already a working day by construction: never moved. */
  fixed?: boolean;
}

function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The `n`th working day of a month, or undefined when the month has fewer. */
function nthWorkingDay(
  calendar: WorkingDayCalendar,
  year: number,
  month: number,
  n: number,
): string | undefined {
  const last = daysInMonth(year, month);
  let seen = 0;
  for (let day = 1; day <= last; day++) {
    const date = formatDate(year, month, day);
    if (calendar.isWorkingDay(date) && ++seen === n) return date;
  }
  return undefined;
}

function lastWorkingDay(calendar: WorkingDayCalendar, year: number, month: number): string {
  const last = formatDate(year, month, daysInMonth(year, month));
  return calendar.isWorkingDay(last) ? last : calendar.lastWorkingDayBefore(last);
}

/** Nominal days of `pattern` in order, from the period containing `from`. */
function* nominalDays(
  pattern: RecurrencePattern,
  from: string,
  calendar: WorkingDayCalendar,
): Generator<Nominal> {
  const [fromYear, fromMonth] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  switch (pattern.kind) {
    case 'workday':
      for (let i = 0, date = from; i < MAX_STEPS; i++, date = addDays(date, 1)) {
        if (calendar.isWorkingDay(date)) yield { key: date, nominal: date, fixed: true };
      }
      return;
    case 'weekly': {
      let date = addDays(mondayOf(from), pattern.weekday - 1);
      for (let i = 0; i < MAX_STEPS; i++, date = addDays(date, 7)) {
        const weeks = daysBetween(pattern.anchor, mondayOf(date)) / 7;
        if (pattern.interval === 1 || ((weeks % 2) + 2) % 2 === 0) yield { key: date, nominal: date };
      }
      return;
    }
    case 'monthDay':
    case 'monthWorkday':
    case 'monthLastWorkday':
      for (let i = 0; i < MAX_STEPS; i++) {
        const index = fromYear * 12 + fromMonth - 1 + i;
        const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
        const key = monthKey(year, month);
        if (pattern.kind === 'monthDay') {
          yield { key, nominal: formatDate(year, month, Math.min(pattern.day, daysInMonth(year, month))) };
        } else if (pattern.kind === 'monthLastWorkday') {
          yield { key, nominal: lastWorkingDay(calendar, year, month), fixed: true };
        } else {
          const date = nthWorkingDay(calendar, year, month, pattern.n);
          if (date) yield { key, nominal: date, fixed: true };
        }
      }
      return;
    case 'quarterEnd':
      for (let i = 0, q = Math.ceil(fromMonth / 3) - 1 + fromYear * 4; i < MAX_STEPS; i++, q++) {
        const [year, quarter] = [Math.floor(q / 4), (q % 4) + 1];
        yield {
          key: `${year}-Q${quarter}`,
          nominal: formatDate(year, quarter * 3, daysInMonth(year, quarter * 3)),
        };
      }
      return;
    case 'yearly':
      for (let year = fromYear; year < fromYear + MAX_STEPS; year++) {
        yield { key: String(year), nominal: formatDate(year, pattern.month, pattern.day) };
      }
  }
}

/**
 * The next `count` occurrences of `rule` whose due instant is after `now`. A rule without a time
 * falls due at `officeEnd`: the schedule's group's own (`/设置 提醒 下班`), by default the
 * deployment's.
 */
export function nextOccurrences(
  rule: RecurrenceRule,
  now: number,
  calendar: WorkingDayCalendar,
  count: number,
  officeEnd: string = calendar.workdayEnd,
): Occurrence[] {
  const wanted = Math.min(Math.max(0, Math.floor(count)), MAX_OCCURRENCES);
  const from = addDays(localDate(now, calendar.timezone), -LOOK_BACK_DAYS);
  const time = rule.time ?? officeEnd;
  const found: Occurrence[] = [];
  for (const { key, nominal, fixed } of nominalDays(rule.pattern, from, calendar)) {
    if (found.length >= wanted) break;
    let date = nominal;
    let moved: Occurrence['moved'];
    if (!fixed && !calendar.isWorkingDay(nominal)) {
      moved = rule.onRestDay;
      date = moved === 'later' ? calendar.nextWorkingDay(nominal) : calendar.lastWorkingDayBefore(nominal);
    }
    const due = atLocal(date, time, calendar.timezone);
    if (due <= now || found.at(-1)?.date === date) continue;
    found.push(moved ? { key, nominal, date, due, moved } : { key, nominal, date, due });
  }
  return found;
}
