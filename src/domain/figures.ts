/**
 * The supervision figures (统计口径): what `/统计`, the weekly report and the 台账 count, defined
 * once so they can never disagree (README, "What the figures mean"). Pure: callers hand in the
 * items' figure rows (`FigureRow`, kept beside each item by `ItemRepository`) and a period.
 *
 * For a period [from, to), read at `T` = the earlier of `to` and now:
 * - 登记: registered in the period;
 * - 已办结: finished in the period, 按期 when it was finished by its deadline (the deadline's own
 *   minute included, `isPastDue`), else 逾期;
 * - 在办: registered before `T` and neither finished nor cancelled by then;
 * - 逾期未办结: 在办 and past its deadline at `T`;
 * - 已取消: cancelled in the period;
 * - 延期批准次数: extensions approved in the period;
 * - 按期办结率 = 按期办结 ÷ (已办结 + 逾期未办结): of the work that had to be finished, the share
 *   finished on time; work still overdue counts against it. No rate when nothing was due.
 * The deadline is the current one: an approved extension moves it, so work finished by the new
 * date is on time. A cancelled item leaves 在办 and counts in no rate.
 */
import { type Item, type ItemKind, type ItemStatus, isPastDue } from './item.ts';

/** What the figures need of an item, small enough to read 100k of them at once. */
export interface FigureRow {
  no: number;
  kind: ItemKind;
  /** For the 看板's text search. */
  title: string;
  chatId: string;
  /** Recorded in a private chat with the bot (no group report covers it). */
  p2p?: true;
  unit?: string;
  /** A plan item's year (`/计划`). */
  planYear?: number;
  /** Owners' open_ids. */
  owners: string[];
  lead?: string;
  creator: string;
  status: ItemStatus;
  createdAt: number;
  due: number;
  doneAt?: number;
  cancelledAt?: number;
  /** When each approved extension was approved. */
  extendedAt: number[];
}

export function figureRowOf(item: Item): FigureRow {
  return {
    no: item.no,
    kind: item.kind,
    title: item.title,
    chatId: item.chatId,
    ...(item.chatType === 'p2p' ? { p2p: true as const } : {}),
    ...(item.unit ? { unit: item.unit } : {}),
    ...(item.plan ? { planYear: item.plan.year } : {}),
    owners: item.owners.map((o) => o.openId),
    ...(item.lead ? { lead: item.lead.openId } : {}),
    creator: item.creator.openId,
    status: item.status,
    createdAt: item.createdAt,
    due: item.due,
    ...(item.status === 'done' && item.doneAt !== undefined ? { doneAt: item.doneAt } : {}),
    ...(item.status === 'cancelled' && item.cancelledAt !== undefined
      ? { cancelledAt: item.cancelledAt }
      : {}),
    // Items approved before the instants were kept count their approvals at their last change.
    extendedAt: item.extendedAt ?? Array<number>(item.extensionCount ?? 0).fill(item.updatedAt),
  };
}

export interface Period {
  /** As the user wrote it or as it is shown: `本月`, `2026年11月`. */
  label: string;
  from: number;
  to: number;
}

export interface Tally {
  registered: number;
  inProgress: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  overdueOpen: number;
  cancelled: number;
  extensions: number;
}

export const emptyTally = (): Tally => ({
  registered: 0,
  inProgress: 0,
  done: 0,
  doneOnTime: 0,
  doneLate: 0,
  overdueOpen: 0,
  cancelled: 0,
  extensions: 0,
});

/** 按期办结率 as a fraction, or undefined when nothing was due. */
export function onTimeRate(t: Tally): number | undefined {
  const due = t.done + t.overdueOpen;
  return due === 0 ? undefined : t.doneOnTime / due;
}

/**
 * The instant the period is read at (exclusive): its end, or just after now while it lasts —
 * what happened at this very millisecond has happened.
 */
export const readAt = (period: Period, now: number): number => Math.min(period.to, now + 1);

/**
 * How one item counts in the period, or undefined when it has nothing to do with it. The answer
 * is one shared object, valid until the next call (100k items, one allocation): add it with
 * `addTally` before asking again.
 */
export function contribution(row: FigureRow, period: Period, now: number): Readonly<Tally> | undefined {
  const at = readAt(period, now);
  const from = period.from;
  const c = scratch;
  c.registered = row.createdAt >= from && row.createdAt < at ? 1 : 0;
  const done = row.doneAt !== undefined && row.doneAt >= from && row.doneAt < at;
  c.done = done ? 1 : 0;
  c.doneLate = done && isPastDue(row.due, row.doneAt!) ? 1 : 0;
  c.doneOnTime = c.done - c.doneLate;
  c.cancelled = row.cancelledAt !== undefined && row.cancelledAt >= from && row.cancelledAt < at ? 1 : 0;
  const closedBy = row.doneAt ?? row.cancelledAt;
  c.inProgress = row.createdAt < at && (closedBy === undefined || closedBy >= at) ? 1 : 0;
  c.overdueOpen = c.inProgress === 1 && isPastDue(row.due, at) ? 1 : 0;
  c.extensions = 0;
  for (const t of row.extendedAt) if (t >= from && t < at) c.extensions++;
  const counted = c.registered + c.done + c.cancelled + c.inProgress + c.extensions > 0;
  return counted ? c : undefined;
}

const scratch = emptyTally();

export function addTally(into: Tally, c: Readonly<Tally>): void {
  into.registered += c.registered;
  into.inProgress += c.inProgress;
  into.done += c.done;
  into.doneOnTime += c.doneOnTime;
  into.doneLate += c.doneLate;
  into.overdueOpen += c.overdueOpen;
  into.cancelled += c.cancelled;
  into.extensions += c.extensions;
}

/** What an item was at instant `at` (exclusive): a past period's rows are read as they stood then. */
export type StateAt = 'open' | 'overdue' | 'done' | 'cancelled';

export function stateAt(r: Pick<FigureRow, 'due' | 'doneAt' | 'cancelledAt'>, at: number): StateAt {
  if (r.doneAt !== undefined && r.doneAt < at) return 'done';
  if (r.cancelledAt !== undefined && r.cancelledAt < at) return 'cancelled';
  return isPastDue(r.due, at) ? 'overdue' : 'open';
}

export const STATE_AT_CN: Record<StateAt, string> = {
  open: '办理中',
  overdue: '逾期未办结',
  done: '已办结',
  cancelled: '已取消',
};

/** For each instant, how many of the rows were 在办 and overdue then (the 看板's trend). */
export function overdueAt(rows: Iterable<FigureRow>, instants: readonly number[]): number[] {
  const counts = instants.map(() => 0);
  for (const r of rows) {
    const closedBy = r.doneAt ?? r.cancelledAt;
    for (let i = 0; i < instants.length; i++) {
      const at = instants[i]!;
      if (r.createdAt < at && (closedBy === undefined || closedBy >= at) && isPastDue(r.due, at))
        counts[i]!++;
    }
  }
  return counts;
}

export function tally(rows: Iterable<FigureRow>, period: Period, now: number): Tally {
  const t = emptyTally();
  for (const r of rows) {
    const c = contribution(r, period, now);
    if (c) addTally(t, c);
  }
  return t;
}
