/**
 * Reads a tenant's figure rows (`src/domain/figures.ts`), which the item scripts keep beside
 * every item, and holds them in memory: the first read scans them all (100k rows take about a
 * second to move and parse), every later one asks the change log which rows were written since
 * the version it holds and reads only those. So `/统计` costs the counting, not the transfer.
 *
 * Guarantees: a read never misses a write that finished before it began — the version is read
 * before the rows, and a row written meanwhile is read again next time (the log keeps each item
 * once, scored by its latest version). A row that cannot be read is skipped and reported, so one
 * bad record never stops a statistic. At most `maxTenants` tenants are held, least recent out.
 */
import type { FigureRow } from '../domain/figures.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** Rows per round trip: a page parses in a few milliseconds, so the event loop turns between pages. */
const SCAN_COUNT = 2000;

interface Held {
  version: number;
  rows: Map<number, FigureRow>;
}

/**
 * A row with every field present, in one order: rows parsed as they were stored differ in which
 * optional fields they carry, and 100k objects of many shapes make every pass over them (sort,
 * filter, count) several times slower than objects of one shape.
 */
function shaped(no: number, r: Partial<FigureRow>): FigureRow {
  return {
    no,
    kind: r.kind!,
    title: r.title ?? '',
    chatId: r.chatId ?? '',
    p2p: r.p2p,
    unit: r.unit,
    planYear: r.planYear,
    owners: r.owners ?? [],
    lead: r.lead,
    creator: r.creator ?? '',
    status: r.status!,
    createdAt: r.createdAt ?? 0,
    due: r.due ?? 0,
    doneAt: r.doneAt,
    cancelledAt: r.cancelledAt,
    extendedAt: r.extendedAt ?? [],
  } as FigureRow;
}

export class FigureRows {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly onUnreadable: (bad: { tenant: string; no: number; err: unknown }) => void = () => {},
    private readonly maxTenants = 16,
  ) {}

  private parse(tenant: string, no: number, json: string | null, into: Map<number, FigureRow>): void {
    if (json === null) {
      into.delete(no);
      return;
    }
    try {
      into.set(no, shaped(no, JSON.parse(json) as Partial<FigureRow>));
    } catch (err) {
      into.delete(no);
      this.onUnreadable({ tenant, no, err });
    }
  }

  private async version(tenant: string): Promise<number> {
    return Number((await this.redis.get(this.keys.figuresVersion(tenant))) ?? 0);
  }

  private async scan(tenant: string): Promise<Held> {
    const version = await this.version(tenant);
    const rows = new Map<number, FigureRow>();
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.figures(tenant), cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) this.parse(tenant, Number(flat[i]), flat[i + 1]!, rows);
    } while (cursor !== '0');
    return { version, rows };
  }

  private async catchUp(tenant: string, held: Held, version: number): Promise<void> {
    if (version === held.version) return;
    const nos = await this.redis.zrangebyscore(this.keys.figuresLog(tenant), `(${held.version}`, '+inf');
    for (let i = 0; i < nos.length; i += SCAN_COUNT) {
      const page = nos.slice(i, i + SCAN_COUNT);
      const values = await this.redis.hmget(this.keys.figures(tenant), ...page);
      for (let k = 0; k < page.length; k++) this.parse(tenant, Number(page[k]), values[k] ?? null, held.rows);
    }
    held.version = version;
  }

  /** Every row of the tenant, as of now. The rows are shared: callers must not change them. */
  async all(tenant: string): Promise<readonly FigureRow[]> {
    let held = this.held.get(tenant);
    const version = held ? await this.version(tenant) : 0;
    // A version below the one held means Redis lost or replaced its data: read it all again.
    if (held && version >= held.version) await this.catchUp(tenant, held, version);
    else held = await this.scan(tenant);
    // Most recently read last, so the first is the one to let go.
    this.held.delete(tenant);
    this.held.set(tenant, held);
    if (this.held.size > this.maxTenants) this.held.delete(this.held.keys().next().value!);
    return [...held.rows.values()];
  }
}
