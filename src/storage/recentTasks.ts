/**
 * Guarding against the same /任务 twice. People resend when a reply is slow, or paste a line
 * twice: a /任务 with the same title and owners in the same chat within a minute is held back
 * and its sender asked (a card with 再登记一件) instead of making a second item.
 *
 * - `remember` marks a recorded /任务 by its fingerprint for a minute, with the item and the
 *   message that made it (a retry of that same message is not a duplicate of itself);
 * - `hold` keeps the held command's item, ready to record, for ten minutes (recording it uses
 *   the held message as its idempotency key, so a second confirmation records nothing more).
 */
import { createHash } from 'node:crypto';
import type { NewItem } from '../domain/item.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const RECENT_SECONDS = 60;
const HELD_SECONDS = 10 * 60;

export interface HeldTask {
  item: NewItem;
  /** How the deadline was read, for the confirmation. */
  explanation: string;
}

export function taskFingerprint(chatId: string, title: string, ownerIds: readonly string[]): string {
  return createHash('sha256')
    .update([chatId, title, ...[...ownerIds].sort()].join('\n'))
    .digest('base64url')
    .slice(0, 22);
}

export class RecentTasks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async remember(tenant: string, fingerprint: string, no: number, messageId: string): Promise<void> {
    await this.redis.set(
      this.keys.recentTask(tenant, fingerprint),
      `${no}|${messageId}`,
      'EX',
      RECENT_SECONDS,
    );
  }

  /** The item recorded by another message with this fingerprint within the last minute. */
  async recentOther(tenant: string, fingerprint: string, messageId: string): Promise<number | undefined> {
    const value = await this.redis.get(this.keys.recentTask(tenant, fingerprint));
    if (!value) return undefined;
    const [no, by] = value.split('|');
    return by === messageId ? undefined : Number(no);
  }

  async hold(tenant: string, messageId: string, held: HeldTask): Promise<void> {
    await this.redis.set(this.keys.heldTask(tenant, messageId), JSON.stringify(held), 'EX', HELD_SECONDS);
  }

  async held(tenant: string, messageId: string): Promise<HeldTask | undefined> {
    const json = await this.redis.get(this.keys.heldTask(tenant, messageId));
    return json ? (JSON.parse(json) as HeldTask) : undefined;
  }
}
