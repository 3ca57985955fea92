/**
 * A value held under one key until someone acts on it — a plan or a late topic waiting for its
 * card's button, a plan import waiting for its file: kept as JSON with an expiry, looked at
 * (`peek`), taken once (`take`: GETDEL, so of two presses one finds it), or let go (`drop`).
 * The value is ours, written by `hold`; it is read back as written.
 */
import type { RedisClient } from './redis.ts';

export class HeldJson<T> {
  constructor(private readonly redis: RedisClient) {}

  async hold(key: string, value: T, seconds: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(value), 'EX', Math.max(1, Math.ceil(seconds)));
  }

  async peek(key: string): Promise<T | undefined> {
    return parsed<T>(await this.redis.get(key));
  }

  async take(key: string): Promise<T | undefined> {
    return parsed<T>(await this.redis.getdel(key));
  }

  async drop(key: string): Promise<void> {
    await this.redis.del(key);
  }
}

const parsed = <T>(json: string | null): T | undefined => (json ? (JSON.parse(json) as T) : undefined);
