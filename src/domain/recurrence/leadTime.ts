/**
 * When an occurrence of a recurring schedule (`/周期`) becomes an item: a few working days
 * before it falls due, at office start, so the next one is always there to see in `/列表` and
 * its owners are reminded as for any item. Daily work appears on its own morning; weekly and
 * fortnightly work 2 working days ahead; monthly, quarterly and yearly work 5 working days
 * ahead (报送 needs time to gather figures). Pure.
 *
 * The new item's card is a push, so it keeps the group's office hours (`OfficeHours.pushAt`):
 * a rule timed before the group's office start (每个工作日 08:00) has its item made at office
 * start, after the fact, rather than its card sent before anyone is at work.
 */
import type { WorkingDayCalendar } from '../calendar.ts';
import { OfficeHours } from '../officeHours.ts';
import type { Occurrence, RecurrenceRule } from './rule.ts';

/** Working days between an occurrence's item appearing and its due day, by pattern. */
export function leadWorkingDays(rule: RecurrenceRule): number {
  switch (rule.pattern.kind) {
    case 'workday':
      return 0;
    case 'weekly':
      return 2;
    default:
      return 5;
  }
}

/**
 * The instant the occurrence's item is created: office start of its creation day in `office`
 * (the group's hours; by default the deployment's), or its due instant when that is earlier,
 * held to the next moment the group may be pushed to.
 */
export function creationAt(
  rule: RecurrenceRule,
  occurrence: Occurrence,
  calendar: WorkingDayCalendar,
  office: OfficeHours = new OfficeHours(calendar, calendar.workdayStart, calendar.workdayEnd),
): number {
  let day = occurrence.date;
  for (let n = leadWorkingDays(rule); n > 0; n--) day = calendar.lastWorkingDayBefore(day);
  return office.pushAt(Math.min(office.startOf(day), occurrence.due));
}
