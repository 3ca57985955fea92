/**
 * A 台账 as a file, for the chat (`jobs/ledgerExport.ts`) and the 看板's download alike: the
 * items of `nos` read and named a page at a time (never all at once), each with its light, the
 * owners of the figures named, the registers of the same period and scope added — narrowed to
 * the request's unit and 类型 by the rule `/统计` uses (`registersInScope`) — and the workbook
 * written (`ledgerWorkbook.ts`).
 */
import type { BotDeps } from '../bot/deps.ts';
import { lookUp, namedItems } from '../bot/people/naming.ts';
import { type RegisterRequest, registersInScope } from '../bot/views/registerFigures.ts';
import type { Asker } from '../bot/views/statsScope.ts';
import { lightOf } from '../domain/light.ts';
import type { Statistics } from '../domain/statistics.ts';
import { type LedgerEntry, ledgerFileName, ledgerWorkbook } from './ledgerWorkbook.ts';

const PAGE = 500;

export type LedgerFileDeps = Pick<
  BotDeps,
  'people' | 'items' | 'calendars' | 'clock' | 'time' | 'organisation' | 'registers' | 'authority'
>;

export async function ledgerFile(
  deps: LedgerFileDeps,
  input: {
    /** Whose scope: the registers' entries are chosen by it too. */
    asker: Asker;
    /** The scope in words: the heading (with any filters), and the file's name. */
    heading: string;
    fileScope: string;
    stats: Statistics;
    /** The rows, in the order they are written. */
    nos: readonly number[];
    /**
     * The unit and 类型 the request names, if any: the 登记簿 sheet counts what `/统计` does
     * under them. Required so that no export forgets to narrow the registers as its items.
     */
    narrowedTo: Omit<RegisterRequest, 'period'>;
    /** More people to name than the figures' owners (a filter's owner). */
    alsoName?: readonly string[];
  },
): Promise<{ name: string; bytes: Buffer }> {
  const { asker, stats, nos } = input;
  const now = deps.clock.now();
  const calendar = await deps.calendars.calendarFor(asker.tenant);
  async function* pages(): AsyncGenerator<LedgerEntry[]> {
    for (let i = 0; i < nos.length; i += PAGE) {
      const stored = await deps.items.getMany(asker.tenant, nos.slice(i, i + PAGE));
      const items = await namedItems(deps.people, asker.tenant, stored);
      yield items.map((item) => ({ item, light: lightOf(item, now, calendar) }));
    }
  }
  const owners = await lookUp(deps.people, asker.tenant, [
    ...stats.byOwner.map((l) => l.key),
    ...(input.alsoName ?? []),
  ]);
  const bytes = await ledgerWorkbook(
    { organisation: deps.organisation, scope: input.heading, generatedAt: now, timezone: deps.time.timezone },
    stats,
    pages(),
    (id) => owners.of(id) ?? '未具名成员',
    await registersInScope(deps, asker, { ...input.narrowedTo, period: stats.period }),
  );
  return { name: ledgerFileName(input.fileScope, stats.period), bytes };
}
