/**
 * `REDIS_URL`'s three forms: how each is read, what `loadConfig` says about a wrong one, and a
 * real connection through a Sentinel (a private `redis-server --sentinel` watching a private
 * primary). The cluster form is exercised by the whole end-to-end suite on a local cluster
 * (`LUOSHI_TEST_REDIS=cluster`). And what start-up says when Redis cannot be had: where it looked
 * and why not, not one "not ready after 5000 ms" for every cause.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import {
  type EmbeddedRedis,
  findRedisServer,
  freePort,
  startEmbeddedRedis,
} from '../../src/storage/embeddedRedis.ts';
import { createRedis, isCluster, waitReady } from '../../src/storage/redis.ts';
import { parseRedisUrl } from '../../src/storage/redisUrl.ts';

describe('parseRedisUrl', () => {
  it('reads one server, a cluster and a Sentinel set', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({
      kind: 'single',
      url: 'redis://127.0.0.1:6379/2',
    });
    expect(parseRedisUrl('rediss+cluster://:s%40cret@a.example:7000,10.0.0.2:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'a.example', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      auth: { password: 's@cret' },
      tls: true,
    });
    expect(parseRedisUrl('redis+sentinel://app:pw@s1:26379,[::1]:26380/mymaster/3')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'mymaster',
      db: 3,
      auth: { username: 'app', password: 'pw' },
      tls: false,
    });
  });

  it('says what is wrong, through loadConfig with the other problems', () => {
    for (const bad of [
      'localhost:6379',
      'redis+cluster://h1',
      'redis+cluster://h1:1/0',
      'redis+sentinel://s1:26379',
    ])
      expect(parseRedisUrl(bad)).toHaveProperty('error');
    let error: unknown;
    try {
      loadConfig({ REDIS_URL: 'redis+sentinel://s1:26379', PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.find((p) => p.startsWith('REDIS_URL'))).toContain('name the primary after the Sentinels');
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(loadConfig({ REDIS_URL: 'redis+cluster://h1:7000,h2:7000' }).redisUrl).toBe(
      'redis+cluster://h1:7000,h2:7000',
    );
  });

  it('gives a cluster client for a cluster URL, without connecting before it is asked', async () => {
    const cluster = createRedis('redis+cluster://127.0.0.1:1,127.0.0.1:2', 'command', { lazyConnect: true });
    expect(isCluster(cluster)).toBe(true);
    cluster.disconnect();
  });
});

describe('a primary found through a Sentinel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-test-sentinel-'));
  let primary: EmbeddedRedis | undefined;
  let sentinel: ChildProcess | undefined;
  afterAll(async () => {
    sentinel?.kill('SIGTERM');
    await primary?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the primary the Sentinel names, for commands and for workers', async () => {
    primary = await startEmbeddedRedis({ dir, persistent: false });
    const port = await freePort();
    const conf = join(dir, 'sentinel.conf');
    // A Sentinel rewrites its own config file, so it gets one of its own.
    writeFileSync(
      conf,
      `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor mymaster 127.0.0.1 ${new URL(primary.url).port} 1\n`,
    );
    sentinel = spawn(findRedisServer()!, [conf, '--sentinel'], { stdio: 'ignore' });
    for (const role of ['command', 'worker'] as const) {
      const redis = createRedis(`redis+sentinel://127.0.0.1:${port}/mymaster`, role, {
        sentinelRetryStrategy: (times) => (times > 100 ? null : 100),
      });
      await waitReady(redis, 15_000);
      await redis.set(`test:sentinel:${role}`, role);
      expect(await redis.get(`test:sentinel:${role}`)).toBe(role);
      await redis.quit();
    }
    const direct = createRedis(primary.url, 'worker');
    expect(await direct.mget('test:sentinel:command', 'test:sentinel:worker')).toEqual(['command', 'worker']);
    await direct.quit();
  }, 30_000);
});

describe('a Redis that cannot be had at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-test-redis-auth-'));
  let guarded: ChildProcess | undefined;
  afterAll(() => {
    guarded?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  /** The message start-up fails with for `url` (luoshi prints it after "luoshi failed to start:"). */
  async function failure(url: string): Promise<string> {
    const redis = createRedis(url, 'command');
    try {
      await waitReady(redis, 1500);
      return 'ready';
    } catch (e) {
      return (e as Error).message;
    } finally {
      redis.disconnect();
    }
  }

  it('names the address, what went wrong and what to check — never the password', async () => {
    const closed = await freePort();
    const port = await freePort();
    guarded = spawn(
      findRedisServer()!,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--dir',
        dir,
        '--requirepass',
        'right-pass-7f3a',
      ],
      { stdio: 'ignore' },
    );
    const up = createRedis(`redis://:right-pass-7f3a@127.0.0.1:${port}`, 'command');
    await waitReady(up, 10_000);
    up.disconnect();

    const [refused, noPassword, wrongPassword, noHost] = await Promise.all([
      failure(`redis://127.0.0.1:${closed}`),
      failure(`redis://127.0.0.1:${port}`),
      failure(`redis://:wrong-pass-9c1d@127.0.0.1:${port}`),
      failure('redis://redis-gone.invalid:6379'),
    ]);
    expect(refused).toContain(`Redis at 127.0.0.1:${closed} is not ready after 1500 ms`);
    expect(refused).toContain('ECONNREFUSED');
    expect(refused).toContain('check that Redis runs');
    expect(noPassword).toContain(`Redis at 127.0.0.1:${port}`);
    expect(noPassword).toContain('NOAUTH');
    expect(noPassword).toContain('Redis asks for a password: put it in REDIS_URL');
    expect(wrongPassword).toContain('WRONGPASS');
    expect(wrongPassword).toContain('check them in REDIS_URL');
    expect(wrongPassword).not.toContain('wrong-pass-9c1d');
    expect(noHost).toContain('Redis at redis-gone.invalid:6379');
    // No network at all answers EAI_AGAIN instead: the name could not be looked up either way.
    expect(noHost).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(noHost).toContain('check the host in REDIS_URL');
  }, 20_000);
});
