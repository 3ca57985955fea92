/**
 * Digest benchmark (issue 14 §4): the daily digest of one group with 10k open items, built by
 * the real digest processor (read the open items, name their people, sort them into red /
 * yellow / green, draw the card, queue it) on a private redis-server.
 *
 * Baseline in the same run: only reading those 10k items from Redis, which any digest must do.
 * Prints the median of 7 runs of each, the ratio, and the card's size against Lark's 30 KB.
 *   npm run bench:digest            (BENCH_ITEMS changes the count)
 * Goal: ≤ 200 ms for the group's digest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { createDigestProcessor } from '../../jobs/digest.ts';
import { createQueueMessenger } from '../../src/bot/delivery/messenger.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { localDate } from '../../src/domain/time.ts';
import { silentLogger } from '../../src/logger.ts';
import { createQueues } from '../../src/scheduling/queues.ts';
import type { PeriodicJobData } from '../../src/scheduling/reminderScheduler.ts';
import { BullReminderScheduler } from '../../src/scheduling/scheduler.ts';
import { CalendarStore } from '../../src/storage/calendarStore.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { FigureRows } from '../../src/storage/figureRows.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { SettingsStore } from '../../src/storage/settingsStore.ts';
import { benchPerson, median } from './support.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = 7;
const GOAL_MS = 200;
const TENANT = 'bench';
const CHAT = 'oc_bench_digest_group';
// Thursday 26 November 2026, 09:00 in Beijing (office start): the digest's moment.
const NOW = Date.parse('2026-11-26T09:00:00+08:00');
const DAY = 86_400_000;

const person = benchPerson;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-digest-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command', { enableOfflineQueue: true });
  await waitReady(redis);
  try {
    const config = loadConfig({ REDIS_URL: server.url });
    const keys = createKeys('bench');
    const queues = createQueues(redis, keys);
    const clock: Clock = { now: () => NOW };
    const items = new ItemRepository(redis, keys);
    const ledger = new ItemLedger(redis, keys, items);
    const settings = new SettingsStore(redis, keys, config.time);
    const calendars = new CalendarStore(redis, keys, config.time);
    const people = new CachedPeopleDirectory({ redis, keys, clock, logger: silentLogger });
    const messenger = createQueueMessenger(queues.outbound);
    const scheduler = new BullReminderScheduler({
      queue: queues.reminders,
      redis,
      keys,
      items,
      ledger,
      settings,
      calendars,
      clock,
      time: config.time,
      logger: silentLogger,
    });

    // 10k open items in one group: a fifth overdue, the rest due over the next two months.
    for (let k = 0; k < ITEMS; k += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, ITEMS - k) }, (_, j) => {
          const n = k + j;
          return items.create(
            {
              tenant: TENANT,
              kind: 'task',
              chatId: CHAT,
              title: `报送第${n}项工作落实情况`,
              owners: [person(n % 300)],
              creator: person(1000 + (n % 20)),
              ...(n % 2 === 0 ? { lead: person(2000 + (n % 5)) } : {}),
              due: NOW + ((n % 5 === 0 ? -3 : 1) + (n % 60)) * DAY,
              allDay: true,
              sourceMessageId: `om_${n.toString(16).padStart(30, '0')}`,
            },
            { actor: person(1000).openId, action: 'create', at: NOW - 5 * DAY, idempotencyKey: `om_${n}` },
          );
        }),
      );
    }

    const digest = createDigestProcessor({
      ledger,
      figures: new FigureRows(redis, keys),
      items,
      settings,
      calendars,
      messenger,
      people,
      clock,
      time: config.time,
      logger: silentLogger,
      scheduler,
    });
    const date = localDate(NOW, config.time.timezone);
    const job = {
      data: { kind: 'daily', date, group: { tenant: TENANT, chatId: CHAT } },
    } as Job<PeriodicJobData>;

    const readOnly: number[] = [];
    const built: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      let read = 0;
      for await (const page of ledger.openItems(TENANT)) read += page.length;
      readOnly.push(performance.now() - t);
      if (read !== ITEMS) throw new Error(`read ${read} items, expected ${ITEMS}`);
      t = performance.now();
      const outcome = await digest(job);
      built.push(performance.now() - t);
      if (outcome !== '1 messages') throw new Error(`digest run said: ${outcome}`);
    }
    const sent = (await queues.outbound.getJobs(['waiting', 'prioritized', 'delayed'], 0, 0))[0];
    const cardBytes = Buffer.byteLength(JSON.stringify(sent?.data.message ?? {}));
    const ms = median(built);
    const baseline = median(readOnly);
    console.log(`daily digest of one group with ${ITEMS} open items, median of ${RUNS} runs`);
    console.log(`  read the open items only (baseline): ${baseline.toFixed(1)} ms`);
    console.log(
      `  whole digest (read, name, sort, card, queue): ${ms.toFixed(1)} ms (${(ms / baseline).toFixed(2)}× the read)`,
    );
    console.log(`  card: ${cardBytes} B (Lark's limit 30 KB: ${cardBytes <= 30 * 1024 ? 'within' : 'OVER'})`);
    console.log(
      `goal ≤ ${GOAL_MS} ms: ${ms <= GOAL_MS ? 'met' : 'NOT met'} (ratio ${(ms / GOAL_MS).toFixed(2)} of the goal)`,
    );
    await queues.close();
  } finally {
    await redis.quit().catch(() => {});
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
