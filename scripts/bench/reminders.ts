/**
 * Reminder lateness benchmark (issue 4): 1000 reminders due within one minute, in real time,
 * against a private redis-server. The bot's clock runs in real time from a Thursday 10:00 in
 * Beijing, whenever the benchmark is run: reminders keep office hours (DESIGN §6), so on the
 * plain system clock a run at night would have them wait for the next morning. Items are
 * recorded directly in storage with deadlines spread over one minute starting a few seconds
 * ahead (due chases fire at the deadline's whole minute, so most of them fire in one burst),
 * planned by the real scheduler, and the real luoshi (workers, batching, outbound queue,
 * playground delivery) runs them. Lateness is measured where the reminder worker handles each
 * job (the `reminder fired` log record, bot clock minus planned fire time) and, for the record,
 * where the batched message is delivered.
 *   npm run bench:reminders   (BENCH_REMINDERS, BENCH_CHATS, BENCH_LEAD_MS change the load)
 * Goal: p99 handling lateness ≤ 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShiftedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Person } from '../../src/domain/item.ts';
import { ceilMinute } from '../../src/domain/reminderPlan.ts';
import { createLogger } from '../../src/logger.ts';
import { PlaygroundLog } from '../../src/playground/log.ts';
import { startLuoshi } from '../../src/server.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';

const COUNT = Number(process.env.BENCH_REMINDERS ?? 1000);
const CHATS = Number(process.env.BENCH_CHATS ?? 50);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000);
const SPREAD_MS = 60_000;
const TENANT = 'bench_tenant';
/** Each reminder line of a batched card shows its item number in bold. */
const LINE = /\*\*#(\d+)\*\*/g;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (v: number) => `${Math.round(v)} ms`;
  return `n=${s.length} p50 ${f(percentile(s, 50))} · p90 ${f(percentile(s, 90))} · p99 ${f(percentile(s, 99))} · max ${f(s.at(-1) ?? Number.NaN)}`;
};

/** Inside office hours on a working day, running in real time from there. */
const clock = new ShiftedClock(Date.parse('2026-11-26T10:00:00+08:00'));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-reminders-'));
  const redis = await startEmbeddedRedis({ dir, persistent: false });
  const handled: number[] = [];
  const logger = createLogger({
    level: 'debug',
    write: (line, level) => {
      const r = JSON.parse(line) as { msg: string; lateMs?: number };
      if (r.msg === 'reminder fired' && typeof r.lateMs === 'number') handled.push(r.lateMs);
      else if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`);
    },
  });
  const config = loadConfig({ REDIS_URL: redis.url, LUOSHI_KEY_PREFIX: 'bench', LUOSHI_PLAYGROUND: 'off' });
  const luoshi = await startLuoshi({
    config: { ...config, redisUrl: redis.url },
    logger,
    clock,
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    const { items, scheduler } = luoshi.deps;
    const start = clock.now() + LEAD_MS;
    const dues = new Map<number, number>();
    const planning = performance.now();
    const person = (kind: string, i: number): Person => ({ openId: `ou_${kind}_${i}`, name: `${kind}${i}` });
    for (let i = 0; i < COUNT; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, COUNT - i) }, async (_, j) => {
          const k = i + j;
          const due = start + Math.floor((k * SPREAD_MS) / COUNT);
          const now = clock.now();
          const { item } = await items.create(
            {
              tenant: TENANT,
              kind: 'task',
              chatId: `oc_bench_${k % CHATS}`,
              title: `基准测试事项 ${k}`,
              owners: [person('owner', k % (CHATS * 4))],
              creator: person('creator', 0),
              ...(k % 2 === 0 ? { lead: person('lead', k % 20) } : {}),
              due,
              allDay: false,
              acknowledgedAt: now,
            },
            { actor: 'bench', action: 'create', at: now },
          );
          dues.set(item.no, due);
          await scheduler.replan(item);
        }),
      );
    }
    const planMs = performance.now() - planning;
    // One deadline chase per item, to its group; lead leaders read of it in their digest instead.
    const expectedLines = COUNT;
    console.log(
      `planned ${COUNT} items in ${Math.round(planMs)} ms; deadlines from +${Math.round((start - clock.now()) / 1000)} s over ${SPREAD_MS / 1000} s`,
    );

    const log = new PlaygroundLog(luoshi.redis, luoshi.keys);
    const deadline = start + SPREAD_MS + 60_000;
    let delivered: Array<{ at: number; text: string }> = [];
    let lines = 0;
    // A card that would pass Lark's 30 KB ends with "还有 N 项未列出" instead of those lines.
    let summarised = 0;
    const redisCpu = async () => {
      const info = await luoshi.redis.info('cpu');
      const f = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
      return f('used_cpu_sys') + f('used_cpu_user');
    };
    const cpu0 = await redisCpu();
    const node0 = process.cpuUsage();
    // Only a counter is watched during the burst: reading the delivery log would compete for the CPU.
    while (handled.length < COUNT && clock.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const node1 = process.cpuUsage(node0);
    console.log(
      `CPU while the reminders fired: redis-server ${((await redisCpu()) - cpu0).toFixed(2)} s, luoshi ${((node1.user + node1.system) / 1e6).toFixed(2)} s`,
    );
    while (clock.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      delivered = (await log.recent(10_000)).flatMap((e) =>
        e.record.kind === 'bot' && e.record.message.type === 'card'
          ? [{ at: e.record.at, text: JSON.stringify(e.record.message.card) }]
          : [],
      );
      lines = delivered.reduce((n, m) => n + (m.text.match(LINE)?.length ?? 0), 0);
      summarised = delivered.reduce((n, m) => n + Number(/还有 (\d+) 项未列出/.exec(m.text)?.[1] ?? 0), 0);
      if (handled.length >= COUNT && lines + summarised >= expectedLines) break;
    }
    const deliveryLateness = delivered.flatMap((m) =>
      [...m.text.matchAll(LINE)].map((x) => m.at - ceilMinute(dues.get(Number(x[1])) ?? m.at)),
    );
    console.log(`reminder jobs handled: ${summary(handled)}`);
    console.log(
      `messages delivered:    ${delivered.length} carrying ${lines} reminder lines listed + ${summarised} counted in "还有 N 项" = ${lines + summarised}/${expectedLines}`,
    );
    console.log(
      `delivery lateness:     ${summary(deliveryLateness)} (against the planned time; includes the batching wait and the outbound queue)`,
    );
    const p99 = percentile(
      [...handled].sort((a, b) => a - b),
      99,
    );
    console.log(
      `goal p99 ≤ 1000 ms: ${p99 <= 1000 && handled.length === COUNT ? 'met' : 'NOT met'} (p99 ${Math.round(p99)} ms, ratio ${(p99 / 1000).toFixed(3)} of the goal)`,
    );
  } finally {
    await luoshi.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
