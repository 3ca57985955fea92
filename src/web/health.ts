/**
 * `/healthz`: the process answers. `/readyz`: RedisClient answers and the workers run — what a load
 * balancer or Kubernetes should wait for before sending Lark's events here.
 */
import { Hono } from 'hono';
import type { RedisClient } from '../storage/redis.ts';

export interface ReadinessChecks {
  redis: RedisClient;
  /** Unset in a web process, which runs no workers: it is ready once it can enqueue. */
  workersRunning?: () => boolean;
  /** Extra named checks (e.g. the long connection's state). */
  extra?: Record<string, () => boolean>;
}

async function redisAnswers(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = redis.ping().then((r) => r === 'PONG');
    const timeout = new Promise<boolean>((ok) => {
      timer = setTimeout(() => ok(false), timeoutMs);
    });
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(checks: ReadinessChecks): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const status: Record<string, boolean> = { redis: await redisAnswers(checks.redis, 1000) };
    if (checks.workersRunning) status.workers = checks.workersRunning();
    for (const [name, check] of Object.entries(checks.extra ?? {})) status[name] = check();
    const ready = Object.values(status).every(Boolean);
    return c.json({ ready, ...status }, ready ? 200 : 503);
  });
  return app;
}
