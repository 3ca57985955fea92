/**
 * Office hours on working days, for one group's policy. The working-day calendar knows the
 * deployment's office hours; a group's reminder policy may set its own (`/设置 提醒`), so the
 * reminder plan and the digests reason through this small view instead of the calendar's own
 * `nextOfficeStart`/`isOfficeHours`. Pure.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import { atLocal, localDate } from './time.ts';

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
    return localDate(instant, this.timezone);
  }

  startOf(date: string): number {
    return atLocal(date, this.start, this.timezone);
  }

  endOf(date: string): number {
    return atLocal(date, this.end, this.timezone);
  }

  isWorkingDay(date: string): boolean {
    return this.calendar.isWorkingDay(date);
  }

  /** On a working day, at or after office start and before office end. */
  isOpen(instant: number): boolean {
    const day = this.dayOf(instant);
    return this.isWorkingDay(day) && instant >= this.startOf(day) && instant < this.endOf(day);
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
