/**
 * Admin overrides of the working-day calendar (`/日历 放假 …`, `/日历 上班 …`), per tenant,
 * and the calendar built from them. A HASH of a few dozen dates is read per use: cheaper to
 * reason about than a cache that must be invalidated across processes.
 */
import type { Redis } from 'ioredis';
import type { CalendarSource } from '../bot/deps.ts';
import type { TimeSettings } from '../config.ts';
import { type DayOverride, WorkingDayCalendar } from '../domain/calendar.ts';
import type { Keys } from './keys.ts';

export class CalendarStore implements CalendarSource {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly time: TimeSettings,
  ) {}

  async overrides(tenant: string): Promise<Map<string, DayOverride>> {
    const raw = await this.redis.hgetall(this.keys.calendar(tenant));
    const map = new Map<string, DayOverride>();
    for (const [date, kind] of Object.entries(raw))
      if (kind === 'off' || kind === 'work') map.set(date, kind);
    return map;
  }

  async setOverride(tenant: string, date: string, kind: DayOverride): Promise<void> {
    await this.redis.hset(this.keys.calendar(tenant), date, kind);
  }

  async clearOverride(tenant: string, date: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.calendar(tenant), date)) > 0;
  }

  async calendarFor(tenant: string): Promise<WorkingDayCalendar> {
    return new WorkingDayCalendar({ ...this.time, overrides: await this.overrides(tenant) });
  }
}
