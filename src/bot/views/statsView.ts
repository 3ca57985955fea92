/**
 * `/统计` gathered: the asker's scope of figure rows (`statsScope.ts`), narrowed to a unit and
 * kind when named, counted for the period (`src/domain/statistics.ts`), with the owners it
 * shows named and the overdue ranking's working days late.
 */
import type { FigureRow } from '../../domain/figures.ts';
import { OfficeHours } from '../../domain/officeHours.ts';
import { KIND_CN, type Statistics, statistics } from '../../domain/statistics.ts';
import { UserError } from '../../errors.ts';
import type { Card } from '../../lark/cards/elements.ts';
import { statsCard } from '../../lark/cards/statsCard.ts';
import type { StatsRequest } from '../args/statsArgs.ts';
import type { BotDeps } from '../deps.ts';
import { lookUp } from '../people/naming.ts';
import { registerFigures } from './registerFigures.ts';
import { type Asker, narrowRows, scopeRows } from './statsScope.ts';

export interface ScopedStatistics {
  stats: Statistics;
  scope: string;
}

/** A unit nobody in the scope has is a typo more often than an empty unit: say so, with the names there are. */
export function knownUnit(rows: readonly FigureRow[], unit: string): void {
  if (rows.some((r) => r.unit === unit)) return;
  const units = [...new Set(rows.flatMap((r) => (r.unit ? [r.unit] : [])))].slice(0, 12);
  throw new UserError(
    units.length > 0
      ? `这个范围里没有单位“${unit}”的事项。已有的单位：${units.join('、')}。`
      : `这个范围里没有单位“${unit}”的事项，也还没有事项写明责任单位。`,
  );
}

/** Checks a request's unit before work is queued for it (`/台账`). */
export async function checkUnit(
  deps: Pick<BotDeps, 'figures' | 'authority'>,
  asker: Asker,
  unit: string | undefined,
) {
  if (!unit) return;
  knownUnit((await scopeRows(deps.authority, asker, await deps.figures.all(asker.tenant))).rows, unit);
}

export async function gatherStatistics(
  deps: Pick<BotDeps, 'figures' | 'authority' | 'clock'>,
  asker: Asker,
  request: StatsRequest,
): Promise<ScopedStatistics & { rows: FigureRow[] }> {
  const scope = await scopeRows(deps.authority, asker, await deps.figures.all(asker.tenant));
  if (request.unit) knownUnit(scope.rows, request.unit);
  const rows = narrowRows(scope.rows, request);
  const label = [
    scope.label,
    ...(request.unit ? [`单位 ${request.unit}`] : []),
    ...(request.kind ? [`类型 ${KIND_CN[request.kind]}`] : []),
  ].join(' · ');
  return { stats: statistics(rows, request.period, deps.clock.now()), scope: label, rows };
}

export async function statsCardFor(
  deps: Pick<
    BotDeps,
    'figures' | 'authority' | 'clock' | 'people' | 'items' | 'calendars' | 'time' | 'registers'
  >,
  asker: Asker,
  request: StatsRequest,
): Promise<Card> {
  const { stats, scope, rows } = await gatherStatistics(deps, asker, request);
  const shownOwners = new Set<string>();
  for (const l of [...stats.byOwner.slice(0, 10), ...stats.mostOverdue]) shownOwners.add(l.key);
  for (const o of stats.longestOverdue) for (const id of o.owners) shownOwners.add(id);
  const names = new Map((await lookUp(deps.people, asker.tenant, shownOwners)).known);
  // Someone the directory cannot name keeps the name an item recorded for them.
  const unnamed = [...shownOwners].filter((id) => !names.get(id));
  if (unnamed.length > 0) {
    const sampleNos = unnamed.flatMap((id) => rows.find((r) => r.owners.includes(id))?.no ?? []);
    for (const item of await deps.items.getMany(asker.tenant, sampleNos))
      for (const o of item.owners) if (!names.get(o.openId) && o.name) names.set(o.openId, o.name);
  }
  const calendar = await deps.calendars.calendarFor(asker.tenant);
  const office = new OfficeHours(calendar, deps.time.workdayStart, deps.time.workdayEnd);
  // Whole working days late, as the chases, the weekly report and the escalation rule count.
  const lateDays = new Map(
    stats.longestOverdue.map((o) => [o.no, office.workingDaysOverdue(o.due, stats.at)]),
  );
  const registers = await registerFigures(deps, asker, request);
  return statsCard({
    stats,
    scope,
    timezone: deps.time.timezone,
    names,
    lateDays,
    registers,
  });
}
