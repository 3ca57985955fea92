/**
 * 台账 benchmark (issue 11): `/台账` for one group of 10k items, as the worker builds it —
 * gather the scope's rows, read and name the items, write the workbook with exceljs's
 * streaming writer, upload it — with the event loop's longest stall measured meanwhile
 * (`monitorEventLoopDelay`, 10 ms resolution).
 *
 * Baseline in the same run: only reading and naming those 10k items, which any ledger must do.
 * Prints medians of 3 runs, the ratio, the file's size and the longest stall — of the later
 * runs, and of the first, which also loads and compiles exceljs's code.
 *   npm run bench:ledger            (BENCH_ITEMS changes the count)
 * Goals: ≤ 3 s for 10k rows; the event loop never stalls > 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { exportLedger } from '../../jobs/ledgerExport.ts';
import { readStatsArgs } from '../../src/bot/args/statsArgs.ts';
import type { OutgoingFile } from '../../src/bot/delivery/files.ts';
import type { Messenger } from '../../src/bot/delivery/messenger.ts';
import { namedItems } from '../../src/bot/people/naming.ts';
import type { Clock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { completeItem } from '../../src/domain/item.ts';
import { silentLogger } from '../../src/logger.ts';
import { CalendarStore } from '../../src/storage/calendarStore.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { FigureRows } from '../../src/storage/figureRows.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { RegisterStore } from '../../src/storage/registerStore.ts';
import { Authority } from '../../src/storage/roles.ts';
import { SettingsStore } from '../../src/storage/settingsStore.ts';
import { benchPerson, median } from './support.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = 3;
const TENANT = 'bench';
const CHAT = 'oc_bench_ledger_group';
// Thursday 3 December 2026, 10:00 in Beijing.
const NOW = Date.parse('2026-12-03T10:00:00+08:00');
const DAY = 86_400_000;

const person = benchPerson;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-ledger-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command', { enableOfflineQueue: true });
  await waitReady(redis);
  try {
    const config = loadConfig({ REDIS_URL: server.url });
    const keys = createKeys('bench');
    const clock: Clock = { now: () => NOW };
    const items = new ItemRepository(redis, keys);
    const settings = new SettingsStore(redis, keys, config.time);
    const people = new CachedPeopleDirectory({ redis, keys, clock, logger: silentLogger });
    let uploaded = 0;
    const deps = {
      figures: new FigureRows(redis, keys),
      authority: new Authority([], settings),
      clock,
      people,
      items,
      calendars: new CalendarStore(redis, keys, config.time),
      time: config.time,
      files: {
        upload: async (_tenant: string, file: OutgoingFile) => {
          uploaded = file.bytes.length;
          return 'file_bench';
        },
      },
      messenger: { send: async () => {} } as unknown as Messenger,
      organisation: '县政府办公室',
      registers: new RegisterStore(redis, keys),
    };

    // This year's work of one group: a third done, with progress notes and results.
    for (let start = 0; start < ITEMS; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, ITEMS - start) }, async (_, k) => {
          const n = start + k;
          const createdAt = NOW - Math.floor((n / ITEMS) * 330 * DAY);
          const { item } = await items.create(
            {
              tenant: TENANT,
              kind: n % 7 === 0 ? 'rectification' : 'task',
              chatId: CHAT,
              title: `第 ${n} 项：报送年度工作总结和明年工作计划，附数据表和佐证材料`,
              owners: [person(n % 200), ...(n % 5 === 0 ? [person(n % 37)] : [])],
              creator: person(1000 + (n % 20)),
              lead: person(2000 + (n % 10)),
              unit: `第${n % 30}科`,
              due: createdAt + (3 + (n % 20)) * DAY,
              allDay: true,
              progress: { text: '已完成初稿，正在征求意见', at: createdAt + DAY, by: person(n % 200).openId },
            },
            { actor: person(1000).openId, action: 'create', at: createdAt },
          );
          if (n % 3 === 0 && item.due - DAY < NOW)
            await items.update(
              TENANT,
              item.no,
              (i) => completeItem(i, '已按要求报送，材料已归档', item.due - DAY),
              {
                actor: item.owners[0]!.openId,
                action: 'complete',
                at: item.due - DAY,
              },
            );
        }),
      );
    }
    const request = readStatsArgs('本年', '台账', NOW, config.time.timezone);
    const job = {
      asker: { tenant: TENANT, openId: person(1000).openId, chatId: CHAT, chatType: 'group' },
      period: request.period,
      replyTo: 'om_bench',
      key: 'bench',
    };
    const ledgerTimes: number[] = [];
    const stalls: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const t0 = performance.now();
      await exportLedger(deps, job);
      ledgerTimes.push(performance.now() - t0);
      loop.disable();
      stalls.push(loop.max / 1e6);
    }
    const readTimes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      for (let from = 1; from <= ITEMS; from += 500) {
        const nos = Array.from({ length: Math.min(500, ITEMS - from + 1) }, (_, i) => from + i);
        await namedItems(people, TENANT, await items.getMany(TENANT, nos));
      }
      readTimes.push(performance.now() - t0);
    }
    const [ledger, read] = [median(ledgerTimes), median(readTimes)];
    console.log(`items: ${ITEMS} in one group`);
    console.log(`/台账 本年 (read, name, write, upload): ${ledger.toFixed(0)} ms (goal ≤ 3000 ms)`);
    console.log(`baseline, reading and naming the items: ${read.toFixed(0)} ms`);
    console.log(`ratio: ${(ledger / read).toFixed(2)}`);
    console.log(`file: ${(uploaded / 1024).toFixed(0)} KB`);
    console.log(
      `longest event-loop stall: ${Math.max(...stalls.slice(1)).toFixed(0)} ms (goal ≤ 50 ms); in the first export after start ${stalls[0]!.toFixed(0)} ms`,
    );
  } finally {
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
