/**
 * `npm start` and `npm run seed` as a person runs them (subprocesses through tsx, on the test
 * Redis under a key prefix of their own): a port already taken is one line that names it and
 * says how to choose another; playground mode listens on loopback only; `npm run seed` finds the
 * running playground from the same PORT. A data directory it cannot make, or a Lark it cannot
 * ask, is said with what to check.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accepts, otherAddressOfThisMachine } from '../support/otherAddress.ts';
import { connectTestRedis, deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefixes: string[] = [];
afterAll(async () => {
  const redis = connectTestRedis();
  for (const p of prefixes) await deleteByPrefix(redis, p);
  await redis.quit();
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(script: string, env: Record<string, string>): Run {
  const child = spawn('node_modules/.bin/tsx', [script], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The env of `npm start` on the test Redis, under a prefix of its own. */
function startEnv(port: number): Record<string, string> {
  const prefix = uniquePrefix('start');
  prefixes.push(prefix);
  return { REDIS_URL: testRedisUrl(), LUOSHI_KEY_PREFIX: prefix, PORT: String(port) };
}

async function takenPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: (server.address() as { port: number }).port };
}

/** Start-up is tsx compiling the app, then connecting: slow on a loaded machine, so waits are long. */
async function waitFor(check: () => boolean, what: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe('npm start', () => {
  // Started here as `tsx src/main.ts`, so that is the command it suggests (not `npm start`).
  it('says in one line which port is taken and how to choose another, as it was started', async () => {
    const { server, port } = await takenPort();
    try {
      const start = run('src/main.ts', startEnv(port));
      expect(await start.exited).toBe(1);
      expect(start.stderr().trimEnd().split('\n')).toEqual([
        `Port ${port} (PORT) is already in use on 127.0.0.1, probably by another luoshi. Stop that program, or choose another port: PORT=${port + 1} npx tsx src/main.ts`,
      ]);
    } finally {
      server.close();
    }
  }, 90_000);

  it('says what to set when the private Redis cannot have its data directory', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'luoshi-start-')), 'not-a-dir');
    writeFileSync(file, '');
    const start = run('src/main.ts', { PORT: '0', LUOSHI_DATA_DIR: join(file, 'data') });
    expect(await start.exited).toBe(1);
    expect(start.stderr()).toContain(
      `cannot create the private Redis's data directory ${join(file, 'data', 'redis')}`,
    );
    expect(start.stderr()).toContain('set LUOSHI_DATA_DIR to a directory this user may write, or REDIS_URL');
  }, 90_000);

  it('says what to check when Lark cannot be asked who the bot is', async () => {
    const { server, port } = await takenPort();
    server.close(); // nothing listens there now
    const start = run('src/main.ts', {
      ...startEnv(0),
      LARK_APP_ID: 'cli_made_up_for_test',
      LARK_APP_SECRET: 'made-up-secret-for-tests-only',
      LARK_ENCRYPT_KEY: 'made-up-encrypt-key',
      LARK_VERIFICATION_TOKEN: 'made-up-verification-token',
      LARK_DOMAIN: `http://127.0.0.1:${port}`,
    });
    expect(await start.exited).toBe(1);
    expect(start.stderr()).toContain(`GET http://127.0.0.1:${port}/open-apis/bot/v3/info`);
    expect(start.stderr()).toContain('LARK_DOMAIN is reachable');
    expect(start.stderr()).not.toContain('made-up-secret');
  }, 90_000);

  it('listens on loopback only in playground mode, and npm run seed finds it from PORT', async () => {
    const { server, port } = await takenPort();
    // A port known to be free a moment ago, for luoshi to take.
    await new Promise<void>((ok) => server.close(() => ok()));
    const start = run('src/main.ts', startEnv(port));
    try {
      await waitFor(
        () => start.stdout().includes(`Open http://localhost:${port}/playground`),
        () => `no playground URL in ${start.stdout()} ${start.stderr()}`,
      );
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts(await otherAddressOfThisMachine(), port)).toBe(false);

      const seed = run('scripts/seed.ts', { PORT: String(port) });
      expect(await seed.exited, seed.stderr()).toBe(0);
      expect(seed.stdout()).toContain('已以群成员身份发送 14 条命令；');
    } finally {
      start.child.kill('SIGTERM');
      expect(await start.exited).toBe(0);
    }
  }, 150_000);
});
