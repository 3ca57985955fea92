/**
 * When the periodic jobs run (DESIGN §6): the daily digest at office start on working days, the
 * weekly report in the afternoon of the last working day of the week (Friday, or Thursday
 * before a Friday holiday, or the worked Saturday of a 调休 week). Computed from the calendar,
 * never from a cron pattern, which knows nothing of 调休. Pure.
 *
 * The jobs are deployment-wide, so they run on the deployment's office hours (`LUOSHI_WORKDAY_*`)
 * and on every day that is a working day for at least one tenant; each run then asks each
 * tenant's own calendar (with its admin overrides) whether the day is one for it, and each
 * group's own office hours when its share goes (`groupShareAt`, `earlyShareAt`).
 */
import type { WorkingDayCalendar } from './calendar.ts';
import type { OfficeHours } from './officeHours.ts';
import { addDays, atLocal, localDate, weekdayOf } from './time.ts';

export type PeriodicKind = 'daily' | 'weekly';

/** The weekly report goes out this long before office end (16:00 with the default 18:00). */
const WEEKLY_BEFORE_END_MIN = 120;
/** A year of days without a single run means the calendars are absurd; stop looking. */
const MAX_LOOKAHEAD_DAYS = 400;

interface Hours {
  timezone: string;
  workdayStart: string;
  workdayEnd: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Local `HH:mm` a periodic job runs at. */
export function periodicTime(kind: PeriodicKind, hours: Hours): string {
  if (kind === 'daily') return hours.workdayStart;
  return toHhmm(Math.max(toMinutes(hours.workdayStart), toMinutes(hours.workdayEnd) - WEEKLY_BEFORE_END_MIN));
}

/** Monday of the week `date` falls in (weeks start on Monday, DESIGN §5). */
export function weekStart(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Whether a periodic job has work on `date` for a tenant with this calendar. */
export function isPeriodicDay(kind: PeriodicKind, calendar: WorkingDayCalendar, date: string): boolean {
  if (!calendar.isWorkingDay(date)) return false;
  return kind === 'daily' || weekStart(calendar.nextWorkingDay(date)) !== weekStart(date);
}

/**
 * The next run at or after `now`, on a day after `afterDate` when given (the run that is
 * scheduling its successor). A run that was missed (the bot was down, or its clock jumped) is
 * not made up: the next one is the first still ahead of `now`.
 */
export function nextPeriodicRun(
  kind: PeriodicKind,
  calendars: readonly WorkingDayCalendar[],
  hours: Hours,
  now: number,
  afterDate?: string,
): { date: string; fireAt: number } {
  const time = periodicTime(kind, hours);
  let date = localDate(now, hours.timezone);
  if (afterDate !== undefined && date <= afterDate) date = addDays(afterDate, 1);
  for (let i = 0; i < MAX_LOOKAHEAD_DAYS; i++, date = addDays(date, 1)) {
    const fireAt = atLocal(date, time, hours.timezone);
    if (fireAt >= now && calendars.some((c) => isPeriodicDay(kind, c, date))) return { date, fireAt };
  }
  throw new RangeError(`no ${kind} run within ${MAX_LOOKAHEAD_DAYS} days`);
}

/**
 * When a group's share of a run goes out: with the run, when the group's own office hours
 * include that moment, otherwise at the group's next office start (DESIGN §6: nothing is
 * pushed outside office hours — a group that starts at 09:30 gets the 09:00 digest at 09:30).
 */
export function groupShareAt(runAt: number, office: OfficeHours): number {
  return office.pushAt(runAt);
}

/**
 * When a group's share of the daily run on `date` (at `runAt`) goes before the run: at the
 * group's own office start, when that is earlier (trial: a group of 08:30 had its reminders
 * and /周期 cards at 08:30 and the 09:00 digest after them). Undefined for a share that goes
 * with the run or later (`groupShareAt`), and for the weekly report, which is not an office-start run.
 */
export function earlyShareAt(
  kind: PeriodicKind,
  date: string,
  runAt: number,
  office: OfficeHours,
): number | undefined {
  if (kind !== 'daily' || !office.isWorkingDay(date)) return undefined;
  const start = office.startOf(date);
  return start < runAt ? start : undefined;
}
