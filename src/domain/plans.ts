/**
 * Annual work plans and the 10% rule (notice 五): "年度工作报告、工作计划超过10%事项未实施的，向县政府
 * 作书面说明". Pure: reading a pasted plan, the implementation of each unit's plan, and the days
 * it is reviewed on.
 *
 * - A plan line is `事项 | 截止 | @负责人`, the last two optional (default deadline: the year's
 *   last working day at office end).
 * - 实施 is a plan item finished (`/完成`); 未实施 is one marked 不再实施, or still open once its
 *   deadline has passed; one still open before its deadline is neither yet (在办), though it
 *   counts in the total — a plan is not failing in March for what is due in December.
 * - A unit is over the line when its 未实施 share is more than 10%: 1 of 10 is not over, 1 of 9 is.
 * - Review days: the first working day of December and the last working day of the year.
 */
import type { WorkingDayCalendar } from './calendar.ts';
import type { FigureRow } from './figures.ts';
import { formatDate } from './time.ts';

export const UNIMPLEMENTED_LIMIT = 0.1;
/** A 书面说明 is due this many working days after the review. */
export const EXPLANATION_WORKING_DAYS = 5;
export const MAX_PLAN_LINES = 300;

export interface PlanLine {
  /** The message's line number. */
  row: number;
  title: string;
  /** The deadline as written (read by the deadline parser), or undefined: the year's end. */
  due?: string;
  /** The `@_user_N` key of the owner, if named. */
  ownerKey?: string;
}

export interface ReadPlan {
  lines: PlanLine[];
  /** Lines that could not be read, with why (1-based line numbers of the pasted text). */
  problems: string[];
  /** More than `MAX_PLAN_LINES`: the rest was not read (and the plan is not to be imported in part). */
  truncated?: true;
}

/** `firstLine`: the message's line number of the text's first line, for the problems' line numbers. */
export function readPlanLines(text: string, firstLine = 1): ReadPlan {
  const lines: PlanLine[] = [];
  const problems: string[] = [];
  const raw = text.split('\n').map((l) => l.trim());
  let truncated = false;
  raw.forEach((line, index) => {
    const i = index + firstLine - 1;
    if (!line) return;
    if (lines.length + problems.length >= MAX_PLAN_LINES) {
      truncated = true;
      return;
    }
    const [title = '', due, owner, ...extra] = line.split(/\s*[|｜]\s*/u);
    const ownerKey = owner ? /^@_user_\d+$/u.exec(owner.trim())?.[0] : undefined;
    if (!title.trim()) problems.push(`第 ${i + 1} 行：没有事项。`);
    else if (extra.length > 0) problems.push(`第 ${i + 1} 行：最多三栏（事项 | 截止 | @负责人）。`);
    else if (owner?.trim() && !ownerKey)
      problems.push(`第 ${i + 1} 行：第三栏请 @ 负责人（从成员列表里选人）。`);
    else
      lines.push({
        row: i + 1,
        title: title.trim(),
        ...(due?.trim() ? { due: due.trim() } : {}),
        ...(ownerKey ? { ownerKey } : {}),
      });
  });
  if (lines.length === 0 && problems.length === 0)
    problems.push('没有读到任何计划事项：请在命令后每行写一项。');
  return { lines, problems, ...(truncated ? { truncated: true as const } : {}) };
}

export interface UnitImplementation {
  unit: string;
  total: number;
  implemented: number;
  unimplemented: number;
  /** Open and not yet due. */
  pending: number;
  /** 未实施 ÷ 总数. */
  share: number;
  over: boolean;
}

/**
 * Each unit's plan for the year, from the plan items' figure rows, as of `asOf`: an open item
 * due by then is 未实施, one due later is 在办.
 */
export function implementationByUnit(
  rows: readonly Pick<FigureRow, 'kind' | 'unit' | 'status' | 'planYear' | 'due'>[],
  year: number,
  asOf: number,
): UnitImplementation[] {
  const units = new Map<string, { total: number; implemented: number; pending: number }>();
  rows.forEach((r) => {
    if (r.kind !== 'plan' || r.planYear !== year) return;
    const unit = r.unit ?? '未指定单位';
    const u = units.get(unit) ?? { total: 0, implemented: 0, pending: 0 };
    u.total++;
    if (r.status === 'done') u.implemented++;
    else if (r.status !== 'cancelled' && r.due > asOf) u.pending++;
    units.set(unit, u);
  });
  return [...units]
    .map(([unit, u]) => {
      const unimplemented = u.total - u.implemented - u.pending;
      const share = unimplemented / u.total;
      return {
        unit,
        total: u.total,
        implemented: u.implemented,
        unimplemented,
        pending: u.pending,
        share,
        over: share > UNIMPLEMENTED_LIMIT,
      };
    })
    .sort((a, b) => b.share - a.share || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** The days a year's plans are reviewed on: the first working day of December, and of the year's end. */
export function reviewDays(year: number, calendar: WorkingDayCalendar): string[] {
  const firstOfDecember = formatDate(year, 12, 1);
  const first = calendar.isWorkingDay(firstOfDecember)
    ? firstOfDecember
    : calendar.nextWorkingDay(firstOfDecember);
  const last = calendar.lastWorkingDayBefore(formatDate(year + 1, 1, 1));
  return first === last ? [first] : [first, last];
}
