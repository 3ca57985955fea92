/** The deadline grammar of DESIGN §5: phrases like `3个工作日内` or `下周五下班前` to instants. */
export { parseDeadline } from './parse.ts';
export { readWholeDeadline, splitTrailingDeadline } from './split.ts';
export type { DeadlineOptions, DeadlineResult } from './types.ts';

/** What confirmations say when an answer rests on years without official arrangements. */
export function uncoveredYearsNotice(years: readonly number[] | undefined): string | undefined {
  if (!years || years.length === 0) return undefined;
  return `⚠️ ${years.join('、')}年的放假调休安排尚未收录，其中的工作日暂按周一至周五计算；安排公布后请管理员发送 /日历 导入 并粘贴国务院通知全文。`;
}
