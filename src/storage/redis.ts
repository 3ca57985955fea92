/**
 * The one Redis connection factory. Two roles, because BullMQ needs them to behave differently:
 * - `command`: producers and repositories. They fail fast when Redis is down (no offline queue,
 *   one retry), so a webhook answers 503 at once instead of hanging past Lark's 3 s.
 * - `worker`: BullMQ workers and queue event listeners. They must wait through outages
 *   (`maxRetriesPerRequest: null` is required by BullMQ for blocking commands).
 */
import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole = 'command' | 'worker';

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          enableAutoPipelining: true,
        };
  const redis = new Redis(url, { ...base, lazyConnect: false, ...extra });
  // Without a listener ioredis prints unhandled error events; health is reported by /readyz.
  redis.on('error', () => {});
  return redis;
}

/** Resolves once the connection is ready (the command role has no offline queue). */
export async function waitReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
