/**
 * Memory benchmark (issue 4): 100k open items with their reminder plans, in a private
 * redis-server. Items are recorded as `/任务` records them (item JSON, open-item indexes, audit
 * entry, the command's idempotency key) and planned by the real scheduler (the next reminder's
 * BullMQ delayed job and the plan record); no worker runs, so the plans stay as planned.
 * Prints `INFO memory` used_memory before and after, per item, and where it goes.
 *   npm run bench:memory   (BENCH_ITEMS changes the count)
 * Goal: ≤ 3 KB (3072 bytes) per open item with its plan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQueueMessenger } from '../../src/bot/delivery/messenger.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Person } from '../../src/domain/item.ts';
import { planReminders } from '../../src/domain/reminderPlan.ts';
import { silentLogger } from '../../src/logger.ts';
import { createQueues } from '../../src/scheduling/queues.ts';
import { createReminderEngine } from '../../src/scheduling/reminderEngine.ts';
import { CalendarStore } from '../../src/storage/calendarStore.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { FigureRows } from '../../src/storage/figureRows.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { SettingsStore } from '../../src/storage/settingsStore.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CONCURRENCY = 200;
const GOAL = 3 * 1024;
const TENANT = '736588c9260f175d';
// Thursday 26 November 2026, 10:00 in Beijing: items are due over the following two months.
const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const TITLES = [
  '起草年度工作总结',
  '报送安全生产台账',
  '编制整改方案并报县政府办',
  '核对第四季度财务报表',
  '整理会议纪要',
];
const SURNAMES = '张王李赵刘陈杨黄周吴';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-memory-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command', { enableOfflineQueue: true });
  await waitReady(redis);
  try {
    const config = loadConfig({ REDIS_URL: server.url });
    const keys = createKeys('luoshi');
    const queues = createQueues(redis, keys);
    const clock: Clock = { now: () => NOW };
    const items = new ItemRepository(redis, keys);
    const settings = new SettingsStore(redis, keys, config.time);
    const calendars = new CalendarStore(redis, keys, config.time);
    const messenger = createQueueMessenger(queues.outbound);
    const engine = createReminderEngine({
      queue: queues.reminders,
      redis,
      keys,
      items,
      settings,
      calendars,
      messenger,
      people: new CachedPeopleDirectory({ redis, keys, clock, logger: silentLogger }),
      clock,
      time: config.time,
      logger: silentLogger,
      figures: new FigureRows(redis, keys),
      cardsFirst: async () => [],
    });
    const person = (i: number): Person => ({
      openId: `ou_${(i * 2654435761).toString(16).padStart(30, '0').slice(-30)}`,
      name: `${SURNAMES[i % SURNAMES.length]}${'一二三四五六七八九十'[i % 10]}`,
    });
    const record = async (k: number) => {
      const { item } = await items.create(
        {
          tenant: TENANT,
          kind: 'task',
          chatId: `oc_${(k % 500).toString(16).padStart(30, '0')}`,
          title: `${TITLES[k % TITLES.length]}（第${k}项）`,
          owners: k % 3 === 0 ? [person(k % 2000), person((k + 7) % 2000)] : [person(k % 2000)],
          creator: person(k % 97),
          ...(k % 2 === 0 ? { lead: person(2000 + (k % 50)) } : {}),
          due: NOW + (1 + (k % 60)) * 86_400_000,
          allDay: true,
          sourceMessageId: `om_${k.toString(16).padStart(30, '0')}`,
        },
        {
          actor: person(k % 97).openId,
          action: 'create',
          at: NOW,
          detail: '3个工作日内：不含今天，数满3个工作日',
          idempotencyKey: `om_${k.toString(16).padStart(30, '0')}`,
        },
      );
      await engine.scheduler.replan(item);
    };
    // Warm up: the queue's own keys and Lua script caches exist before the first measurement.
    await record(-1);
    const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
    const before = await used();
    const started = performance.now();
    for (let k = 0; k < ITEMS; k += CONCURRENCY)
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ITEMS - k) }, (_, j) => record(k + j)));
    const seconds = (performance.now() - started) / 1000;
    const after = await used();
    const perItem = (after - before) / ITEMS;
    const jobs = await queues.reminders.getDelayedCount();
    console.log(
      `recorded and planned ${ITEMS} items in ${seconds.toFixed(1)} s (${Math.round(ITEMS / seconds)}/s)`,
    );
    console.log(`delayed reminder jobs: ${jobs} (${(jobs / ITEMS).toFixed(2)} per item)`);
    console.log(`used_memory before ${before} B, after ${after} B: ${Math.round(perItem)} B per item`);

    const usage = async (key: string) => Number((await redis.memory('USAGE', key)) ?? 0);
    const someJob = (await queues.reminders.getRanges(['delayed'], 0, 0))[0] ?? '';
    const parts: Array<[string, number]> = [
      ['item JSON (one key)', await usage(keys.item(TENANT, 1))],
      ['reminder job hash (one)', await usage(queues.reminders.toKey(someJob))],
      ['delayed ZSET / item', (await usage(queues.reminders.toKey('delayed'))) / ITEMS],
      ['plan records HASH / item', (await usage(keys.plans(TENANT))) / ITEMS],
      ['tenant open ZSET / item', (await usage(keys.tenantOpen(TENANT))) / ITEMS],
      ['audit stream / item', (await usage(keys.audit(TENANT))) / ITEMS],
      ['figure rows HASH / item', (await usage(keys.figures(TENANT))) / ITEMS],
      ['figure rows change log / item', (await usage(keys.figuresLog(TENANT))) / ITEMS],
      [
        'idempotency key (one)',
        await usage(keys.idempotency(TENANT, `om_${(1).toString(16).padStart(30, '0')}`)),
      ],
    ];
    for (const [what, bytes] of parts) console.log(`  ${what.padEnd(28)} ${Math.round(bytes)} B`);
    // What materialising every planned reminder as its own job would have cost instead.
    const sample = await items.getMany(
      TENANT,
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    const calendar = await calendars.calendarFor(TENANT);
    const { policy } = await settings.get(TENANT, sample[0]?.chatId ?? '');
    const planned =
      sample.reduce((n, i) => n + planReminders(i, policy, calendar, NOW).length, 0) / sample.length;
    const perJob = (parts[1]?.[1] ?? 0) + (parts[2]?.[1] ?? 0);
    const whole = perItem + (planned - 1) * perJob;
    console.log(
      `a whole plan is ${planned.toFixed(1)} reminders; a job for each would cost ~${Math.round(whole)} B per item (${(whole / GOAL).toFixed(2)}× the goal) instead of ${Math.round(perItem)} B`,
    );
    console.log(
      `goal ≤ ${GOAL} B per item: ${perItem <= GOAL ? 'met' : 'NOT met'} (ratio ${(perItem / GOAL).toFixed(3)} of the goal)`,
    );
    await engine.stop();
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
