/**
 * The production artifact as the image runs it: `npm run build` into a folder, then
 * `node <folder>/main.js` (ready on /readyz) and `node <folder>/cli.js` — and its shutdown,
 * bounded by LUOSHI_SHUTDOWN_SECONDS even while a client holds a half-sent request open or
 * Redis has gone away (before: no exit in 420 s, and in 60 s), its host name with it (before:
 * the exit waited on the stalled lookup, ~1.7 s past the deadline in an operator's trial).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedRedis, freePort, startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { connectTestRedis, deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

// Inside the checkout, as dist/ is: the bundle imports its packages from node_modules.
const out = mkdtempSync(join(process.cwd(), '.build-test-'));
const prefix = uniquePrefix('artifact');
const children: ChildProcess[] = [];

beforeAll(() => {
  execFileSync('node_modules/.bin/tsx', ['scripts/build.ts', out], { stdio: 'pipe' });
}, 60_000);
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  const redis = connectTestRedis();
  await deleteByPrefix(redis, prefix);
  await redis.quit();
  rmSync(out, { recursive: true, force: true });
});

/** `node <out>/main.js` in playground mode on a free port; resolves once /readyz says ready. */
async function startBuilt(redisUrl: string, env: Record<string, string> = {}, nodeArgs: string[] = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join(out, 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redisUrl,
      LUOSHI_KEY_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((ok) =>
    child.once('exit', (code, signal) => ok({ code, signal, at: Date.now() })),
  );
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(200);
  return { child, port, exited };
}

describe('the built artifact', () => {
  it('starts with node dist/main.js, and its CLI answers compiled', async () => {
    const { child, exited } = await startBuilt(testRedisUrl());
    const cli = execFileSync(
      process.execPath,
      [join(out, 'cli.js'), 'deadline', '--now', '2026-12-02T10:00:00+08:00', '3个工作日内'],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(cli)).toMatchObject({ due: '2026-12-07T18:00:00+08:00' });
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 60_000);

  it('says its usage and a port in use the way it was started, not with npm scripts the image lacks', async () => {
    const built = relative(process.cwd(), out);
    const help = execFileSync(process.execPath, [join(out, 'cli.js'), '--help'], { encoding: 'utf8' });
    expect(help).toContain(`  node ${built}/cli.js deadline [--now <ISO 8601>]`);
    expect(help).not.toContain('npm run');

    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = spawnSync(process.execPath, [join(out, 'main.js')], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          REDIS_URL: testRedisUrl(),
          LUOSHI_KEY_PREFIX: prefix,
        },
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`choose another port: PORT=${port + 1} node ${built}/main.js`);
    } finally {
      taken.close();
    }
  }, 60_000);

  it('exits on SIGTERM within its deadline though a client holds a half-sent request open', async () => {
    const { child, port, exited } = await startBuilt(testRedisUrl(), { LUOSHI_SHUTDOWN_SECONDS: '2' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((ok) => socket.once('connect', ok));
    socket.write('POST /webhook/lark/event HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"half":');
    socket.on('error', () => {});
    const sent = Date.now();
    child.kill('SIGTERM');
    const { at } = await exited;
    socket.destroy();
    // Bounded by the 2 s deadline (plus start-up of the exit), not by the client.
    expect(at - sent).toBeLessThan(10_000);
  }, 60_000);

  it('exits on SIGTERM within its deadline when Redis has gone away, its host name with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-artifact-redis-'));
    const own: EmbeddedRedis = await startEmbeddedRedis({ dir, persistent: false });
    try {
      execFileSync('mkfifo', [join(dir, 'stall')]);
      const host = 'redis.luoshi-compose.test';
      const { child, exited } = await startBuilt(
        `redis://${host}:${new URL(own.url).port}`,
        { LUOSHI_SHUTDOWN_SECONDS: '2', LUOSHI_TEST_STALLED_HOST: host, LUOSHI_TEST_STALL_DIR: dir },
        ['--import', join(process.cwd(), 'test/support/stalledResolver.mjs')],
      );
      writeFileSync(join(dir, 'gone'), '');
      await own.stop();
      // A reconnect is waiting on the resolver: what the exit used to wait for.
      await expect.poll(() => existsSync(join(dir, 'stalled')), { timeout: 15_000 }).toBe(true);
      const sent = Date.now();
      child.kill('SIGTERM');
      const ended = await Promise.race([exited, new Promise<undefined>((ok) => setTimeout(ok, 6000))]);
      // The README's promise: gone by the deadline (2 s), a second allowed for the exit itself.
      expect(ended && ended.at - sent).toBeLessThan(3000);
      expect(ended?.code === 1 || ended?.signal === 'SIGTERM').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits on SIGTERM within its deadline when Redis has gone away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-artifact-redis-'));
    const own: EmbeddedRedis = await startEmbeddedRedis({ dir, persistent: false });
    try {
      const { child, exited } = await startBuilt(own.url, { LUOSHI_SHUTDOWN_SECONDS: '2' });
      await own.stop();
      const sent = Date.now();
      child.kill('SIGTERM');
      const { code, at } = await exited;
      expect(at - sent).toBeLessThan(3000);
      expect(code).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
