/**
 * Admin overrides of the working-day calendar (`/日历 放假 …`, `/日历 上班 …`), per tenant,
 * and the calendar built from them. One HASH per tenant holds the dated overrides
 * (`YYYY-MM-DD` → `off` | `work`) and the years an admin declared complete (`year:2027` →
 * `confirmed`); it is read per use — a few dozen fields — rather than cached, so every process
 * sees a change at once. Every change is audited in the same transaction.
 */
import type { Redis } from 'ioredis';
import type { CalendarSource } from '../bot/deps.ts';
import type { TimeSettings } from '../config.ts';
import { type DayOverride, WorkingDayCalendar } from '../domain/calendar.ts';
import { AUDIT_MAXLEN, auditFields } from './audit.ts';
import type { Keys } from './keys.ts';

const YEAR_FIELD = /^year:(\d{4})$/;

export interface CalendarData {
  overrides: Map<string, DayOverride>;
  confirmedYears: number[];
}

export interface CalendarChange {
  actor: string;
  at: number;
}

export class CalendarStore implements CalendarSource {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly time: TimeSettings,
  ) {}

  async load(tenant: string): Promise<CalendarData> {
    const raw = await this.redis.hgetall(this.keys.calendar(tenant));
    const overrides = new Map<string, DayOverride>();
    const confirmedYears: number[] = [];
    for (const [field, value] of Object.entries(raw)) {
      const year = YEAR_FIELD.exec(field);
      if (year) confirmedYears.push(Number(year[1]));
      else if (value === 'off' || value === 'work') overrides.set(field, value);
    }
    return { overrides, confirmedYears: confirmedYears.sort() };
  }

  private async write(
    tenant: string,
    field: string,
    value: string | undefined,
    action: string,
    change: CalendarChange,
  ) {
    const key = this.keys.calendar(tenant);
    const tx = this.redis.multi();
    if (value === undefined) tx.hdel(key, field);
    else tx.hset(key, field, value);
    tx.xadd(
      this.keys.audit(tenant),
      'MAXLEN',
      '~',
      AUDIT_MAXLEN,
      '*',
      ...auditFields({
        action,
        actor: change.actor,
        at: change.at,
        detail: value ? `${field}=${value}` : field,
      }),
    );
    await tx.exec();
  }

  setOverride(tenant: string, date: string, kind: DayOverride, change: CalendarChange): Promise<void> {
    return this.write(tenant, date, kind, 'calendar.set', change);
  }

  clearOverride(tenant: string, date: string, change: CalendarChange): Promise<void> {
    return this.write(tenant, date, undefined, 'calendar.clear', change);
  }

  /** An admin says a year's arrangements are fully entered: its answers stop carrying the warning. */
  confirmYear(tenant: string, year: number, change: CalendarChange): Promise<void> {
    return this.write(tenant, `year:${year}`, 'confirmed', 'calendar.confirm-year', change);
  }

  async calendarFor(tenant: string): Promise<WorkingDayCalendar> {
    const { overrides, confirmedYears } = await this.load(tenant);
    return new WorkingDayCalendar({ ...this.time, overrides, confirmedYears });
  }
}
