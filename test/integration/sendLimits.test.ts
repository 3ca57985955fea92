/**
 * Lark's three send windows at once (5/s per chat, 50/s and 1000/min per app), through the real
 * outbound worker, pacer, BullMQ and the official SDK to a fake that enforces all three. The
 * "minute" is shortened to two seconds on both sides so the test does not run for minutes;
 * the pacer's logic does not depend on the window's length.
 *
 * Also: when sends queue up, a chase goes before a pile of digests and a reply before routine
 * reminders (queue priorities), and a 加急 is not told to wait behind digests already waiting
 * for their turn in a window (the pacer's priority classes).
 */
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { createOutboundProcessor } from '../../jobs/outbound.ts';
import { createQueueMessenger, type SendRequest } from '../../src/bot/delivery/messenger.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { LarkDelivery } from '../../src/lark/larkDelivery.ts';
import { LarkTokenCache } from '../../src/lark/tokenCache.ts';
import { createLogger } from '../../src/logger.ts';
import { outboundWorkerSettings } from '../../src/scheduling/outboundWorker.ts';
import { createQueues, QUEUE } from '../../src/scheduling/queues.ts';
import {
  APP_SECOND_LIMIT,
  type PaceLimits,
  SendPacer,
  TARGET_LIMIT,
} from '../../src/scheduling/sendPacer.ts';
import { startWorkers } from '../../src/scheduling/workers.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { startFakeLark } from '../support/fakeLark.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const MINUTE_MS = 2000;
const PER_MINUTE = 20;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function outboundRig(limits: PaceLimits, concurrency = 8, appPerMinute = PER_MINUTE) {
  const fake = await startFakeLark({ enforceRateLimits: { appPerMinute, minuteMs: MINUTE_MS } });
  closers.push(() => fake.close());
  const prefix = uniquePrefix('limits');
  const keys = createKeys(prefix);
  const redis = new Redis(testRedisUrl());
  closers.push(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });
  const queues = createQueues(redis, keys);
  closers.push(() => queues.close());
  const logger = createLogger({ level: 'error' });
  const tokens = new LarkTokenCache();
  const client = createLarkClient({
    appId: fake.appId,
    appSecret: fake.appSecret,
    domain: fake.url,
    logger,
    cache: tokens,
  });
  const start = async () => {
    const workers = startWorkers(
      testRedisUrl(),
      keys.queuePrefix,
      [
        {
          queue: QUEUE.outbound,
          processor: createOutboundProcessor({
            delivery: new LarkDelivery(client, tokens),
            logger,
            pacer: new SendPacer(redis, keys, limits),
            queue: queues.outbound,
          }),
          ...outboundWorkerSettings({ concurrency }),
        },
      ],
      logger,
    );
    closers.push(() => workers.close());
    await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
  };
  return { fake, outbound: queues.outbound, messenger: createQueueMessenger(queues.outbound), start };
}

const text = (chatId: string, key: string, extra: Partial<SendRequest> = {}): SendRequest => ({
  tenant: 't',
  to: { chatId },
  message: { type: 'text', text: key },
  key,
  ...extra,
});

it('keeps a burst under the per-minute limit as well as the per-second ones: no 429, none lost or doubled', async () => {
  const rig = await outboundRig({
    target: TARGET_LIMIT,
    appSecond: APP_SECOND_LIMIT,
    appMinute: { sends: PER_MINUTE, windowMs: MINUTE_MS, guardMs: 200 },
  });
  await rig.start();
  const burst = Array.from({ length: 50 }, (_, i) => text(`oc_limits_${i % 10}`, `burst:${i}`));
  await Promise.all(burst.map((r) => rig.messenger.send(r)));
  await rig.fake.waitFor((messages) => messages.length >= burst.length, { timeoutMs: 30_000 });

  const uuids = rig.fake.messages.map((m) => m.uuid);
  expect(new Set(uuids).size).toBe(burst.length);
  expect(uuids).toHaveLength(burst.length);
  expect(rig.fake.sendAttempts.filter((a) => a.status === 429)).toHaveLength(0);
  // 50 messages at 20 per window need at least two full windows after the first 20.
  const times = rig.fake.messages.map((m) => m.time).sort((a, b) => a - b);
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2 * MINUTE_MS);
});

it("keeps the app's 50 a second across many chats: no 429, none lost or doubled", async () => {
  // Two messages to each of 80 chats: no chat is near its 5/s, the app's second is the limit.
  const rig = await outboundRig(
    {
      target: TARGET_LIMIT,
      appSecond: APP_SECOND_LIMIT,
      appMinute: { sends: 10_000, windowMs: MINUTE_MS, guardMs: 0 },
    },
    8,
    10_000,
  );
  await rig.start();
  const burst = Array.from({ length: 160 }, (_, i) => text(`oc_second_${i % 80}`, `second:${i}`));
  await Promise.all(burst.map((r) => rig.messenger.send(r)));
  await rig.fake.waitFor((messages) => messages.length >= burst.length, { timeoutMs: 30_000 });

  expect(rig.fake.sendAttempts.filter((a) => a.status === 429)).toHaveLength(0);
  expect(new Set(rig.fake.messages.map((m) => m.uuid)).size).toBe(burst.length);
  expect(rig.fake.messages).toHaveLength(burst.length);
  // 160 at 50 a second: the last 110 need more than two seconds after the first 50.
  const times = rig.fake.messages.map((m) => m.time).sort((a, b) => a - b);
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2000);
});

