/**
 * A local Redis Cluster of three primaries (no replicas) for the cluster pass of the tests
 * (`LUOSHI_TEST_REDIS=cluster`): three `redis-server --cluster-enabled yes` on free loopback
 * ports in a temporary directory, joined by `redis-cli --cluster create`, ready once every node
 * reports `cluster_state:ok`. Nothing is persisted; `stop()` ends the servers it started.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { findRedisServer, freePort, RedisServerMissingError } from '../../src/storage/embeddedRedis.ts';

const run = promisify(execFile);

export interface LocalCluster {
  /** `redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3` */
  url: string;
  stop(): Promise<void>;
}

export async function startLocalCluster(dir: string, primaries = 3): Promise<LocalCluster> {
  const binary = findRedisServer();
  if (!binary) throw new RedisServerMissingError();
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null) return undefined;
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        return exited;
      }),
    );
  };
  // If our process dies, do not leave redis-servers behind.
  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  try {
    for (let i = 0; i < primaries; i++) {
      const port = await freePort();
      ports.push(port);
      children.push(
        spawn(
          binary,
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--dir',
            dir,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            '5000',
            '--appendonly',
            'no',
            '--save',
            '',
            '--protected-mode',
            'yes',
            '--loglevel',
            'warning',
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
    }
    await Promise.all(
      ports.map((p) => until(`redis-server on ${p}`, async () => (await ask(p, 'ping')) === 'PONG')),
    );
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await Promise.all(
      ports.map((p) =>
        until(`cluster_state:ok on ${p}`, async () =>
          String(await ask(p, 'cluster', 'info')).includes('cluster_state:ok'),
        ),
      ),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, stop };
}

async function ask(port: number, ...command: string[]): Promise<unknown> {
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return await probe.call(command[0]!, ...command.slice(1));
  } catch {
    return undefined;
  } finally {
    probe.disconnect();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`test cluster: no ${what} within ${timeoutMs} ms`);
}
