/**
 * A worker killed in the middle of a burst loses nothing and doubles nothing (DESIGN §7):
 * 200 messages go onto the outbound queue, the worker process is SIGKILLed while several sends
 * have reached the (fake) platform but not yet been answered, and a second worker process takes
 * over. Afterwards the platform has shown every message exactly once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createQueueMessenger } from '../../src/bot/delivery/messenger.ts';
import { createQueues, type Queues } from '../../src/scheduling/queues.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { type ChildWorker, startChildWorker } from '../support/childWorker.ts';
import { type FakeLark, startFakeLark } from '../support/fakeLark.ts';
import { holdAnswers } from '../support/heldAnswers.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const BURST = 200;
const CHATS = 20;
/** Sends that reach the platform but whose answers the first worker never sees. */
const HUNG = 8;

const prefix = uniquePrefix('crash');
const keys = createKeys(prefix);
let redis: Redis;
let queues: Queues;
let fake: FakeLark;
const children: ChildWorker[] = [];

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  queues = createQueues(redis, keys);
  fake = await startFakeLark();
});
afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await queues?.close();
  await fake?.close();
  await deleteByPrefix(redis, prefix);
  await redis?.quit();
});

const workerOptions = () => ({
  redisUrl: testRedisUrl(),
  keyPrefix: prefix,
  larkDomain: fake.url,
  appId: fake.appId,
  appSecret: fake.appSecret,
});

it('delivers every message of a burst exactly once although its worker was SIGKILLed mid-send', async () => {
  children.push(await startChildWorker(workerOptions()));

  // Once a third of the burst is through, the platform takes the next sends but answers them
  // only after the worker is dead: they are delivered, and their jobs are still active.
  const hung = holdAnswers(fake, { after: BURST / 3, count: HUNG, delayMs: 10_000 });

  const messenger = createQueueMessenger(queues.outbound);
  // Round-robin over the chats, as a digest run would send them.
  for (let i = 0; i < BURST; i++) {
    await messenger.send({
      tenant: 't',
      to: { chatId: `oc_crash_${i % CHATS}` },
      message: { type: 'text', text: `第 ${i} 条` },
      key: `burst:${prefix}:${i}`,
    });
  }

  await fake.waitFor(() => hung.count() >= HUNG, { timeoutMs: 30_000 });
  const deliveredAtKill = fake.messages.length;
  await children[0]!.kill('SIGKILL');
  expect(deliveredAtKill).toBeLessThan(BURST);

  children.push(await startChildWorker(workerOptions()));
  await fake.waitFor(() => new Set(fake.messages.map((m) => m.uuid)).size >= BURST, { timeoutMs: 60_000 });
  await expect
    .poll(() => queues.outbound.getJobCounts('completed', 'failed'), { timeout: 15_000 })
    .toEqual({
      completed: BURST,
      failed: 0,
    });

  const perUuid = new Map<string, number>();
  for (const m of fake.messages) perUuid.set(m.uuid!, (perUuid.get(m.uuid!) ?? 0) + 1);
  expect(perUuid.size).toBe(BURST);
  expect([...perUuid.values()].every((n) => n === 1)).toBe(true);
  const texts = new Set(fake.messages.map((m) => (m.content as { text: string }).text));
  expect(texts.size).toBe(BURST);
  // The jobs that were mid-send when the worker died were sent again by the second worker,
  // with the same uuid, and the platform showed them once.
  for (const uuid of hung.uuids) {
    expect(fake.sendAttempts.filter((a) => a.uuid === uuid).length).toBeGreaterThanOrEqual(2);
  }
}, 120_000);
