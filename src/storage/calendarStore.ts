/**
 * An organisation's own calendar data, per tenant, and the calendar built from it. One HASH per
 * tenant holds the dated overrides (`/日历 放假|上班`: `YYYY-MM-DD` → `off` | `work`), the
 * years an admin declared complete (`year:2027` → `confirmed`) and the arrangements imported
 * from State Council notices (`/日历 导入`: `arrangement:2027` → JSON); it is read per use — a
 * few dozen fields — rather than cached, so every process sees a change at once. Every change
 * is audited in the same transaction. An imported notice waits for the admin's 确认 under its
 * own key for a day (`holdNotice` / `takeNotice`).
 */
import type { CalendarSource } from '../bot/deps.ts';
import type { TimeSettings } from '../config.ts';
import { type DayOverride, WorkingDayCalendar } from '../domain/calendar.ts';
import type { HolidayArrangement } from '../domain/holidays.ts';
import { AUDIT_MAXLEN, auditFields } from './audit.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const YEAR_FIELD = /^year:(\d{4})$/;
const ARRANGEMENT_FIELD = /^arrangement:(\d{4})$/;
const PENDING_SECONDS = 24 * 3600;

export interface CalendarData {
  overrides: Map<string, DayOverride>;
  confirmedYears: number[];
  arrangements: HolidayArrangement[];
}

/** A stored arrangement as written by `importArrangement`; anything else is skipped, never thrown on. */
function readArrangement(year: number, json: string): HolidayArrangement | undefined {
  try {
    const value = JSON.parse(json) as HolidayArrangement;
    const dates = (xs: unknown) => Array.isArray(xs) && xs.every((d) => typeof d === 'string');
    const valid =
      value.year === year &&
      Array.isArray(value.holidays) &&
      value.holidays.every((h) => typeof h.name === 'string' && dates(h.off) && dates(h.workdays));
    return valid ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface CalendarChange {
  actor: string;
  at: number;
}

export class CalendarStore implements CalendarSource {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly time: TimeSettings,
  ) {}

  async load(tenant: string): Promise<CalendarData> {
    const raw = await this.redis.hgetall(this.keys.calendar(tenant));
    const overrides = new Map<string, DayOverride>();
    const confirmedYears: number[] = [];
    const arrangements: HolidayArrangement[] = [];
    for (const [field, value] of Object.entries(raw)) {
      const year = YEAR_FIELD.exec(field);
      const arranged = ARRANGEMENT_FIELD.exec(field);
      if (year) confirmedYears.push(Number(year[1]));
      else if (arranged) {
        const arrangement = readArrangement(Number(arranged[1]), value);
        if (arrangement) arrangements.push(arrangement);
      } else if (value === 'off' || value === 'work') overrides.set(field, value);
    }
    return { overrides, confirmedYears: confirmedYears.sort(), arrangements };
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

  /** A notice's arrangement becomes the organisation's for that year (it wins over packaged data). */
  importArrangement(tenant: string, arrangement: HolidayArrangement, change: CalendarChange): Promise<void> {
    return this.write(
      tenant,
      `arrangement:${arrangement.year}`,
      JSON.stringify(arrangement),
      'calendar.import',
      change,
    );
  }

  /** Keeps a read notice until the admin confirms it (by the message that pasted it). */
  async holdNotice(tenant: string, messageId: string, arrangement: HolidayArrangement): Promise<void> {
    await this.redis.set(
      this.keys.pendingNotice(tenant, messageId),
      JSON.stringify(arrangement),
      'EX',
      PENDING_SECONDS,
    );
  }

  /** The held notice, removed in the same step: a second 确认 finds nothing. */
  async takeNotice(tenant: string, messageId: string): Promise<HolidayArrangement | undefined> {
    const json = await this.redis.getdel(this.keys.pendingNotice(tenant, messageId));
    if (json === null) return undefined;
    return readArrangement(Number(/"year":(\d{4})/.exec(json)?.[1]), json);
  }

  /** Drops a held notice (取消). True when there was one. */
  async dropNotice(tenant: string, messageId: string): Promise<boolean> {
    return (await this.redis.del(this.keys.pendingNotice(tenant, messageId))) > 0;
  }

  async calendarFor(tenant: string): Promise<WorkingDayCalendar> {
    const { overrides, confirmedYears, arrangements } = await this.load(tenant);
    return new WorkingDayCalendar({ ...this.time, overrides, confirmedYears, arrangements });
  }
}
