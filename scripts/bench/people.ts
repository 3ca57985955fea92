/**
 * Names for a page of `/列表` (15 lines, 15 people), from the people directory's Redis cache in
 * a private redis-server: the batch lookup every view makes (one MGET) against the baseline of
 * looking each line's person up on its own (15 round trips), and against one bare PING (the
 * floor of any round trip). Everyone is cached, as in steady state; Lark is not asked.
 *   npm run bench:people   (BENCH_PAGES changes the count)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';

const PAGES = Number(process.env.BENCH_PAGES ?? 5000);
const PAGE = 15;
const TENANT = '736588c9260f175d';
const clock: Clock = { now: () => Date.parse('2026-11-26T10:00:00+08:00') };

async function timed(label: string, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < PAGES; i++) await run();
  const us = Number(process.hrtime.bigint() - start) / 1000 / PAGES;
  console.log(`${label.padEnd(34)} ${us.toFixed(1).padStart(7)} µs per page`);
  return us;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-people-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command', { enableOfflineQueue: true });
  await waitReady(redis);
  try {
    const people = new CachedPeopleDirectory({
      redis,
      keys: createKeys('luoshi'),
      clock,
      logger: silentLogger,
    });
    const page = Array.from({ length: PAGE }, (_, i) => ({
      openId: `ou_${String(i).padStart(30, '0')}`,
      name: `成员${i}`,
    }));
    await people.saw(TENANT, page);
    const ids = page.map((p) => p.openId);
    console.log(`${PAGES} pages of ${PAGE} people, all cached`);
    const ping = await timed('one PING (floor)', () => redis.ping());
    const batch = await timed('namesOf(15 people): one MGET', () => people.namesOf(TENANT, ids));
    const each = await timed('baseline: namesOf per line (15×)', async () => {
      for (const id of ids) await people.namesOf(TENANT, [id]);
    });
    console.log(
      `batch / per-line baseline: ${(batch / each).toFixed(2)}×; batch / PING: ${(batch / ping).toFixed(2)}×`,
    );
  } finally {
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
