/**
 * What the 看板 shows one person: their scope (the read rule of `src/domain/access.ts`, as for
 * `/统计` in a private chat — everything for an organisation admin), the period's figures
 * (`src/domain/figures.ts`), the trend of overdue work by week, and the ledger filtered, sorted
 * and cut into pages. Only a page's items are read from Redis; the rest works on figure rows.
 *
 * The query comes from the page's form and links: anything it cannot read falls back to the
 * default (a web form is not a chat command that deserves a refusal).
 */
import { readStatsArgs } from '../../bot/args/statsArgs.ts';
import type { BotDeps } from '../../bot/deps.ts';
import { lookUp, namedItems } from '../../bot/people/naming.ts';
import { narrowRows, scopeRows } from '../../bot/views/statsScope.ts';
import {
  contribution,
  type FigureRow,
  overdueAt,
  type Period,
  readAt,
  stateAt,
} from '../../domain/figures.ts';
import type { Item, ItemKind } from '../../domain/item.ts';
import { weekStart } from '../../domain/periodicSchedule.ts';
import { KIND_CN, type Statistics, statistics } from '../../domain/statistics.ts';
import { normaliseText } from '../../domain/text.ts';
import { addDays, atLocal, localDate } from '../../domain/time.ts';
import type { Viewer } from './sessions.ts';

export type DashboardDeps = Pick<
  BotDeps,
  'figures' | 'authority' | 'clock' | 'people' | 'items' | 'calendars' | 'time' | 'registers'
>;

export const STATES = { open: '办理中', overdue: '逾期未办结', done: '已办结', cancelled: '已取消' } as const;
export type StateFilter = keyof typeof STATES;
export const SORTS = { due: '截止时间', no: '编号', created: '登记时间' } as const;
export type SortKey = keyof typeof SORTS;

export interface LedgerQuery {
  /** As typed: `本月`, `上季度`, `2026年3月`. */
  periodWord: string;
  period: Period;
  unit?: string;
  owner?: string;
  kind?: ItemKind;
  state?: StateFilter;
  q?: string;
  sort: SortKey;
  desc: boolean;
  page: number;
  /** What the page could not read and showed instead, said at the top. */
  notice?: string;
}

export const PAGE_SIZE = 50;
const MAX_SEARCH = 50;
const TREND_WEEKS = 8;

const pick = <T extends string>(value: string | undefined, allowed: Record<T, unknown>): T | undefined =>
  value !== undefined && Object.hasOwn(allowed, value) ? (value as T) : undefined;

export function readQuery(
  params: Record<string, string | undefined>,
  now: number,
  timezone: string,
): LedgerQuery {
  let periodWord = (params.period ?? '').trim().slice(0, 20) || '本月';
  let period: Period;
  const unread: string[] = [];
  try {
    period = readStatsArgs(periodWord, '看板', now, timezone).period;
  } catch (e) {
    unread.push(e instanceof Error ? e.message : `看不懂时间段“${periodWord}”`);
    periodWord = '本月';
    period = readStatsArgs('', '看板', now, timezone).period;
  }
  const text = (v: string | undefined) =>
    v ? normaliseText(v).trim().slice(0, MAX_SEARCH) || undefined : undefined;
  const kind = pick<ItemKind>(params.kind, KIND_CN);
  const state = pick<StateFilter>(params.state, STATES);
  if (params.kind && !kind) unread.push(`没有“${params.kind.slice(0, 20)}”这种类型`);
  if (params.state && !state) unread.push(`没有“${params.state.slice(0, 20)}”这种状态`);
  const unit = text(params.unit);
  const owner = text(params.owner);
  const q = text(params.q);
  const page = Math.min(Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1), 100_000);
  return {
    periodWord,
    period,
    ...(unit ? { unit } : {}),
    ...(owner ? { owner } : {}),
    ...(kind ? { kind } : {}),
    ...(state ? { state } : {}),
    ...(q ? { q } : {}),
    sort: pick<SortKey>(params.sort, SORTS) ?? 'due',
    desc: params.dir === 'desc',
    page,
    ...(unread.length > 0
      ? { notice: `${unread.join('；')}。以下显示的是${periodWord}${kind ? '' : '、全部类型'}。` }
      : {}),
  };
}

/** The filters in words, for a download's heading: `单位 县交通局 · 状态 逾期未办结 · 搜索 “批量”`. */
export function filtersLabel(q: LedgerQuery, names: ReadonlyMap<string, string>): string {
  return [
    ...(q.unit ? [`单位 ${q.unit}`] : []),
    ...(q.owner ? [`负责人 ${names.get(q.owner) || '未具名成员'}`] : []),
    ...(q.kind ? [`类型 ${KIND_CN[q.kind]}`] : []),
    ...(q.state ? [`状态 ${STATES[q.state]}`] : []),
    ...(q.q ? [`搜索“${q.q}”`] : []),
  ].join(' · ');
}

