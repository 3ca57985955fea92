/**
 * Late topics (`/议题` after a 常务会's or 专题会's topic deadline, from someone other than its
 * host), waiting for the host's 同意上会 or 不同意 under the `/议题` message's id until the
 * meeting's day is over. Taking one removes it (GETDEL): of two presses, one decides.
 */
import { HeldJson } from './heldJson.ts';
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
  private readonly held: HeldJson<PendingTopic>;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.held = new HeldJson(redis);
  }

  /** Held for `seconds`, at least a minute (a card pressed just before the meeting's day ends). */
  hold(tenant: string, messageId: string, topic: PendingTopic, seconds: number): Promise<void> {
    return this.held.hold(this.keys.pendingTopic(tenant, messageId), topic, Math.max(60, seconds));
  }

  peek(tenant: string, messageId: string): Promise<PendingTopic | undefined> {
    return this.held.peek(this.keys.pendingTopic(tenant, messageId));
  }

  take(tenant: string, messageId: string): Promise<PendingTopic | undefined> {
    return this.held.take(this.keys.pendingTopic(tenant, messageId));
  }
}
