/**
 * A deadline on a rest day (issue 9 §2, DESIGN §5). The parser never moves a date the user
 * named: `明天` said on a Friday is Saturday, `12月20日前` is a Sunday in 2026, and the item
 * keeps that deadline. But the confirmation says so — "12月20日是周日（休息日）" — and suggests
 * the last working day before it, so whoever set it can choose. (The reminders need no help:
 * the plan keeps to office hours, so the deadline is chased at the next office start.) When that
 * working day's moment has already passed (明天 said at 20:00 on a Friday), it suggests the
 * first working day after the rest day instead, a date still ahead (trial). Pure:
 * computed from the resolved deadline and the tenant's calendar, never from the phrase.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import {
  atLocal,
  formatDayWithWeekday,
  formatMonthDay,
  localDate,
  localTime,
  WEEKDAY_CN,
  weekdayOf,
  yearOf,
} from './time.ts';

export interface RestDayDeadline {
  /** The rest day, `YYYY-MM-DD`. */
  date: string;
  /** The last working day before it, `YYYY-MM-DD`. */
  workingDayBefore: string;
  /** The working day suggested: the one before, or — that one already past — the one after. */
  suggested: string;
  /** Which one that is: `前一个工作日` or `其后第一个工作日`. */
  suggestedWhich: string;
  /** `12月20日是周日（休息日）`, `10月3日是周六（国庆节，休息日）`. */
  restDay: string;
  /** `12月18日（周五）`, with the time when the deadline has one. */
  suggestion: string;
  /** What a confirmation says, one sentence: the rest day, kept, and the working day before it. */
  note: string;
}

/**
 * The note for a deadline at `due` (all day or at a time of day), or undefined when the day is
 * a working day. `now` decides whether the year is worth saying.
 */
export function restDayDeadline(
  due: number,
  allDay: boolean,
  calendar: WorkingDayCalendar,
  now: number,
): RestDayDeadline | undefined {
  const tz = calendar.timezone;
  const date = localDate(due, tz);
  if (calendar.isWorkingDay(date)) return undefined;
  const year = yearOf(localDate(now, tz));
  const holiday = calendar
    .holidaysBetween(date, date)
    .find((d) => d.kind === 'off' && d.source === 'official');
  const why = holiday?.name ? `${holiday.name}，休息日` : '休息日';
  const before = calendar.lastWorkingDayBefore(date);
  // The same time of day (an all-day deadline's is the office end it was read with).
  const beforePassed = atLocal(before, localTime(due, tz), tz) <= now;
  const suggested = beforePassed ? calendar.nextWorkingDay(date) : before;
  const at = allDay ? '' : ` ${localTime(due, tz)}`;
  const restDay = `${formatMonthDay(date, year)}是${WEEKDAY_CN[weekdayOf(date)]}（${why}）`;
  const suggestion = `${formatDayWithWeekday(suggested, year)}${at}`;
  const suggestedWhich = beforePassed ? '其后第一个工作日' : '前一个工作日';
  const note = `${restDay}，已按所写登记；如需在工作日办结，建议改为${suggestedWhich} ${suggestion}。`;
  return { date, workingDayBefore: before, suggested, suggestedWhich, restDay, suggestion, note };
}
