/**
 * `GET /metrics` while Redis is away — when an operator needs it most. A worker process on a
 * private redis-server is scraped with the server frozen (it takes connections but never
 * answers) and then stopped (connections refused): the scrape still answers 200 with Node's own
 * series and luoshi's counters, leaves out what it could not read from Redis, and says
 * `luoshi_redis_up 0`. Before: 500 {"error":"internal error"} and no series at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ShiftedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { type Luoshi, startLuoshi } from '../../src/server.ts';
import { type EmbeddedRedis, startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'luoshi-metrics-redis-'));
  dirs.push(d);
  return d;
};
let own: EmbeddedRedis;
let luoshi: Luoshi;

beforeAll(async () => {
  own = await startEmbeddedRedis({ dir: dir(), persistent: false });
  const config = loadConfig({ REDIS_URL: own.url, LUOSHI_ROLE: 'worker' });
  luoshi = await startLuoshi({
    config: { ...config, redisUrl: own.url },
    logger: silentLogger,
    clock: new ShiftedClock(Date.parse('2026-11-26T10:00:00+08:00')),
    port: 0,
    hostname: '127.0.0.1',
  });
});
afterAll(async () => {
  // Bounded as `main.ts` bounds a shutdown: after the Redis restart below, BullMQ's Worker.close
  // now and then waits for good (1 run in 6 here); the process's shutdown deadline covers that.
  await Promise.race([luoshi?.close(), new Promise((r) => setTimeout(r, 10_000).unref())]);
  await own?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scrape(): Promise<{ status: number; text: string }> {
  const res = await fetch(`${luoshi.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

/** What an operator's panels need to keep while Redis is gone, whatever Redis does. */
function expectTheRestAnswer(text: string) {
  expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
  for (const series of [
    'luoshi_sends_total',
    'luoshi_job_duration_seconds',
    'luoshi_reminder_lateness_seconds',
  ])
    expect(text).toContain(`# TYPE ${series} `);
  expect(text).toMatch(/^luoshi_redis_up 0$/m);
  // Left out, not reported as 0: an empty queue and an unreadable one must not look alike.
  expect(text).not.toMatch(/^luoshi_queue_jobs\{/m);
  expect(text).not.toMatch(/^luoshi_open_items /m);
  expect(text).not.toMatch(/^luoshi_inbound_log_entries /m);
}

it('reads queue depth and says Redis is up while it is', async () => {
  const { status, text } = await scrape();
  expect(status).toBe(200);
  expect(text).toMatch(/^luoshi_redis_up 1$/m);
  expect(text).toContain('luoshi_queue_jobs{queue="outbound",state="waiting"} 0');
  expect(text).toMatch(/^luoshi_open_items 0$/m);
});

it('answers without what Redis cannot give while Redis does not answer at all', async () => {
  process.kill(own.pid!, 'SIGSTOP');
  try {
    const { status, text } = await scrape();
    expect(status).toBe(200);
    expectTheRestAnswer(text);
  } finally {
    process.kill(own.pid!, 'SIGCONT');
  }
});

it('answers without what Redis cannot give while Redis is stopped, and reads it again once back', async () => {
  const port = Number(new URL(own.url).port);
  await own.stop();
  const { status, text } = await scrape();
  expect(status).toBe(200);
  expectTheRestAnswer(text);

  own = await startEmbeddedRedis({ dir: dir(), persistent: false, port });
  await expect
    .poll(async () => (await scrape()).text, { timeout: 15_000, interval: 200 })
    .toMatch(/^luoshi_redis_up 1$/m);
});
