/**
 * Delivery benchmark (issue 4): a burst of 2000 messages through the real outbound worker
 * (pacer, BullMQ limiter, Lark client and SDK) to the fake Lark platform, spread round-robin
 * over 200 groups so the per-group limit (5/s) does not dominate. The fake enforces Lark's
 * limits (5/s per group, 50/s per app), so a pacing mistake would show up as throttled sends.
 *
 * Goal: ≥ 90% of the 50/s app limit, 0 lost, 0 doubled. Not a timed test: it prints figures.
 *
 *   npm run bench:delivery                    # 2000 messages, 200 groups
 *   npm run bench:delivery -- 500 50          # messages, groups
 *
 * Uses a private redis-server on a free port (never the machine's 6379), removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboundProcessor } from '../../jobs/outbound.ts';
import { createQueueMessenger, type SendRequest } from '../../src/bot/delivery/messenger.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { LarkDelivery } from '../../src/lark/larkDelivery.ts';
import { LarkTokenCache } from '../../src/lark/tokenCache.ts';
import { createLogger } from '../../src/logger.ts';
import { APP_SENDS_PER_SECOND, outboundWorkerSettings } from '../../src/scheduling/outboundWorker.ts';
import { createQueues, QUEUE } from '../../src/scheduling/queues.ts';
import { SendPacer } from '../../src/scheduling/sendPacer.ts';
import { startWorkers } from '../../src/scheduling/workers.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { startFakeLark } from '../../test/support/fakeLark.ts';

const MESSAGES = Number(process.argv[2] ?? 2000);
const GROUPS = Number(process.argv[3] ?? 200);

const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-delivery-'));
const server = await startEmbeddedRedis({ dir, persistent: false });
const fake = await startFakeLark({ enforceRateLimits: true });
const logger = createLogger({ level: 'error' });
const keys = createKeys('bench');
const redis = createRedis(server.url, 'command');
await waitReady(redis);
const queues = createQueues(redis, keys);
const tokens = new LarkTokenCache();
const client = createLarkClient({
  appId: fake.appId,
  appSecret: fake.appSecret,
  domain: fake.url,
  logger,
  cache: tokens,
});
const workers = startWorkers(
  server.url,
  keys.queuePrefix,
  [
    {
      queue: QUEUE.outbound,
      processor: createOutboundProcessor({
        delivery: new LarkDelivery(client, tokens),
        logger,
        pacer: new SendPacer(redis, keys),
      }),
      ...outboundWorkerSettings({ concurrency: 16 }),
    },
  ],
  logger,
);
await Promise.all(workers.workers.map((w) => w.waitUntilReady()));

const messenger = createQueueMessenger(queues.outbound);
const requests: SendRequest[] = Array.from({ length: MESSAGES }, (_, i) => ({
  tenant: 'bench',
  to: { chatId: `oc_bench_${String(i % GROUPS).padStart(4, '0')}` },
  message: { type: 'text', text: `基准消息 ${i}` },
  key: `bench:${i}`,
}));

console.log(
  `delivery benchmark: ${MESSAGES} messages over ${GROUPS} groups, Lark limits enforced by the fake`,
);
const started = Date.now();
for (let i = 0; i < requests.length; i += 100) {
  await Promise.all(requests.slice(i, i + 100).map((r) => messenger.send(r)));
}
const enqueuedMs = Date.now() - started;
await fake.waitFor(() => new Set(fake.messages.map((m) => m.uuid)).size >= MESSAGES, {
  timeoutMs: (MESSAGES / APP_SENDS_PER_SECOND) * 1000 * 3 + 30_000,
});
const lastDelivery = Math.max(...fake.messages.map((m) => m.time));
const firstDelivery = Math.min(...fake.messages.map((m) => m.time));
// Let stragglers (a retry that would double a message) show up before counting.
await new Promise((r) => setTimeout(r, 2000));

const uuids = fake.messages.map((m) => m.uuid);
const distinct = new Set(uuids).size;
const seconds = (lastDelivery - started) / 1000;
const throughput = MESSAGES / seconds;
const throttled = fake.sendAttempts.filter((a) => !a.delivered).length;
const worstGroup = Math.max(
  ...Array.from({ length: GROUPS }, (_, g) =>
    fake.maxSendsPerSecond(`oc_bench_${String(g).padStart(4, '0')}`, { deliveredOnly: true }),
  ),
);
const counts = await queues.outbound.getJobCounts('completed', 'failed');

const figures = {
  messages: MESSAGES,
  groups: GROUPS,
  enqueueSeconds: +(enqueuedMs / 1000).toFixed(2),
  burstToLastDeliverySeconds: +seconds.toFixed(2),
  firstToLastDeliverySeconds: +((lastDelivery - firstDelivery) / 1000).toFixed(2),
  throughputPerSecond: +throughput.toFixed(1),
  ratioTo50PerSecond: +(throughput / APP_SENDS_PER_SECOND).toFixed(3),
  lost: MESSAGES - distinct,
  doubled: uuids.length - distinct,
  throttledAttempts: throttled,
  worstGroupPerSecond: worstGroup,
  appPeakPerSecond: Math.max(
    ...fake.messages.map(
      (m) => fake.messages.filter((o) => o.time >= m.time && o.time < m.time + 1000).length,
    ),
  ),
  jobs: counts,
};
console.log(JSON.stringify(figures, null, 2));
const pass = figures.ratioTo50PerSecond >= 0.9 && figures.lost === 0 && figures.doubled === 0;
console.log(pass ? 'goal met: ≥ 90% of 50/s, 0 lost, 0 doubled' : 'goal NOT met');

await workers.close();
await queues.close();
await redis.quit();
await fake.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(pass ? 0 : 1);
