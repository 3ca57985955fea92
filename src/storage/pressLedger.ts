/**
 * Card callbacks are single-use. Lark never retries a callback, so a second delivery of the same
 * one — same event id, or same card update token (`event.token`, valid 30 minutes) — is a replay:
 * someone resending a captured signed request. Both are claimed at once; a press whose event id or
 * token was seen changes nothing. Kept a day, well past the token's life and the signature window.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const TTL_SECONDS = 24 * 3600;

export class PressLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** True the first time this press (by event id and, when present, token) is seen. */
  async claim(press: { eventId: string; token: string | undefined }): Promise<boolean> {
    const tx = this.redis
      .multi()
      .set(this.keys.cardPress(`ev:${press.eventId}`), '1', 'EX', TTL_SECONDS, 'NX');
    if (press.token) tx.set(this.keys.cardPress(`tok:${press.token}`), '1', 'EX', TTL_SECONDS, 'NX');
    const results = (await tx.exec()) ?? [];
    return results.length > 0 && results.every(([err, ok]) => !err && ok === 'OK');
  }
}
