/**
 * Office hours on working days, for one group's policy. The working-day calendar knows the
 * deployment's office hours; a group's reminder policy may set its own (`/设置 提醒`), so the
 * reminder plan and the digests reason through this small view instead of the calendar's own
 * `nextOfficeStart`/`isOfficeHours`. Pure.
 *
 * It also holds the one rule of when the bot may speak unasked (DESIGN §6, "office hours are a
 * promise"): a push — reminder, chase, escalation, digest, report — goes out on a working day
 * between office start and office end, the minute of office end included (a deadline at 18:00
 * is chased at 18:00, and a card for that minute may leave a second later); anything that would
 * fall outside waits for the next office start (`pushAt`). Every planner of pushes asks here.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import { atLocal, localTime, offsetMsAt } from './time.ts';

/*
 * Time-zone conversions through dayjs cost tens of microseconds each, and a burst of reminders
 * at office start makes thousands of them (every plan walks a dozen office days). The instant of
 * a wall-clock time on a date is a pure fact, so it is kept across calls (the zone's offset per
 * quarter hour likewise, in `offsetMsAt`).
 */
const MAX_CACHED = 50_000;
const wallClock = new Map<string, number>();
const MINUTE = 60_000;

function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= MAX_CACHED) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

export class OfficeHours {
  readonly timezone: string;

  constructor(
    readonly calendar: WorkingDayCalendar,
    readonly start: string,
    readonly end: string,
  ) {
    this.timezone = calendar.timezone;
  }

  /** The calendar day an instant falls on, in the deadline time zone. */
  dayOf(instant: number): string {
    return new Date(instant + offsetMsAt(instant, this.timezone)).toISOString().slice(0, 10);
  }

  /** The instant of wall-clock `hhmm` on `date`. */
  at(date: string, hhmm: string): number {
    return remember(wallClock, `${this.timezone} ${date} ${hhmm}`, () => atLocal(date, hhmm, this.timezone));
  }

  startOf(date: string): number {
    return this.at(date, this.start);
  }

  endOf(date: string): number {
    return this.at(date, this.end);
  }

  isWorkingDay(date: string): boolean {
    return this.calendar.isWorkingDay(date);
  }

  /** On a working day, at or after office start and before office end. */
  isOpen(instant: number): boolean {
    const day = this.dayOf(instant);
    return this.isWorkingDay(day) && instant >= this.startOf(day) && instant < this.endOf(day);
  }

  /**
   * Whether the bot may push a message at `instant`: a working day, at or after office start,
   * and no later than the minute of office end (18:00:59 still belongs to 18:00).
   */
  mayPush(instant: number): boolean {
    const day = this.dayOf(instant);
    return this.isWorkingDay(day) && instant >= this.startOf(day) && instant < this.endOf(day) + MINUTE;
  }

  /** When a push wanted at `instant` goes out: then, when `mayPush`, otherwise the next office start. */
  pushAt(instant: number): number {
    if (this.mayPush(instant)) return instant;
    const day = this.dayOf(instant);
    if (this.isWorkingDay(day) && instant < this.startOf(day)) return this.startOf(day);
    return this.startOf(this.calendar.nextWorkingDay(day));
  }

  /** `instant` itself when the office is open then, otherwise the next office start after it. */
  nextOpen(instant: number): number {
    if (this.isOpen(instant)) return instant;
    const day = this.dayOf(instant);
    if (this.isWorkingDay(day) && instant < this.startOf(day)) return this.startOf(day);
    return this.startOf(this.calendar.nextWorkingDay(day));
  }

  /** The first working day on or after `date`. */
  workingDayFrom(date: string): string {
    return this.isWorkingDay(date) ? date : this.calendar.nextWorkingDay(date);
  }

  /**
   * Whole working days an item due at `due` is overdue at `at`: the working days after the due
   * day on which the deadline's time of day has come — the count the escalation rule crosses
   * (due Monday 11:03: 1 from Tuesday 11:03, 2 from Wednesday 11:03; a Wednesday 09:30 chase
   * says 1). A reminder saying 2 while the escalation to 2 is still ahead contradicts it.
   */
  workingDaysOverdue(due: number, at: number): number {
    const today = this.dayOf(at);
    const days = this.workingDaysBetween(this.dayOf(due), today);
    if (days === 0 || !this.isWorkingDay(today)) return days;
    const dueMinute = Math.ceil(due / MINUTE) * MINUTE;
    return at < this.at(today, localTime(dueMinute, this.timezone)) ? days - 1 : days;
  }

  /** Working days in (`after`, `through`]: `after` not counted, `through` counted. 0 when not later. */
  workingDaysBetween(after: string, through: string): number {
    let count = 0;
    for (
      let day = this.calendar.nextWorkingDay(after);
      day <= through;
      day = this.calendar.nextWorkingDay(day)
    )
      count++;
    return count;
  }
}
