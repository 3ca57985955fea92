/**
 * 分解 (notice 六): an annual task split into quarters, a phased one into months, an urgent one
 * into weeks. Each period ends with a check-in: the owner reports progress by the last working
 * day of that period, at office end. Periods are calendar quarters, months and Monday-first
 * weeks; the period that holds the deadline gets no check-in of its own (the deadline is it).
 *
 * The check-ins are part of the task, not separate assignments: 签收 is asked for, and chased,
 * on the main item alone (`reminderPlan.ts`) — an owner who signed it has received them all,
 * one who has not is chased once — and the daily digest shows of them only what is current
 * (`digestTexts.ts`), not every future period.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import type { Item } from './item.ts';
import { addDays, atLocal, dateParts, daysInMonth, formatDate, localDate, weekdayOf } from './time.ts';

export type BreakdownPeriod = 'quarter' | 'month' | 'week';

export const PERIOD_WORDS: Record<string, BreakdownPeriod> = {
  按季: 'quarter',
  按季度: 'quarter',
  按月: 'month',
  按周: 'week',
};

/** A check-in of a breakdown (`/分解`): received with its main item, `#parentNo`. */
export function isCheckIn(item: Partial<Pick<Item, 'kind' | 'parentNo'>>): boolean {
  return item.kind === 'checkin' && item.parentNo !== undefined;
}

export interface CheckIn {
  /** `2026年第4季度`, `2026年12月`, `12月7日—12月13日这周`. */
  label: string;
  due: number;
}

/** More than this many check-ins would be noise, not supervision: ask for a coarser period. */
export const MAX_CHECK_INS = 26;

function periodEnd(date: string, period: BreakdownPeriod): string {
  const { year, month } = dateParts(date);
  if (period === 'week') return addDays(date, (7 - weekdayOf(date)) % 7);
  const lastMonth = period === 'month' ? month : Math.ceil(month / 3) * 3;
  return formatDate(year, lastMonth, daysInMonth(year, lastMonth));
}

function periodStart(end: string, period: BreakdownPeriod): string {
  const { year, month } = dateParts(end);
  if (period === 'week') return addDays(end, -6);
  return formatDate(year, period === 'month' ? month : month - 2, 1);
}

function label(end: string, period: BreakdownPeriod): string {
  const { year, month, day } = dateParts(end);
  if (period === 'quarter') return `${year}年第${month / 3}季度`;
  if (period === 'month') return `${year}年${month}月`;
  const start = dateParts(addDays(end, -6));
  return `${start.month}月${start.day}日—${month}月${day}日这周`;
}

/**
 * The check-ins from `now` up to (not including) the period of `due`. A period whose last
 * working day is already over gets none. Returns undefined when there would be more than
 * `MAX_CHECK_INS`. `workdayEnd` is the office end of the chat the task is recorded in
 * (`deadlineOptionsIn`), by default the calendar's (the deployment's).
 */
export function planCheckIns(
  now: number,
  due: number,
  period: BreakdownPeriod,
  calendar: WorkingDayCalendar,
  workdayEnd: string = calendar.workdayEnd,
): CheckIn[] | undefined {
  const tz = calendar.timezone;
  const dueDate = localDate(due, tz);
  const lastPeriod = periodEnd(dueDate, period);
  const out: CheckIn[] = [];
  for (
    let end = periodEnd(localDate(now, tz), period);
    end < lastPeriod;
    end = periodEnd(addDays(end, 1), period)
  ) {
    // The last working day on or before the period's end; none when the whole period is off.
    const reportDay = calendar.isWorkingDay(end) ? end : calendar.lastWorkingDayBefore(end);
    if (reportDay < periodStart(end, period)) continue;
    const at = atLocal(reportDay, workdayEnd, tz);
    if (at <= now || at >= due) continue;
    out.push({ label: label(end, period), due: at });
    if (out.length > MAX_CHECK_INS) return undefined;
  }
  return out;
}