/** The query as URL parameters, with some changed (links keep the rest of the filters). */
export function queryString(
  q: LedgerQuery,
  change: Partial<Record<string, string | undefined>> = {},
): string {
  const params: Record<string, string | undefined> = {
    period: q.periodWord,
    unit: q.unit,
    owner: q.owner,
    kind: q.kind,
    state: q.state,
    q: q.q,
    sort: q.sort,
    dir: q.desc ? 'desc' : undefined,
    page: q.page > 1 ? String(q.page) : undefined,
    ...change,
  };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The state filter reads each row as it stood at the period's end (now while it lasts), as the figures do. */
function matchesState(r: FigureRow, state: StateFilter | undefined, at: number): boolean {
  return state === undefined || stateAt(r, at) === state;
}

const SORT_BY: Record<SortKey, (a: FigureRow, b: FigureRow) => number> = {
  due: (a, b) => a.due - b.due || a.no - b.no,
  no: (a, b) => a.no - b.no,
  created: (a, b) => a.createdAt - b.createdAt || a.no - b.no,
};

/**
 * The first `count` rows in `cmp`'s order, without sorting them all: one pass keeping the best
 * so far (a page of 50 out of 100k costs about one comparison per row, not seventeen).
 */
export function firstInOrder<T>(rows: readonly T[], cmp: (a: T, b: T) => number, count: number): T[] {
  if (count >= rows.length / 4) return [...rows].sort(cmp).slice(0, count);
  const best: T[] = [];
  for (const r of rows) {
    if (best.length === count && cmp(r, best[count - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(r, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, r);
    if (best.length > count) best.pop();
  }
  return best;
}

/** The viewer's rows for the query's period and filters (in no particular order), and its order. */
export async function ledgerRows(deps: DashboardDeps, viewer: Viewer, query: LedgerQuery) {
  const asker = { ...viewer, chatId: '', chatType: 'p2p' };
  const scope = await scopeRows(deps.authority, asker, await deps.figures.all(viewer.tenant));
  const now = deps.clock.now();
  const inPeriod = narrowRows(scope.rows, query).filter(
    (r) => contribution(r, query.period, now) !== undefined,
  );
  const rows = inPeriod.filter(
    (r) =>
      (!query.owner || r.owners.includes(query.owner)) &&
      matchesState(r, query.state, readAt(query.period, now)) &&
      (!query.q || (r.title ?? '').includes(query.q)),
  );
  const by = SORT_BY[query.sort];
  const order = query.desc ? (a: FigureRow, b: FigureRow) => by(b, a) : by;
  return { scope, inPeriod, rows, order };
}

export interface Overview {
  query: LedgerQuery;
  scope: string;
  stats: Statistics;
  /** Overdue 在办 items at the end of each of the last weeks, oldest first. */
  trend: Array<{ label: string; overdue: number }>;
  items: Item[];
  total: number;
  pages: number;
  units: string[];
  owners: Array<{ openId: string; name: string }>;
  names: ReadonlyMap<string, string>;
}

export async function overview(deps: DashboardDeps, viewer: Viewer, query: LedgerQuery): Promise<Overview> {
  const now = deps.clock.now();
  const tz = deps.time.timezone;
  const { scope, inPeriod, rows, order } = await ledgerRows(deps, viewer, query);
  const stats = statistics(
    inPeriod.filter((r) => !query.owner || r.owners.includes(query.owner)),
    query.period,
    now,
  );
  const monday = weekStart(localDate(now, tz));
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(monday, -7 * (TREND_WEEKS - 1 - i)));
  const ends = weeks.map((w) => Math.min(now, atLocal(addDays(w, 7), '00:00', tz)));
  const counts = overdueAt(scope.rows, ends);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const slice = firstInOrder(rows, order, page * PAGE_SIZE)
    .slice((page - 1) * PAGE_SIZE)
    .map((r) => r.no);
  const items = await namedItems(deps.people, viewer.tenant, await deps.items.getMany(viewer.tenant, slice));
  const ownerIds = new Set<string>();
  for (const r of scope.rows) for (const o of r.owners) ownerIds.add(o);
  const names = (await lookUp(deps.people, viewer.tenant, ownerIds)).known;
  return {
    query: { ...query, page },
    scope: scope.label,
    stats,
    // Each week by its last day; the week still running is read now.
    trend: weeks.map((w, i) => ({
      label: i === weeks.length - 1 ? '本周' : addDays(w, 6).slice(5).replace('-', '/'),
      overdue: counts[i]!,
    })),
    items,
    total: rows.length,
    pages,
    units: [...new Set(scope.rows.flatMap((r) => (r.unit ? [r.unit] : [])))].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    ),
    owners: [...ownerIds]
      .map((openId) => ({ openId, name: names.get(openId) || '未具名成员' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    names,
  };
}
