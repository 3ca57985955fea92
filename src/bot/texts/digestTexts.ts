/**
 * What the daily digest (每日督办简报) lists — its buckets, drawn as a card by
 * `digestCards.ts` — and what the weekly report (本周工作周报, `weeklyReportCard.ts`) is drawn
 * from. Pure; `jobs/digest.ts` gathers the items and sends them.
 *
 * Buckets of the daily digest, as of the moment it runs:
 * - overdue: the deadline has passed;
 * - due today: the deadline is later today;
 * - approaching: due within the group's approach window (`approachWorkingDays`, at least the
 *   next working day), after today;
 * - on track: every other open item (green) — a digest lists every open item, so "未办结 N 项"
 *   is the whole count and a leader sees everything they lead — except the later check-ins of
 *   a breakdown (`/分解`): of those a digest shows the ones due within its windows (red and
 *   yellow) and the current one (the nearest not yet done), which says when the task is next
 *   reported on. The main item is listed as any item; a leader reading this every morning needs
 *   what is due now and what is next, not seven green weekly reports that bury the real work
 *   (the card says how many it left out, so the count still adds up to /列表's);
 * - done: finished since the start of the previous working day (a Monday digest covers Friday
 *   and the weekend).
 */
import { isCheckIn } from '../../domain/breakdown.ts';
import type { Tally } from '../../domain/figures.ts';
import type { Item } from '../../domain/item.ts';
import type { OfficeHours } from '../../domain/officeHours.ts';

export interface DailyBuckets {
  overdue: Item[];
  dueToday: Item[];
  approaching: Item[];
  onTrack: Item[];
  done: Item[];
  /** Open check-ins of a breakdown not listed: neither current nor within the windows. */
  laterCheckIns?: number;
}

export function dailyBuckets(
  open: readonly Item[],
  done: readonly Item[],
  office: OfficeHours,
  approachWorkingDays: number,
  now: number,
): DailyBuckets {
  const today = office.dayOf(now);
  const horizon = office.calendar.addWorkingDays(today, Math.max(1, Math.floor(approachWorkingDays)));
  const byDue = (a: Item, b: Item) => a.due - b.due || a.no - b.no;
  const b: DailyBuckets = {
    overdue: [],
    dueToday: [],
    approaching: [],
    onTrack: [],
    done: [],
    laterCheckIns: 0,
  };
  // One pass, one day lookup per item: a leader's digest may hold thousands.
  for (const i of open) {
    if (i.due <= now) {
      b.overdue.push(i);
      continue;
    }
    const day = office.dayOf(i.due);
    (day === today ? b.dueToday : day <= horizon ? b.approaching : b.onTrack).push(i);
  }
  for (const list of [b.overdue, b.dueToday, b.approaching, b.onTrack]) list.sort(byDue);
  // Sorted by due, the first check-in of each breakdown met is its current one.
  const current = new Map<string, Item>();
  for (const i of [...b.overdue, ...b.dueToday, ...b.approaching, ...b.onTrack])
    if (isCheckIn(i) && !current.has(breakdownOf(i))) current.set(breakdownOf(i), i);
  const listed = b.onTrack.filter((i) => !isCheckIn(i) || current.get(breakdownOf(i)) === i);
  b.laterCheckIns = b.onTrack.length - listed.length;
  b.onTrack = listed;
  b.done = [...done].sort((x, y) => (x.doneAt ?? 0) - (y.doneAt ?? 0) || x.no - y.no);
  return b;
}

/** Which breakdown a check-in belongs to (item numbers are per tenant; a leader's digest is one tenant's). */
const breakdownOf = (checkIn: Item) => `${checkIn.tenant}#${checkIn.parentNo}`;

export interface WeeklyFigures {
  weekStart: string;
  date: string;
  /** The group's figures for the week so far (`src/domain/figures.ts`). */
  figures: Tally;
  /** The group's open items past their deadline, named. */
  overdue: readonly Item[];
}
