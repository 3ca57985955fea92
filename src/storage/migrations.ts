/**
 * Changes to stored data that a new version needs, applied once per Redis at start-up, in
 * order. Each step is idempotent (a crash halfway just runs it again) and recorded by name in
 * one HASH, so a deployment — or several processes starting together — applies each once.
 * A step that meets a record it cannot read skips and reports it rather than stopping.
 *
 * Steps:
 * - `hash-tags` (issue 13): keys move to the layout with hash tags that a Redis Cluster needs
 *   (`legacyKeyLayout.ts`). First, because the steps after it read through the new names.
 * - `lead-index` (wave 2): the per-lead-leader index of open items, which `/我的` and the
 *   leaders' lists read; items written before it existed get their entry.
 * - `figure-rows` (wave 2): every item's figure row, which `/统计` and the 台账 read; rows of
 *   items written before it are computed from the items.
 */
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

export async function migrate(deps: {
  redis: RedisClient;
  keys: Keys;
  ledger: ItemLedger;
  logger: Logger;
}): Promise<void> {
  const done = new Set(Object.keys(await deps.redis.hgetall(deps.keys.migrations())));
  for (const step of STEPS) {
    if (done.has(step.name)) continue;
    const touched = await step.run(deps);
    await deps.redis.hset(deps.keys.migrations(), step.name, String(Date.now()));
    deps.logger.info('data migration applied', { step: step.name, records: touched });
  }
}
