/**
 * Reading across all of a tenant's items, for the jobs that look at everything at once: the
 * start-up reconciliation of reminder plans and the daily and weekly digests. Handlers read
 * one chat or one item through `ItemRepository`; this walks the tenant indexes and the audit
 * stream in pages, so a tenant with 100k open items never becomes one giant reply.
 */
import type { Item } from '../domain/item.ts';
import type { ItemRepository } from './itemRepository.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const PAGE = 500;
/** Audit entries are appended in time order, give or take concurrent writers: read past `since` by this much. */
const AUDIT_SLACK_MS = 5 * 60_000;
const MAX_AUDIT_PAGES = 400;

export class ItemLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly items: ItemRepository,
  ) {}

  async tenants(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.tenants())).sort();
  }

  /**
   * The open items of a tenant, a page at a time, nearest deadline first. The numbers are read
   * in one go (100k of them is under a megabyte), so items closing meanwhile shift nothing.
   */
  async *openItems(tenant: string): AsyncGenerator<Item[]> {
    const nos = (await this.redis.zrange(this.keys.tenantOpen(tenant), '0', '-1')).map(Number);
    for (let i = 0; i < nos.length; i += PAGE) {
      const items = await this.items.getMany(tenant, nos.slice(i, i + PAGE));
      if (items.length > 0) yield items;
    }
  }

  /** Every item of a tenant, open or closed, a page at a time in number order. */
  async *allItems(tenant: string): AsyncGenerator<Item[]> {
    const last = Number((await this.redis.get(this.keys.seq(tenant))) ?? 0);
    for (let from = 1; from <= last; from += PAGE) {
      const nos = Array.from({ length: Math.min(PAGE, last - from + 1) }, (_, i) => from + i);
      const items = await this.items.getMany(tenant, nos);
      if (items.length > 0) yield items;
    }
  }

  /** Item numbers whose audit action is one of `actions`, at or after `since` (bot clock). */
  async changedSince(
    tenant: string,
    since: number,
    actions: readonly string[],
  ): Promise<Map<string, Set<number>>> {
    const found = new Map<string, Set<number>>(actions.map((a) => [a, new Set<number>()]));
    let end = '+';
    for (let page = 0; page < MAX_AUDIT_PAGES; page++) {
      const rows = (await this.redis.xrevrange(this.keys.audit(tenant), end, '-', 'COUNT', PAGE)) as Array<
        [string, string[]]
      >;
      let older = false;
      for (const [, fields] of rows) {
        const f: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
        const at = Number(f.at);
        if (at < since - AUDIT_SLACK_MS) older = true;
        if (at >= since && f.no !== undefined && f.action !== undefined)
          found.get(f.action)?.add(Number(f.no));
      }
      const last = rows.at(-1);
      if (older || !last || rows.length < PAGE) break;
      end = `(${last[0]}`;
    }
    return found;
  }
}
