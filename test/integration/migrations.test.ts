/**
 * Several processes starting at once against one Redis (a web process and its workers,
 * `LUOSHI_ROLE`): the data migrations are applied by one of them, once, and the others start
 * only when the data is up to date. A process that died holding the lock holds nobody up for
 * longer than the lock's expiry.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewItem } from '../../src/domain/item.ts';
import { createLogger } from '../../src/logger.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { migrate } from '../../src/storage/migrations.ts';
import type { RedisClient } from '../../src/storage/redis.ts';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../support/redisPrefix.ts';

const prefixes: string[] = [];
let redis: RedisClient;
beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  for (const p of prefixes) await deleteByPrefix(redis, p);
  await redis.quit();
});

const TENANT = 'tenant_m';
const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const newItem = (title: string): NewItem => ({
  tenant: TENANT,
  kind: 'task',
  chatId: 'oc_1',
  title,
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  lead: { openId: 'ou_wang', name: '王主任' },
  creator: { openId: 'ou_creator', name: '' },
  due: T0 + 86_400_000,
  allDay: true,
});

/** One "process": its own connection and a logger whose lines are kept. */
function processAt(prefix: string) {
  const connection = connectTestRedis();
  const keys = createKeys(prefix);
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
  const ledger = new ItemLedger(connection, keys, new ItemRepository(connection, keys));
  return {
    run: () => migrate({ redis: connection, keys, ledger, logger }),
    applied: () => lines.filter((l) => l.includes('data migration applied')).map((l) => JSON.parse(l).step),
    close: () => connection.quit(),
  };
}

async function storedBeforeTheMigrations(prefix: string, n: number) {
  const keys = createKeys(prefix);
  const repo = new ItemRepository(redis, keys);
  for (let i = 0; i < n; i++)
    await repo.create(newItem(`事项${i}`), { actor: 'ou_creator', action: 'create', at: T0 });
  // As a version before the indexes wrote them: no lead index, no figure rows, no record.
  await redis.del(keys.leadOpen(TENANT, 'ou_wang'), keys.figures(TENANT), keys.migrations());
  return keys;
}

it('applies each step once when four processes start together, and each starts on migrated data', async () => {
  const prefix = uniquePrefix('migrate');
  prefixes.push(prefix);
  const keys = await storedBeforeTheMigrations(prefix, 30);
  const processes = Array.from({ length: 4 }, () => processAt(prefix));
  await Promise.all(processes.map((p) => p.run()));

  expect(processes.flatMap((p) => p.applied()).sort()).toEqual(['figure-rows', 'hash-tags', 'lead-index']);
  expect(await redis.zcard(keys.leadOpen(TENANT, 'ou_wang'))).toBe(30);
  expect(await redis.hlen(keys.figures(TENANT))).toBe(30);
  expect(await redis.exists(keys.migrationsLock())).toBe(0);
  for (const p of processes) await p.close();
});

it('takes over from a process that died holding the lock once its lock expires', async () => {
  const prefix = uniquePrefix('migrate');
  prefixes.push(prefix);
  const keys = await storedBeforeTheMigrations(prefix, 3);
  await redis.set(keys.migrationsLock(), 'a process that died', 'PX', 800);
  const p = processAt(prefix);
  await p.run();
  expect(p.applied()).toEqual(['hash-tags', 'lead-index', 'figure-rows']);
  expect(await redis.hlen(keys.figures(TENANT))).toBe(3);
  await p.close();
});