it('meets 429s from the minute window without the pacer, which is what the pacing prevents', async () => {
  // The same burst paced only per chat (a minute limit far above the fake's): Lark throttles.
  const rig = await outboundRig({
    target: TARGET_LIMIT,
    appSecond: APP_SECOND_LIMIT,
    appMinute: { sends: 10_000, windowMs: MINUTE_MS, guardMs: 0 },
  });
  await rig.start();
  const burst = Array.from({ length: 30 }, (_, i) => text(`oc_unpaced_${i % 10}`, `unpaced:${i}`));
  await Promise.all(burst.map((r) => rig.messenger.send(r)));
  await rig.fake.waitFor((messages) => messages.length >= burst.length, { timeoutMs: 30_000 });
  expect(rig.fake.sendAttempts.filter((a) => a.status === 429).length).toBeGreaterThan(0);
  expect(new Set(rig.fake.messages.map((m) => m.uuid)).size).toBe(burst.length);
});

it('sends a chase before queued digests, and a reply before routine reminders', async () => {
  const rig = await outboundRig(
    {
      target: TARGET_LIMIT,
      appSecond: APP_SECOND_LIMIT,
      appMinute: { sends: 1000, windowMs: MINUTE_MS, guardMs: 0 },
    },
    1,
  );
  for (let i = 0; i < 12; i++)
    await rig.messenger.send(text(`oc_digest_${i}`, `digest:${i}`, { priority: 'bulk' }));
  for (let i = 0; i < 4; i++) await rig.messenger.send(text(`oc_remind_${i}`, `remind:${i}`));
  await rig.messenger.send(text('oc_reply', 'reply:1', { priority: 'reply' }));
  await rig.messenger.send(text('oc_chase', 'chase:1', { priority: 'urgent' }));
  await rig.start();
  await rig.fake.waitFor((messages) => messages.length >= 18, { timeoutMs: 30_000 });

  const order = [...rig.fake.messages].sort((a, b) => a.time - b.time).map((m) => m.chatId);
  expect(order.slice(0, 2)).toEqual(['oc_chase', 'oc_reply']);
  expect(order.slice(2, 6).every((c) => c?.startsWith('oc_remind_'))).toBe(true);
  expect(order.slice(6).every((c) => c?.startsWith('oc_digest_'))).toBe(true);
});

it("sends a leader's 加急 at the next free slot while a burst of digests waits for the app's minute", async () => {
  const rig = await outboundRig({
    target: TARGET_LIMIT,
    appSecond: APP_SECOND_LIMIT,
    appMinute: { sends: PER_MINUTE, windowMs: MINUTE_MS, guardMs: 200 },
  });
  await rig.start();
  // 60 digests: the first 20 fill the minute, the other 40 are told their turns (two minutes).
  const digests = Array.from({ length: 60 }, (_, i) =>
    text(`oc_bulk_${i % 30}`, `bulk:${i}`, { priority: 'bulk' }),
  );
  await Promise.all(digests.map((r) => rig.messenger.send(r)));
  await rig.fake.waitFor((messages) => messages.length >= PER_MINUTE, { timeoutMs: 30_000 });
  // Every other digest has been told its turn (is delayed) before the leader's message comes.
  for (let polls = 0; (await rig.outbound.getDelayedCount()) < digests.length - PER_MINUTE; polls++) {
    if (polls > 500) throw new Error('the digests were never all put back to wait for their turn');
    await new Promise((r) => setTimeout(r, 20));
  }
  await rig.messenger.send(text('oc_leader', 'escalate:1', { priority: 'urgent' }));
  await rig.fake.waitFor((messages) => messages.length >= digests.length + 1, { timeoutMs: 30_000 });

  const order = [...rig.fake.messages].sort((a, b) => a.time - b.time).map((m) => m.chatId);
  // It goes with the next minute's first sends, not after the 40 digests that were waiting.
  expect(order.indexOf('oc_leader')).toBeGreaterThanOrEqual(PER_MINUTE);
  expect(order.indexOf('oc_leader')).toBeLessThan(PER_MINUTE + 5);
  expect(rig.fake.sendAttempts.filter((a) => a.status === 429)).toHaveLength(0);
  expect(new Set(rig.fake.messages.map((m) => m.uuid)).size).toBe(digests.length + 1);
});
