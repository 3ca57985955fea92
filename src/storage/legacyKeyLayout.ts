/**
 * The `hash-tags` migration: keys written before the layout had hash tags (`keys.ts`) are moved
 * to their new names, so a deployment that upgrades keeps its items, numbers, indexes, settings
 * and its BullMQ jobs (waiting, delayed reminders, failed) as they were.
 *
 *   <p>:t:<tenant>:<rest>     → <p>:{t:<tenant>}:<rest>
 *   <p>:q:<queue>:<rest>      → <p>:{q:<queue>}:<queue>:<rest>   (BullMQ keeps job ids, not keys)
 *   <p>:pg:<rest>             → <p>:{pg}:<rest>
 *   <p>:press:<rest>          → <p>:{press}:<rest>
 *
 * Safe to run twice or from two processes at once, and to resume after a crash: each key moves
 * by itself, a key another process already moved is skipped, and a key whose new name is taken
 * is left where it is (counted, never overwritten). On one server RENAMENX moves a key with its
 * TTL in one step. On a cluster a rename cannot cross slots, so a key is copied (DUMP/RESTORE,
 * TTL kept, refused when the new name exists) and then deleted; a fresh cluster has nothing to
 * move and the step only scans each primary once.
 *
 * Stop every process of the old version before starting this one: what an old process writes
 * after the move is under the old names and is not moved again.
 */
import type { Keys } from './keys.ts';
import { isCluster, type RedisClient, scanKeys } from './redis.ts';

export interface MoveReport {
  moved: number;
  /** Old keys left because their new name already held something. */
  kept: number;
}

/** The new name of an old-layout key, or undefined when the key is not one. */
export function newKeyName(prefix: string, key: string, tenants: readonly string[] = []): string | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  if (rest.startsWith('t:')) {
    const after = rest.slice(2);
    // A known tenant first (longest wins), so a tenant key with a colon in it stays whole.
    const tenant =
      tenants.filter((t) => after.startsWith(`${t}:`)).sort((a, b) => b.length - a.length)[0] ??
      /^([^:]+):/.exec(after)?.[1];
    if (!tenant) return undefined;
    return `${prefix}:{t:${tenant}}:${after.slice(tenant.length + 1)}`;
  }
  const queue = /^q:([^:]+):/.exec(rest);
  if (queue) return `${prefix}:{q:${queue[1]}}:${rest.slice(2)}`;
  for (const tag of ['pg', 'press'])
    if (rest.startsWith(`${tag}:`)) return `${prefix}:{${tag}}:${rest.slice(tag.length + 1)}`;
  return undefined;
}

const OLD_PATTERNS = ['t', 'q', 'pg', 'press'];

export async function moveLegacyKeys(redis: RedisClient, keys: Keys): Promise<MoveReport> {
  const report: MoveReport = { moved: 0, kept: 0 };
  const tenants = await redis.smembers(keys.tenants());
  for (const pattern of OLD_PATTERNS) {
    for await (const page of scanKeys(redis, `${keys.prefix}:${pattern}:*`)) {
      const moves = page.flatMap((from) => {
        const to = newKeyName(keys.prefix, from, tenants);
        return to ? [{ from, to }] : [];
      });
      const results = await Promise.all(moves.map(({ from, to }) => moveKey(redis, from, to)));
      for (const r of results) if (r !== 'gone') report[r]++;
    }
  }
  return report;
}

async function moveKey(redis: RedisClient, from: string, to: string): Promise<'moved' | 'kept' | 'gone'> {
  if (!isCluster(redis)) {
    try {
      return (await redis.renamenx(from, to)) === 1 ? 'moved' : 'kept';
    } catch (e) {
      // Another process moved it between our SCAN and now.
      if (e instanceof Error && /no such key/i.test(e.message)) return 'gone';
      throw e;
    }
  }
  const [dump, ttl] = await Promise.all([redis.dumpBuffer(from), redis.pttl(from)]);
  if (!dump) return 'gone';
  try {
    await redis.restore(to, Math.max(ttl, 0), dump);
  } catch (e) {
    if (e instanceof Error && /BUSYKEY/.test(e.message)) return 'kept';
    throw e;
  }
  await redis.del(from);
  return 'moved';
}
