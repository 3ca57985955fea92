/**
 * Delivery benchmark: a burst of 3000 messages through the real outbound worker (pacer,
 * BullMQ limiter, Lark client and SDK) to the fake Lark platform, spread round-robin over 300
 * groups. The fake enforces all of Lark's send limits (5/s per group, 50/s and 1000/min per
 * app), so a pacing mistake shows up as throttled sends.
 *
 * Goals: 0 × 429; the first 1000 (one minute's allowance) at ≥ 90% of 50/s; after that
 * ≥ 95% of 1000/min sustained; 0 lost, 0 doubled. Not a timed test: it prints figures. A burst
 * beyond 1000 takes minutes by design (3000: about 2 min 22 s).
 *
 *   npm run bench:delivery                    # 3000 messages, 300 groups
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
import { outboundWorkerSettings } from '../../src/scheduling/outboundWorker.ts';
import { createQueues, QUEUE } from '../../src/scheduling/queues.ts';
import { APP_MINUTE_LIMIT, APP_SECOND_LIMIT, SendPacer } from '../../src/scheduling/sendPacer.ts';
import { startWorkers } from '../../src/scheduling/workers.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { startFakeLark } from '../../test/support/fakeLark.ts';

const MESSAGES = Number(process.argv[2] ?? 3000);
const GROUPS = Number(process.argv[3] ?? 300);
const PER_MINUTE = APP_MINUTE_LIMIT.sends;
const APP_SENDS_PER_SECOND = APP_SECOND_LIMIT.sends;
const PACER_CEILING_PER_SECOND =
  (APP_SECOND_LIMIT.sends * 1000) / (APP_SECOND_LIMIT.windowMs + APP_SECOND_LIMIT.guardMs);

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
        queue: queues.outbound,
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
  timeoutMs:
    (MESSAGES / APP_SENDS_PER_SECOND) * 1000 * 3 + Math.ceil(MESSAGES / PER_MINUTE) * 62_000 + 30_000,
});
const lastDelivery = Math.max(...fake.messages.map((m) => m.time));
// Let stragglers (a retry that would double a message) show up before counting.
await new Promise((r) => setTimeout(r, 2000));

const uuids = fake.messages.map((m) => m.uuid);
const distinct = new Set(uuids).size;
const times = fake.messages.map((m) => m.time).sort((a, b) => a - b);
// The first minute's allowance goes at the per-second rate; later ones as the minute window frees.
const firstMinute = times.slice(0, Math.min(PER_MINUTE, times.length));
const firstRate = firstMinute.length / Math.max(0.001, (firstMinute.at(-1)! - started) / 1000);
// Sustained per minute: the messages before the last window opened, over the time they took.
const lastWindow = times.length % PER_MINUTE || PER_MINUTE;
const beforeLast = times.length - lastWindow;
const sustainedPerMinute =
  beforeLast > 0 ? beforeLast / ((times[beforeLast]! - times[0]!) / 60_000) : undefined;
const throttled = fake.sendAttempts.filter((a) => !a.delivered);
const peakIn = (ms: number) => {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
};
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
  burstToLastDeliverySeconds: +((lastDelivery - started) / 1000).toFixed(2),
  firstMinuteAllowancePerSecond: +firstRate.toFixed(1),
  ratioTo50PerSecond: +(firstRate / APP_SENDS_PER_SECOND).toFixed(3),
  // The pacer's own ceiling: its second is longer than Lark's by the guard against network jitter.
  ratioToPacerCeiling: +(firstRate / PACER_CEILING_PER_SECOND).toFixed(3),
  sustainedPerMinute: sustainedPerMinute === undefined ? null : +sustainedPerMinute.toFixed(0),
  ratioTo1000PerMinute:
    sustainedPerMinute === undefined ? null : +(sustainedPerMinute / PER_MINUTE).toFixed(3),
  lost: MESSAGES - distinct,
  doubled: uuids.length - distinct,
  throttled429: throttled.filter((a) => a.status === 429).length,
  throttledPerChat: throttled.filter((a) => a.status !== 429).length,
  worstGroupPerSecond: worstGroup,
  appPeakPerSecond: peakIn(1000),
  appPeakPerMinute: peakIn(60_000),
  jobs: counts,
};
console.log(JSON.stringify(figures, null, 2));
// Issue 14's goal. The first minute's rate is printed beside it, against Lark's 50/s and
// against the pacer's ceiling (45.5/s), not judged: a slower first minute delays no message
// past what the minute window allows anyway.
const pass =
  (figures.ratioTo1000PerMinute === null || figures.ratioTo1000PerMinute >= 0.95) &&
  figures.throttled429 === 0 &&
  figures.lost === 0 &&
  figures.doubled === 0;
console.log(pass ? 'goal met: 0 × 429, ≥ 95% of 1000/min sustained, 0 lost, 0 doubled' : 'goal NOT met');

await workers.close();
await queues.close();
await redis.quit();
await fake.close();
await server.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(pass ? 0 : 1);
