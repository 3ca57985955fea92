/**
 * Starts a private `redis-server` when no `REDIS_URL` is given: `npm start` in playground mode,
 * and the test setup. It binds to loopback on a free port, never touches the machine's own
 * Redis, and is stopped with the process that started it. One data directory only ever has one
 * server: a server a SIGKILLed luoshi left behind is stopped first, and a directory another
 * running luoshi uses is refused (see `redisDirOwner.ts`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { claimDataDir, type Warn } from './redisDirOwner.ts';

export { RedisDirInUseError } from './redisDirOwner.ts';

export interface EmbeddedRedisOptions {
  /** Data directory (created). */
  dir: string;
  /** Append-only file on (the app) or no persistence at all (tests). */
  persistent: boolean;
  port?: number;
  /** Where the warning about a stopped orphan server goes; stderr by default. */
  warn?: Warn;
}

export interface EmbeddedRedis {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export class RedisServerMissingError extends Error {
  constructor() {
    super(
      'No redis-server on PATH, and REDIS_URL is not set.\n' +
        '  Install one (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis),\n' +
        '  or point luoshi at a running Redis: REDIS_URL=redis://127.0.0.1:6379 npm start',
    );
  }
}

export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  // No `sh` on PATH either: stdout is null, and redis-server is as missing as it.
  const path = (found.stdout ?? '').trim();
  return found.status === 0 && path ? path : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer within ${timeoutMs} ms`);
}

export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const binary = findRedisServer();
  if (!binary) throw new RedisServerMissingError();
  const dir = resolve(options.dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(
      `cannot create the private Redis's data directory ${dir} (${(e as NodeJS.ErrnoException).code ?? e}): ` +
        'set LUOSHI_DATA_DIR to a directory this user may write, or REDIS_URL to a Redis of your own',
      { cause: e },
    );
  }
  const port = options.port ?? (await freePort());
  const warn: Warn =
    options.warn ?? ((msg, fields) => process.stderr.write(`${msg} ${JSON.stringify(fields ?? {})}\n`));
  const claim = await claimDataDir(dir, warn);
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const gone = new Promise<void>((r) => {
    child.once('exit', () => r());
    child.once('error', () => r());
  });
  const url = `redis://127.0.0.1:${port}`;
  // If our process dies, do not leave a redis-server behind. The record stays: the server may
  // still be writing its AOF when we are gone, and the next start then waits for it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  try {
    if (child.pid !== undefined) claim.recordServer(child.pid, port);
    await waitForPing(url, child, 10_000);
  } catch (e) {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await gone;
    }
    claim.release();
    throw e;
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM makes redis-server flush the AOF before exiting.
        child.kill('SIGTERM');
        await gone;
      }
      claim.release();
    },
  };
}
