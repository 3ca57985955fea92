/**
 * When an occurrence of a recurring schedule (`/周期`) becomes an item: a few working days
 * before it falls due, at office start, so the next one is always there to see in `/列表` and
 * its owners are reminded as for any item. Daily work appears on its own morning; weekly and
 * fortnightly work 2 working days ahead; monthly, quarterly and yearly work 5 working days
 * ahead (报送 needs time to gather figures). Pure.
 */
import type { WorkingDayCalendar } from '../calendar.ts';
import { atLocal } from '../time.ts';
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

/** The instant the occurrence's item is created (never after its due instant). */
export function creationAt(
  rule: RecurrenceRule,
  occurrence: Occurrence,
  calendar: WorkingDayCalendar,
): number {
  let day = occurrence.date;
  for (let n = leadWorkingDays(rule); n > 0; n--) day = calendar.lastWorkingDayBefore(day);
  return Math.min(atLocal(day, calendar.workdayStart, calendar.timezone), occurrence.due);
}
