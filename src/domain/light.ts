/**
 * The traffic light of an item (红黄绿灯): red when the deadline has passed or falls today (the
 * digest's 红灯：已逾期或今天到期 — a list and a digest of the same minute agree), yellow when it
 * falls before the end of the next working day (the approaching reminder's window), green
 * otherwise.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import { figureRowOf, STATE_AT_CN, stateAt } from './figures.ts';
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
  const today = localDate(now, calendar.timezone);
  if (localDate(item.due, calendar.timezone) === today) return 'red';
  const nextWorkingDay = calendar.nextWorkingDay(today);
  const endOfNext = atLocal(nextWorkingDay, calendar.workdayEnd, calendar.timezone);
  return item.due <= endOfNext ? 'yellow' : 'green';
}

/**
 * How a ledger row shows an item as it stood at `at` — the period's end, or now while the period
 * runs — so a past period's rows agree with its figures: the state's words, and a colour (red
 * overdue, grey cancelled, green done; an open item keeps today's light only while the period
 * runs). 待销号 for a 整改 awaiting sign-off.
 */
export function shownAt(
  item: Item,
  currentLight: Light,
  at: number,
  running: boolean,
): { text: string; colour: Light | 'grey' } {
  const state = stateAt(figureRowOf(item), at);
  const colour: Light | 'grey' =
    state === 'overdue'
      ? 'red'
      : state === 'cancelled'
        ? 'grey'
        : state === 'done'
          ? 'green'
          : running
            ? currentLight
            : 'green';
  const review = item.status === 'review' && (state === 'open' || state === 'overdue');
  return { colour, text: review ? '待销号' : STATE_AT_CN[state] };
}
