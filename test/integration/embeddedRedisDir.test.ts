/**
 * One data directory, one private redis-server. A luoshi killed with SIGKILL used to leave its
 * redis-server running; the next start put a second server on the same append-only file, and
 * the orphan's AOF rewrite then dropped what was written to the new one. Here a child process
 * stands in for luoshi (`test/support/embeddedRedisHolder.ts`), is killed, and the next start
 * must stop the orphan (flushing it) and serve the same data alone; while a luoshi still runs
 * on the directory, a second start is refused with one line that says what to do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EmbeddedRedis,
  freePort,
  RedisDirInUseError,
  startEmbeddedRedis,
} from '../../src/storage/embeddedRedis.ts';
import { isRunning, RECORD_FILE } from '../../src/storage/redisDirOwner.ts';

const HOLDER = fileURLToPath(new URL('../support/embeddedRedisHolder.ts', import.meta.url));

interface Holder {
  child: ChildProcess;
  url: string;
  redisPid: number;
  exited: Promise<number | null>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A LUOSHI_DATA_DIR of its own, and the `redis` directory main.ts puts the server's data in. */
function tempDataDir(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'luoshi-test-datadir-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'redis');
  mkdirSync(dir);
  return { root, dir };
}

/** Whatever this test leaves running is stopped, even when an assertion failed half-way. */
function killAtEnd(pid: number | undefined): void {
  cleanups.push(() => {
    if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
  });
}

async function startHolder(dir: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killAtEnd(child.pid);
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += String(d);
  });
  const line = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) ok(out.split('\n')[0]!);
    });
    void exited.then((code) => fail(new Error(`holder exited with ${code}: ${err}`)));
  });
  const { url, redisPid } = JSON.parse(line) as { url: string; redisPid: number };
  killAtEnd(redisPid);
  return { child, url, redisPid, exited };
}

async function withRedis<T>(url: string, use: (r: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function answers(url: string): Promise<boolean> {
  return withRedis(url, async (r) => (await r.ping()) === 'PONG').catch(() => false);
}

async function startHere(dir: string, warnings: string[] = []): Promise<EmbeddedRedis> {
  const server = await startEmbeddedRedis({
    dir,
    persistent: true,
    warn: (msg, fields) => warnings.push(`${msg} ${JSON.stringify(fields)}`),
  });
  killAtEnd(server.pid);
  cleanups.push(() => server.stop());
  return server;
}

describe('the private redis-server of a data directory', () => {
  it('a luoshi killed with SIGKILL leaves its server; the next start stops it and serves the same data alone', async () => {
    const { dir } = tempDataDir();
    const first = await startHolder(dir);
    await withRedis(first.url, (r) => r.set('item:1', '整改台账'));

    first.child.kill('SIGKILL');
    await first.exited;
    // What the operator found: the server outlives the luoshi that started it.
    expect(isRunning(first.redisPid)).toBe(true);

    const warnings: string[] = [];
    const second = await startHere(dir, warnings);

    expect(isRunning(first.redisPid)).toBe(false);
    expect(await answers(first.url)).toBe(false);
    expect(warnings).toEqual([
      expect.stringContaining(
        `stopped a redis-server an earlier luoshi left running on this data directory {"dir":"${dir}","redisPid":${first.redisPid}`,
      ),
    ]);
    await withRedis(second.url, async (r) => {
      expect(await r.config('GET', 'dir')).toEqual(['dir', realpathSync(dir)]);
      expect(await r.get('item:1')).toBe('整改台账');
      await r.set('item:2', '收文');
    });

    // Written to the new server, kept through its own stop and the next start.
    await second.stop();
    const third = await startHere(dir, warnings);
    await withRedis(third.url, async (r) =>
      expect(await r.mget('item:1', 'item:2')).toEqual(['整改台账', '收文']),
    );
    expect(warnings).toHaveLength(1);
  }, 60_000);

  it('a record left with nothing of it alive is replaced without a word', async () => {
    const { dir } = tempDataDir();
    const first = await startHolder(dir);
    first.child.kill('SIGKILL');
    process.kill(first.redisPid, 'SIGKILL');
    await first.exited;
    expect(existsSync(join(dir, RECORD_FILE))).toBe(true);

    const warnings: string[] = [];
    const second = await startHere(dir, warnings);
    expect(await answers(second.url)).toBe(true);
    expect(warnings).toEqual([]);
  }, 60_000);

  it('a second start while the first luoshi runs is refused, naming the directory and the pid', async () => {
    const { root, dir } = tempDataDir();
    const first = await startHolder(dir);
    await withRedis(first.url, (r) => r.set('item:1', '督办'));

    const refusal =
      `Another luoshi (pid ${first.child.pid}) is using the data directory ${dir} with its private redis-server. ` +
      'Stop that luoshi first, or give this one a directory of its own (LUOSHI_DATA_DIR=<dir>) ' +
      'or a Redis of its own (REDIS_URL=redis://…).';
    // A server started after all would be a second one on the directory: stopped at the end.
    const secondStart = (persistent: boolean) =>
      startEmbeddedRedis({ dir, persistent }).then((s) => {
        killAtEnd(s.pid);
        return s;
      });
    await expect(secondStart(true)).rejects.toThrow(RedisDirInUseError);
    await expect(secondStart(false)).rejects.toThrow(refusal);

    // `npm start` on the same LUOSHI_DATA_DIR: that one line, nothing started.
    const start = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'error',
        LUOSHI_DATA_DIR: root,
        PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killAtEnd(start.pid);
    let err = '';
    start.stderr.on('data', (d) => {
      err += String(d);
    });
    const code = await new Promise<number | null>((ok) => start.once('exit', (c) => ok(c)));
    expect(err.trimEnd().split('\n')).toEqual([refusal]);
    expect(code).toBe(1);

    // The running one is untouched, and its SIGTERM still stops its server and frees the directory.
    expect(await withRedis(first.url, (r) => r.get('item:1'))).toBe('督办');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isRunning(first.redisPid)).toBe(false);
    expect(existsSync(join(dir, RECORD_FILE))).toBe(false);
    const warnings: string[] = [];
    const second = await startHere(dir, warnings);
    expect(await withRedis(second.url, (r) => r.get('item:1'))).toBe('督办');
    expect(warnings).toEqual([]);
  }, 90_000);
});
