/**
 * What the daily digest (每日督办简报) lists — its buckets, drawn as a card by
 * `digestCards.ts` — and the weekly report (本周工作周报), sent as text. Pure; `jobs/digest.ts`
 * gathers the items and sends them.
 *
 * Buckets of the daily digest, as of the moment it runs:
 * - overdue: the deadline has passed;
 * - due today: the deadline is later today;
 * - approaching: due within the group's approach window (`approachWorkingDays`, at least the
 *   next working day), after today;
 * - on track: every other open item (green) — a digest lists every open item, so "未办结 N 项"
 *   is the whole count and a leader sees everything they lead;
 * - done: finished since the start of the previous working day (a Monday digest covers Friday
 *   and the weekend).
 */
import { onTimeRate, type Tally } from '../../domain/figures.ts';
import type { Item } from '../../domain/item.ts';
import type { OfficeHours } from '../../domain/officeHours.ts';
import { formatDue, formatMonthDay, localTime } from '../../domain/time.ts';
import { escapeText, namesOf } from './format.ts';

export interface DailyBuckets {
  overdue: Item[];
  dueToday: Item[];
  approaching: Item[];
  onTrack: Item[];
  done: Item[];
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
  const b: DailyBuckets = { overdue: [], dueToday: [], approaching: [], onTrack: [], done: [] };
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
  b.done = [...done].sort((x, y) => (x.doneAt ?? 0) - (y.doneAt ?? 0) || x.no - y.no);
  return b;
}

/** A line of the weekly report's overdue list. */
function overdueLine(item: Item, office: OfficeHours, now: number): string {
  const tz = office.timezone;
  const sameDay = office.dayOf(item.due) === office.dayOf(now);
  const due = sameDay ? `今天 ${localTime(item.due, tz)}` : formatDue(item.due, tz);
  const late = office.workingDaysBetween(office.dayOf(item.due), office.dayOf(now));
  const lateText = late > 0 ? `，逾期 ${late} 个工作日` : '';
  return `#${item.no} ${escapeText(item.title)} · ${escapeText(namesOf(item.owners))} · 截止 ${due}${lateText}`;
}

export interface WeeklyFigures {
  weekStart: string;
  date: string;
  /** The group's figures for the week so far (`src/domain/figures.ts`). */
  figures: Tally;
  /** The group's open items past their deadline, named. */
  overdue: readonly Item[];
}

export function weeklyReportText(f: WeeklyFigures, office: OfficeHours, now: number): string | undefined {
  const t = f.figures;
  if (t.registered + t.done + t.inProgress === 0) return undefined;
  const overdue = [...f.overdue].sort((a, b) => a.due - b.due || a.no - b.no);
  const year = Number(f.date.slice(0, 4));
  const lines = [
    `📅 本周工作周报 · ${formatMonthDay(f.weekStart, year)}—${formatMonthDay(f.date, year)}`,
    `新登记 ${t.registered} 项；办结 ${t.done} 项（按期 ${t.doneOnTime} 项，逾期 ${t.doneLate} 项）；未办结 ${t.inProgress} 项，其中逾期 ${t.overdueOpen} 项。`,
  ];
  // Of the items that had to be finished by now — done this week, or open past their deadline —
  // the share finished on time: work still overdue counts against the rate (README, figures).
  const rate = onTimeRate(t);
  if (rate !== undefined)
    lines.push(
      `按期办结率 ${Math.round(rate * 100)}%（按期办结 ${t.doneOnTime} 项 ÷ 本周办结与逾期未办结 ${t.done + t.overdueOpen} 项）。`,
    );
  if (t.extensions > 0 || t.cancelled > 0)
    lines.push(`批准延期 ${t.extensions} 次；取消 ${t.cancelled} 项。`);
  if (overdue.length > 0) {
    lines.push('🔴 逾期未办结');
    for (const i of overdue) lines.push(overdueLine(i, office, now));
  }
  return lines.join('\n');
}
