/**
 * `npm run -s demo:messages`: how many messages each person's private chat with the bot gets
 * per week when the playground's demo week (`npm run seed`) is left to run — the figure the
 * README gives for "leaders' private chats must not pile up" (issue 9 §3).
 *
 * It starts luoshi in playground mode on a private redis-server (nothing persisted), with the
 * clock on Monday 23 November 2026 09:30, types the demo week into the group as its people do,
 * then moves the clock forward a week at a time with the page's own time travel (everything
 * due fires on the way, in order, through the real queues). Nobody acts after the seed, so
 * items go overdue and are escalated: the busy case for leaders. Prints one JSON line.
 *
 *   npm run -s demo:messages [-- <weeks>]     (default 4 weeks)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShiftedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { seedDemoWeek } from '../src/playground/demoWeek.ts';
import { tallyPrivateChats } from '../src/playground/inboxTally.ts';
import { startLuoshi } from '../src/server.ts';
import { startEmbeddedRedis } from '../src/storage/embeddedRedis.ts';

const START = Date.parse('2026-11-23T09:30:00+08:00');
const WEEK_MS = 7 * 24 * 3600_000;

async function main(): Promise<void> {
  const weeks = Number(process.argv[2] ?? 4);
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-demo-messages-'));
  const redis = await startEmbeddedRedis({ dir, persistent: false });
  const config = loadConfig({ REDIS_URL: redis.url, LUOSHI_KEY_PREFIX: 'demo' });
  const luoshi = await startLuoshi({
    config: { ...config, redisUrl: redis.url },
    logger: silentLogger,
    clock: new ShiftedClock(START),
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    const pg = luoshi.playground;
    if (!pg?.timeTravel) throw new Error('the playground with time travel did not start');
    const people = await pg.members.all();
    const names = new Map(people.map((m) => [m.openId, m.name]));
    const seeded = await seedDemoWeek(pg.chat, pg.log, (id) => names.get(id));
    for (let w = 1; w <= weeks; w++) await pg.timeTravel.travel({ kind: 'to', instant: START + w * WEEK_MS });
    const tally = tallyPrivateChats(await pg.log.recent(10_000), START, weeks);
    const rows = people.map((m) => {
      const t = tally.find((x) => x.openId === m.openId);
      const total = t?.total ?? 0;
      return {
        name: m.name,
        role: m.role,
        perWeek: t?.perWeek ?? Array(weeks).fill(0),
        total,
        weeklyAverage: Math.round((total / weeks) * 10) / 10,
        kinds: t?.kinds ?? {},
      };
    });
    process.stdout.write(`${JSON.stringify({ from: '2026-11-23 09:30', weeks, seeded, people: rows })}\n`);
  } finally {
    await luoshi.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
