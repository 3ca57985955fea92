/**
 * Which messages show an item's card, so a change made anywhere (a button, a chat command)
 * updates every copy — and which message a name was sent as (`rememberSent`). Kept small: a
 * capped list per item (the newest few copies), expiring after 14 days — Lark accepts a PATCH
 * only within 14 days of the send anyway.
 */
import type { ItemCopy } from '../bot/delivery/messageOps.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** Copies remembered per item; older ones simply stop being updated. */
export const MAX_COPIES = 8;
const TTL_SECONDS = 14 * 24 * 3600;

export interface RememberedCopy {
  messageId: string;
  copy: ItemCopy;
}

export class CardCopies {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async remember(tenant: string, messageId: string, copy: ItemCopy): Promise<void> {
    const key = this.keys.itemCards(tenant, copy.no);
    const entry = JSON.stringify({ messageId, copy } satisfies RememberedCopy);
    // A retried send records the same message again: drop the old entry first.
    await this.redis
      .multi()
      .lrem(key, 0, entry)
      .lpush(key, entry)
      .ltrim(key, 0, MAX_COPIES - 1)
      .expire(key, TTL_SECONDS)
      .exec();
  }

  async of(tenant: string, no: number): Promise<RememberedCopy[]> {
    const raw = await this.redis.lrange(this.keys.itemCards(tenant, no), 0, MAX_COPIES - 1);
    const out: RememberedCopy[] = [];
    for (const r of raw) {
      try {
        out.push(JSON.parse(r) as RememberedCopy);
      } catch {
        // An unreadable entry is skipped; it ages out with the list.
      }
    }
    return out;
  }

  /**
   * A message sent under a name of the sender's choosing (`SendRequest.rememberAs`): its id is
   * known only once the platform answers, and a job that changes it later (a speech timer's
   * card) finds it here. Kept a day.
   */
  async rememberSent(tenant: string, name: string, messageId: string): Promise<void> {
    await this.redis.set(this.keys.sentMessage(tenant, name), messageId, 'EX', 24 * 3600);
  }

  async sentId(tenant: string, name: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.sentMessage(tenant, name))) ?? undefined;
  }
}
