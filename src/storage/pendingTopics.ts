/**
 * Late topics (`/议题` after a 常务会's or 专题会's topic deadline, from someone other than its
 * host), waiting for the host's 同意上会 or 不同意 under the `/议题` message's id until the
 * meeting's day is over. Taking one removes it (GETDEL): of two presses, one decides.
 */
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export interface PendingTopic {
  meetingNo: number;
  title: string;
  reporter: string;
  /** Who sent the `/议题`, and when. */
  by: string;
  at: number;
  chatId: string;
}

export class PendingTopics {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async hold(tenant: string, messageId: string, topic: PendingTopic, seconds: number): Promise<void> {
    const ttl = Math.max(60, Math.ceil(seconds));
    await this.redis.set(this.keys.pendingTopic(tenant, messageId), JSON.stringify(topic), 'EX', ttl);
  }

  async peek(tenant: string, messageId: string): Promise<PendingTopic | undefined> {
    const json = await this.redis.get(this.keys.pendingTopic(tenant, messageId));
    return json ? (JSON.parse(json) as PendingTopic) : undefined;
  }

  async take(tenant: string, messageId: string): Promise<PendingTopic | undefined> {
    const json = await this.redis.getdel(this.keys.pendingTopic(tenant, messageId));
    return json ? (JSON.parse(json) as PendingTopic) : undefined;
  }
}
