/**
 * Starts one private redis-server for the whole test run when REDIS_URL is unset (never the
 * machine's own Redis on 6379). Every test isolates itself with its own key prefix; see
 * `test/support/redisPrefix.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';

export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-test-redis-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
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
