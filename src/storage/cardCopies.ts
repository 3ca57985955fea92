/**
 * Which messages show an item's card, so a change made anywhere (a button, a chat command)
 * updates every copy. Kept small: a capped list per item (the newest few copies), expiring
 * after 14 days — Lark accepts a PATCH only within 14 days of the send anyway.
 */
import type { CardCopy } from '../bot/delivery/messageOps.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** Copies remembered per item; older ones simply stop being updated. */
export const MAX_COPIES = 8;
const TTL_SECONDS = 14 * 24 * 3600;

export interface RememberedCopy {
  messageId: string;
  copy: CardCopy;
}

export class CardCopies {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async remember(tenant: string, messageId: string, copy: CardCopy): Promise<void> {
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
}
