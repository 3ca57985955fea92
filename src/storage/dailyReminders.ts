/**
 * The reminders that come once a day — 临近提醒, 逾期催办, 签收催办 — go out at most once per
 * item, kind and day. A plan recomputed during the day plans that day's office start again
 * when the office start moved later: an admin who changed the group's hours from 09:00 to 09:30
 * at 09:02 would otherwise have every item's 09:00 reminder sent a second time at 09:30 (trial).
 *
 * The day's first job of a kind records its fire time; a retry of that same job (same fire
 * time) may send again — the batcher and Lark's uuid keep that to one message — any other
 * job of the day sends nothing of that kind. One key per item, kind and day, kept 26 hours: a
 * claim matters only within its day (at most ~100 bytes per reminder sent, gone by the next).
 */
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const KEEP_SECONDS = 26 * 3600;

export class DailyReminders {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Whether the job firing at `fireAt` may send `kind` of item `no` on `day`; claims the day if free. */
  async claim(tenant: string, no: number, kind: string, day: string, fireAt: number): Promise<boolean> {
    // SET … NX GET (Redis ≥ 7): sets when free, and answers what was there either way.
    const before = (await this.redis.call(
      'SET',
      this.keys.remindedOn(tenant, no, kind, day),
      String(fireAt),
      'EX',
      KEEP_SECONDS,
      'NX',
      'GET',
    )) as string | null;
    return before === null || before === String(fireAt);
  }
}
