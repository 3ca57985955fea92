/**
 * `/统计` benchmark (issue 11): the statistics card over 100k items of one tenant, as the bot
 * builds it (read the figure rows, keep the asker's scope, count, name the people shown, draw
 * the card) on a private redis-server — for an organisation admin (every item) and in one group;
 * and the 看板's first page for the same admin (goal ≤ 200 ms server time).
 *
 * The rows are held in memory once read (`FigureRows`): it also times the first /统计 after a
 * start (every row read from Redis) and one after 1000 items changed (those rows read again).
 * Baseline in the same run: reading the same 100k items themselves, which /统计 would have to do
 * without the figure rows. Prints medians of 5 runs, the ratio, and the rows' memory per item.
 *   npm run bench:stats            (BENCH_ITEMS changes the count)
 * Goal: ≤ 300 ms at the bot for 100k items; rows within the 3 KB-per-item budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStatsArgs } from '../../src/bot/args/statsArgs.ts';
import { statsCardFor } from '../../src/bot/views/statsView.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { completeItem } from '../../src/domain/item.ts';
import { silentLogger } from '../../src/logger.ts';
import { CalendarStore } from '../../src/storage/calendarStore.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { FigureRows } from '../../src/storage/figureRows.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { PendingPlans } from '../../src/storage/pendingPlans.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { RegisterStore } from '../../src/storage/registerStore.ts';
import { Authority } from '../../src/storage/roles.ts';
import { SettingsStore } from '../../src/storage/settingsStore.ts';
import { dashboardRoutes } from '../../src/web/dashboard/routes.tsx';
import { DASHBOARD_COOKIE, DashboardSessions } from '../../src/web/dashboard/sessions.ts';
import { benchPerson, median } from './support.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = 5;
const GOAL_MS = 300;
const TENANT = 'bench';
const ADMIN = 'ou_bench_admin';
// Thursday 3 December 2026, 10:00 in Beijing.
const NOW = Date.parse('2026-12-03T10:00:00+08:00');
const DAY = 86_400_000;

const person = benchPerson;

/** Median of RUNS runs; with `reports`, `f` returns the time of the part to count. */
async function timed(f: () => Promise<unknown>, reports = false): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const part = await f();
    times.push(reports ? (part as number) : performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-stats-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command', { enableOfflineQueue: true });
  await waitReady(redis);
  try {
    const config = loadConfig({ REDIS_URL: server.url });
    const keys = createKeys('bench');
    const clock: Clock = { now: () => NOW };
    const items = new ItemRepository(redis, keys);
    const settings = new SettingsStore(redis, keys, config.time);
    const deps = {
      figures: new FigureRows(redis, keys),
      authority: new Authority([ADMIN], settings),
      clock,
      people: new CachedPeopleDirectory({ redis, keys, clock, logger: silentLogger }),
      items,
      calendars: new CalendarStore(redis, keys, config.time),
      time: config.time,
      registers: new RegisterStore(redis, keys),
      // The 看板's plan upload is not measured: it only needs to be there.
      pendingPlans: new PendingPlans(redis, keys),
      settings,
      roster: { membersOf: async () => [] },
      messenger: { send: async () => {} },
      logger: silentLogger,
    };

    // A year of work: 50 groups, 30 units, 500 owners; a third done (some late), 5% cancelled.
    const t0 = performance.now();
    for (let start = 0; start < ITEMS; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, ITEMS - start) }, async (_, k) => {
          const n = start + k;
          const createdAt = NOW - Math.floor((n / ITEMS) * 365 * DAY);
          const { item } = await items.create(
            {
              tenant: TENANT,
              kind: n % 7 === 0 ? 'rectification' : 'task',
              chatId: `oc_bench_group_${n % 50}`,
              title: `第 ${n} 项：报送年度工作总结和明年工作计划`,
              owners: [person(n % 500)],
              creator: person(1000 + (n % 50)),
              lead: person(2000 + (n % 20)),
              unit: `第${n % 30}科`,
              due: createdAt + (3 + (n % 20)) * DAY,
              allDay: true,
            },
            { actor: person(1000).openId, action: 'create', at: createdAt },
          );
          const meta = (action: string, at: number) => ({ actor: item.owners[0]!.openId, action, at });
          if (n % 3 === 0) {
            const doneAt = item.due + (n % 4 === 0 ? 2 * DAY : -DAY);
            if (doneAt < NOW)
              await items.update(
                TENANT,
                item.no,
                (i) => completeItem(i, '已完成', doneAt),
                meta('complete', doneAt),
              );
          } else if (n % 20 === 1) {
            await items.update(
              TENANT,
              item.no,
              (i) => ({ ...i, status: 'cancelled', cancelledAt: createdAt + DAY }),
              meta('cancel', createdAt + DAY),
            );
          }
        }),
      );
    }
    const seedS = (performance.now() - t0) / 1000;

    const year = readStatsArgs('本年', '统计', NOW, config.time.timezone);
    const month = readStatsArgs('本月', '统计', NOW, config.time.timezone);
    const admin = { tenant: TENANT, openId: ADMIN, chatId: 'oc_p2p_admin', chatType: 'p2p' };
    const group = {
      tenant: TENANT,
      openId: person(1000).openId,
      chatId: 'oc_bench_group_7',
      chatType: 'group',
    };
    const ledger = new ItemLedger(redis, keys, items);

    // What holding the rows costs the process: the heap before and after reading them once.
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const held = new FigureRows(redis, keys);
    await held.all(TENANT);
    globalThis.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    // Cold: a process that has not read this tenant's rows yet (the first /统计 after start).
    const coldMs = await timed(() =>
      statsCardFor({ ...deps, figures: new FigureRows(redis, keys) }, admin, year),
    );
    const adminMs = await timed(() => statsCardFor(deps, admin, year));
    // Warm after 1000 items changed: only their rows are read again.
    const changedMs = await timed(async () => {
      for (let n = 1; n <= 1000; n++)
        await redis.zadd(keys.figuresLog(TENANT), await redis.incr(keys.figuresVersion(TENANT)), String(n));
      const t0 = performance.now();
      await statsCardFor(deps, admin, year);
      return performance.now() - t0;
    }, true);
    const groupMs = await timed(() => statsCardFor(deps, group, month));
    // The 看板's first page for the same admin, through its Hono routes (server time only).
    const sessions = new DashboardSessions(redis, keys);
    const dashboard = dashboardRoutes({
      deps: { ...deps, organisation: '' },
      sessions,
      logger: silentLogger,
    });
    const cookie = `${DASHBOARD_COOKIE}=${await sessions.start({ tenant: TENANT, openId: ADMIN })}`;
    const dashboardMs = await timed(async () => {
      const res = await dashboard.request('/?period=本年', { headers: { cookie } });
      if (res.status !== 200) throw new Error(`看板 answered ${res.status}`);
      await res.text();
    });
    const baselineMs = await timed(async () => {
      let n = 0;
      for await (const page of ledger.allItems(TENANT)) n += page.length;
      return n;
    });
    const rowsBytes = Number(await redis.memory('USAGE', keys.figures(TENANT), 'SAMPLES', '0'));

    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`items: ${ITEMS} (seeded in ${seedS.toFixed(1)} s)`);
    console.log(`/统计 本年, organisation admin (every item): ${f(adminMs)} (goal ${GOAL_MS} ms)`);
    console.log(`  the same after 1000 items changed:        ${f(changedMs)}`);
    console.log(`  the first after start (rows not held):    ${f(coldMs)}`);
    console.log(`/统计 本月, one group of 50:               ${f(groupMs)}`);
    console.log(`看板 first page, organisation admin, 本年: ${f(dashboardMs)} (goal 200 ms)`);
    console.log(`baseline, reading the items themselves:    ${f(baselineMs)}`);
    console.log(`ratio /统计 ÷ baseline: ${(adminMs / baselineMs).toFixed(2)}`);
    console.log(`figure rows in Redis: ${(rowsBytes / ITEMS).toFixed(0)} bytes per item`);
    console.log(`figure rows held in the process: ${heapMb.toFixed(0)} MB for ${ITEMS} items`);
  } finally {
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
