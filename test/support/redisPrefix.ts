/**
 * Per-test Redis isolation: a unique key prefix (items and BullMQ queues both live under it)
 * and a cleanup that deletes every key under it.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createRedis, isCluster, type RedisClient, scanKeys } from '../../src/storage/redis.ts';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A connection to the test Redis (one server or the test cluster) that waits for it to be up. */
export function connectTestRedis(): RedisClient {
  return createRedis(testRedisUrl(), 'worker');
}

export function uniquePrefix(label = 't'): string {
  return `test:${label}:${randomBytes(4).toString('hex')}`;
}

/** Every key under `prefix` (KEYS answers for one server only: a cluster is asked primary by primary). */
export async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of scanKeys(redis, `${prefix}:*`)) out.push(...page);
  return out;
}

export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(redis, `${prefix}:*`)) {
    // A cluster refuses one DEL of keys in different slots: one key a command there.
    if (isCluster(redis))
      deleted += (await Promise.all(keys.map((k) => redis.del(k)))).reduce((a, b) => a + b, 0);
    else deleted += await redis.del(...keys);
  }
  return deleted;
}
