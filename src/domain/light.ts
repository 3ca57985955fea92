/**
 * The traffic light of an item (红黄绿灯): red when the deadline has passed, yellow when it
 * falls before the end of the next working day (the approaching reminder's window), green
 * otherwise.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import { type Item, isClosed } from './item.ts';
import { atLocal, localDate } from './time.ts';

export type Light = 'red' | 'yellow' | 'green';

export function lightOf(
  item: Pick<Item, 'due' | 'status'>,
  now: number,
  calendar: WorkingDayCalendar,
): Light {
  if (isClosed(item)) return 'green';
  if (item.due <= now) return 'red';
  const nextWorkingDay = calendar.nextWorkingDay(localDate(now, calendar.timezone));
  const endOfNext = atLocal(nextWorkingDay, calendar.workdayEnd, calendar.timezone);
  return item.due <= endOfNext ? 'yellow' : 'green';
}
