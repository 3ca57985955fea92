/** The deadline grammar of DESIGN §5: phrases like `3个工作日内` or `下周五下班前` to instants. */
export { parseDeadline } from './parse.ts';
export { splitTrailingDeadline } from './split.ts';
export type { DeadlineOptions, DeadlineResult } from './types.ts';

/** What confirmations say when an answer rests on years without official arrangements. */
export function uncoveredYearsNotice(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  return `注意：${years.join('、')}年的放假安排尚未收录，工作日暂按周一至周五（及管理员设置）计算`;
}
