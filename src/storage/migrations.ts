/**
 * Changes to stored data that a new version needs, applied once per Redis at start-up, in
 * order. Each step is idempotent (a crash halfway just runs it again) and recorded by name in
 * one HASH, so a deployment applies each once. A step that meets a record it cannot read skips
 * and reports it rather than stopping.
 *
 * Several processes starting together (a web process and its workers, `LUOSHI_ROLE`): one of
 * them takes a lock key (SET NX with an expiry, renewed while it works) and applies the steps;
 * the others wait until it has released the lock, then find the steps recorded and go on. So no
 * step runs twice at once — a late second run of `lead-index` over pages read before another
 * process had started changing items could otherwise put back an index entry that is no longer
 * true. A holder that dies lets its lock expire and the next process takes over.
 *
 * Steps:
 * - `hash-tags` (issue 13): keys move to the layout with hash tags that a Redis Cluster needs
 *   (`legacyKeyLayout.ts`). First, because the steps after it read through the new names.
 * - `lead-index` (wave 2): the per-lead-leader index of open items, which `/我的` and the
 *   leaders' lists read; items written before it existed get their entry.
 * - `figure-rows` (wave 2): every item's figure row, which `/统计` and the 台账 read; rows of
 *   items written before it are computed from the items.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { ItemLedger } from './itemLedger.ts';
import { figureRowJson } from './itemRepository.ts';
import type { Keys } from './keys.ts';
import { moveLegacyKeys } from './legacyKeyLayout.ts';
import type { RedisClient } from './redis.ts';

interface Step {
  name: string;
  run(ctx: { redis: RedisClient; keys: Keys; ledger: ItemLedger; logger: Logger }): Promise<number>;
}

const STEPS: readonly Step[] = [
  {
    name: 'hash-tags',
    async run({ redis, keys, logger }) {
      const { moved, kept } = await moveLegacyKeys(redis, keys);
      if (kept > 0)
        logger.warn('old-layout keys left in place: their new names were taken', {
          kept,
          prefix: keys.prefix,
        });
      return moved;
    },
  },
  {
    name: 'lead-index',
    async run({ redis, keys, ledger }) {
      let added = 0;
      for (const tenant of await ledger.tenants()) {
        for await (const page of ledger.openItems(tenant)) {
          const pipeline = redis.pipeline();
          for (const item of page) {
            if (item.lead) pipeline.zadd(keys.leadOpen(tenant, item.lead.openId), item.due, String(item.no));
          }
          added += page.filter((i) => i.lead).length;
          await pipeline.exec();
        }
      }
      return added;
    },
  },
  {
    name: 'figure-rows',
    async run({ redis, keys, ledger }) {
      let written = 0;
      for (const tenant of await ledger.tenants()) {
        for await (const page of ledger.allItems(tenant)) {
          // HSETNX: a row the item scripts wrote meanwhile is newer than this one.
          const pipeline = redis.pipeline();
          for (const item of page)
            pipeline.hsetnx(keys.figures(tenant), String(item.no), figureRowJson(item));
          await pipeline.exec();
          written += page.length;
        }
      }
      return written;
    },
  },
];

/** How long the lock outlives a holder that stopped renewing it (it died). */
const LOCK_MS = 30_000;
/** How often a waiting process looks whether the holder is done. */
const WAIT_POLL_MS = 200;

/** Deletes the lock only while it is still this holder's (it may have expired and passed on). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Extends the lock only while it is still this holder's. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export async function migrate(deps: {
  redis: RedisClient;
  keys: Keys;
  ledger: ItemLedger;
  logger: Logger;
}): Promise<void> {
  const { redis, keys } = deps;
  const pending = async () => {
    const done = await redis.hgetall(keys.migrations());
    return STEPS.filter((s) => !(s.name in done));
  };
  const token = randomUUID();
  let waited = false;
  for (;;) {
    if ((await pending()).length === 0) return;
    if ((await redis.set(keys.migrationsLock(), token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
    if (!waited) deps.logger.info('another process is applying data migrations; waiting for it');
    waited = true;
    await new Promise((ok) => setTimeout(ok, WAIT_POLL_MS));
  }
  const renew = setInterval(() => {
    redis.eval(RENEW, 1, keys.migrationsLock(), token, LOCK_MS).catch(() => {});
  }, LOCK_MS / 3);
  try {
    // Read again under the lock: the previous holder may have finished just before we took it.
    for (const step of await pending()) {
      const touched = await step.run(deps);
      await redis.hset(keys.migrations(), step.name, String(Date.now()));
      deps.logger.info('data migration applied', { step: step.name, records: touched });
    }
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, keys.migrationsLock(), token).catch(() => {});
  }
}
