/**
 * The `hash-tags` migration moves BullMQ's jobs: queues the old code kept under `<prefix>:q` —
 * a delayed reminder, a waiting message — run under their new per-queue prefixes afterwards.
 * One Redis server only: the old layout put every queue in one prefix without a hash tag, which
 * a cluster could never have held, so there is nothing to move there (the cluster pass runs
 * `keyLayoutMigration.test.ts` and the upgrade e2e test instead).
 */
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { migrate } from '../../src/storage/migrations.ts';
import { type RedisClient, scanKeys } from '../../src/storage/redis.ts';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../support/redisPrefix.ts';

let redis: RedisClient;
const keys = createKeys(uniquePrefix('migq'));

beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await deleteByPrefix(redis, keys.prefix);
  await redis.quit();
});

async function allKeys(prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of scanKeys(redis, `${prefix}:*`)) out.push(...page);
  return out.sort();
}

it('moves BullMQ jobs: a delayed reminder and a waiting message run under the new prefix', async () => {
  // What the old code did: every queue under `<prefix>:q` (one server only: it is cross-slot).
  const oldReminders = new Queue('reminders', { connection: redis, prefix: `${keys.prefix}:q` });
  const oldOutbound = new Queue('outbound', { connection: redis, prefix: `${keys.prefix}:q` });
  await oldReminders.add('remind', { no: 1 }, { jobId: 'r.tenant_m.1.1', delay: 3_600_000 });
  await oldOutbound.add('send', { text: '你好' }, { jobId: 'm1' });
  await Promise.all([oldReminders.close(), oldOutbound.close()]);
  expect(await redis.exists(`${keys.prefix}:q:reminders:delayed`)).toBe(1);

  await migrate({
    redis,
    keys,
    ledger: new ItemLedger(redis, keys, new ItemRepository(redis, keys)),
    logger: silentLogger,
  });

  const reminders = new Queue('reminders', { connection: redis, prefix: keys.queuePrefix('reminders') });
  expect(await (await reminders.getJob('r.tenant_m.1.1'))?.getState()).toBe('delayed');
  await reminders.close();
  const ran: unknown[] = [];
  const connection = connectTestRedis();
  const worker = new Worker(
    'outbound',
    async (job) => {
      ran.push(job.data);
    },
    { connection, prefix: keys.queuePrefix('outbound') },
  );
  await expect.poll(() => ran, { timeout: 5000 }).toEqual([{ text: '你好' }]);
  await worker.close();
  await connection.quit();
  expect((await allKeys(keys.prefix)).filter((k) => k.startsWith(`${keys.prefix}:q:`))).toEqual([]);
});
