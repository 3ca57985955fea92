/**
 * Starts one private Redis for the whole test run when REDIS_URL is unset (never the machine's
 * own Redis on 6379): a single redis-server, or with `LUOSHI_TEST_REDIS=cluster` a local
 * three-primary Redis Cluster (`test/support/redisCluster.ts`), whose `redis+cluster://` URL the
 * tests then use. Every test isolates itself with its own key prefix; see
 * `test/support/redisPrefix.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { RedisServerMissingError, startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { startLocalCluster } from './redisCluster.ts';
import { SetupMissing } from './setupMissing.ts';

export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  const cluster = process.env.LUOSHI_TEST_REDIS === 'cluster';
  const dir = mkdtempSync(join(tmpdir(), cluster ? 'luoshi-test-cluster-' : 'luoshi-test-redis-'));
  const started = cluster ? startLocalCluster(dir) : startEmbeddedRedis({ dir, persistent: false });
  const server = await started.catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    if (!(e instanceof RedisServerMissingError)) throw e;
    throw new SetupMissing(
      'npm test needs redis-server on PATH (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis), or REDIS_URL=redis://… of a Redis it may write test:* keys to',
    );
  });
  project.provide('redisUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
