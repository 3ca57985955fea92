/** The deadline grammar of DESIGN §5: phrases like `3个工作日内` or `下周五下班前` to instants. */
import type { WorkingDayCalendar } from '../calendar.ts';

export { parseDeadline } from './parse.ts';
export { readWholeDeadline, splitTrailingDeadline } from './split.ts';
export type { DeadlineOptions, DeadlineResult } from './types.ts';

/** What confirmations say when an answer rests on years without official arrangements. */
export function uncoveredYearsNotice(years: readonly number[] | undefined): string | undefined {
  if (!years || years.length === 0) return undefined;
  return `⚠️ ${years.join('、')}年的放假调休安排尚未收录，其中的工作日暂按周一至周五计算；安排公布后请管理员发送 /日历 导入 并粘贴国务院通知全文。`;
}

/**
 * Of the years a deadline was read across without their arrangements (kept on the item or the
 * extension request), those the calendar still lacks: a card redrawn after /日历 导入 warns
 * about none of the imported ones. Every card that shows recorded years filters them here.
 */
export function stillUncovered(
  years: readonly number[] | undefined,
  calendar: Pick<WorkingDayCalendar, 'isCovered'>,
): number[] {
  return (years ?? []).filter((y) => !calendar.isCovered(y));
}
