/**
 * Official Chinese working days: statutory holidays are off, adjusted weekend days (调休上班)
 * are worked, every other Monday–Friday is a working day.
 *
 * Source: the data file shipped with `chinese-days` (State Council arrangements, 2004 onward),
 * read directly rather than through the package's functions, because those parse and format
 * dates in the *process* time zone and shift by a day when the server runs west of UTC (seen
 * with TZ=America/New_York: 2026-02-14, an adjusted Saturday, came back as a day off).
 * Arrangements pasted from a State Council notice (`/日历 导入`) come next, then the data;
 * admin overrides (`/日历 放假|上班`) win over both.
 *
 * Coverage: a year is covered when the official data lists its arrangements, when a notice for
 * it was imported, or when an admin has declared the year complete (`confirmedYears`). Overrides alone do not make a year covered:
 * a few entered days say nothing about the days nobody entered. For an uncovered year every
 * answer still comes back (Mon–Fri plus overrides), and `uncoveredYears()` tells the caller
 * which of the years an answer touched are guesses, so confirmations can say so.
 */
import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type HolidayArrangement, type HolidayKey, holidayKey, keysOf } from './holidays.ts';
import { addDays, atLocal, formatDate, isValidDate, localDate, weekdayOf, yearOf } from './time.ts';

export type DayOverride = 'off' | 'work';

export interface CalendarOptions {
  timezone: string;
  /** Office hours, `HH:mm` local time. */
  workdayStart: string;
  workdayEnd: string;
  /** Admin overrides by `YYYY-MM-DD`; they win over the official data. */
  overrides?: ReadonlyMap<string, DayOverride>;
  /** Years an admin has declared fully entered through overrides (e.g. once 2027 is published). */
  confirmedYears?: Iterable<number>;
  /** Years' arrangements read from State Council notices; they win over the data for their days. */
  arrangements?: readonly HolidayArrangement[];
  /**
   * Years whose packaged data is set aside (`LUOSHI_CALENDAR_WITHOUT_DATA`): they count as
   * unpublished until a notice is imported or an admin confirms them — to rehearse next year's
   * `/日历 导入` on this year's notice, or to distrust a package's data for a year.
   */
  withoutDataYears?: readonly number[];
}

export interface CalendarDay {
  date: string;
  kind: DayOverride;
  /**
   * Holiday name from the official data or an imported notice (`春节`), or `管理员设置` for an
   * override that differs from them (one that agrees keeps the holiday's name).
   */
  name?: string;
  source: 'official' | 'override';
}

/** Entries look like `"Spring Festival,春节,4"`: English name, Chinese name, holiday number. */
const officialOff: Readonly<Record<string, string>> = officialData.holidays;
const officialWork: Readonly<Record<string, string>> = officialData.workdays;

/** Every year the official data lists at least one holiday for. */
const officialYears: ReadonlySet<number> = new Set(
  Object.keys(officialOff).map((d) => Number(d.slice(0, 4))),
);

function chineseName(entry: string): string | undefined {
  return entry.split(',')[1]?.trim() || undefined;
}

/** Days off per year and holiday in the official data (`2025 → 国庆节 → [10-01 … 10-08]`). */
const officialHolidayDays: ReadonlyMap<number, ReadonlyMap<HolidayKey, string[]>> = (() => {
  const byYear = new Map<number, Map<HolidayKey, string[]>>();
  for (const date of Object.keys(officialOff).sort()) {
    const key = holidayKey(chineseName(officialOff[date]!) ?? '');
    if (!key) continue;
    const year = Number(date.slice(0, 4));
    const days = byYear.get(year) ?? new Map<HolidayKey, string[]>();
    byYear.set(year, days);
    days.set(key, [...(days.get(key) ?? []), date]);
  }
  return byYear;
})();

interface ArrangedDay {
  kind: DayOverride;
  name: string;
}

/** Each day an arrangement names, later arrangements of the same year winning. */
function arrangedDays(arrangements: readonly HolidayArrangement[] | undefined): Map<string, ArrangedDay> {
  const days = new Map<string, ArrangedDay>();
  for (const { holidays } of arrangements ?? []) {
    for (const { name, off, workdays } of holidays) {
      for (const date of off) days.set(date, { kind: 'off', name });
      for (const date of workdays) days.set(date, { kind: 'work', name });
    }
  }
  return days;
}

/**
 * Keys as `YYYY-MM-DD`, accepting `2027-2-6`. A key that is no date at all is dropped rather
 * than thrown on: overrides come from storage, and one bad key must not stop every deadline of
 * a tenant (the `/日历` command validates what admins type).
 */
function normaliseOverrides(
  overrides: ReadonlyMap<string, DayOverride> | undefined,
): Map<string, DayOverride> {
  const normalised = new Map<string, DayOverride>();
  for (const [key, kind] of overrides ?? []) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(key.trim());
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isValidDate(year, month, day)) normalised.set(formatDate(year, month, day), kind);
  }
  return normalised;
}

/** A calendar walk longer than this means the input is absurd, not that we should keep looking. */
const MAX_WALK_DAYS = 20_000;

export class WorkingDayCalendar {
  readonly timezone: string;
  readonly workdayStart: string;
  readonly workdayEnd: string;
  private readonly overrides: ReadonlyMap<string, DayOverride>;
  private readonly confirmedYears: ReadonlySet<number>;
  private readonly arranged: ReadonlyMap<string, ArrangedDay>;
  private readonly arrangements: ReadonlyMap<number, HolidayArrangement>;
  private readonly withoutData: ReadonlySet<number>;

  constructor(opts: CalendarOptions) {
    this.timezone = opts.timezone;
    this.workdayStart = opts.workdayStart;
    this.workdayEnd = opts.workdayEnd;
    this.overrides = normaliseOverrides(opts.overrides);
    this.confirmedYears = new Set(opts.confirmedYears ?? []);
    this.arranged = arrangedDays(opts.arrangements);
    this.arrangements = new Map((opts.arrangements ?? []).map((a) => [a.year, a]));
    this.withoutData = new Set(opts.withoutDataYears ?? []);
  }

  /** The packaged data's entry for `date` (off or adjusted workday), unless its year is set aside. */
  private packaged(date: string): { kind: DayOverride; entry: string } | undefined {
    if (this.withoutData.size > 0 && this.withoutData.has(yearOf(date))) return undefined;
    const work = officialWork[date];
    if (work !== undefined) return { kind: 'work', entry: work };
    const off = officialOff[date];
    return off === undefined ? undefined : { kind: 'off', entry: off };
  }

  isWorkingDay(date: string): boolean {
    const override = this.overrides.get(date);
    if (override) return override === 'work';
    const arranged = this.arranged.get(date);
    if (arranged) return arranged.kind === 'work';
    const packaged = this.packaged(date);
    if (packaged) return packaged.kind === 'work';
    const weekday = weekdayOf(date);
    return weekday >= 1 && weekday <= 5;
  }

  /** True when the official data, an imported notice or an admin's confirmation gives that year's arrangements. */
  isCovered(year: number): boolean {
    return (
      (officialYears.has(year) && !this.withoutData.has(year)) ||
      this.arrangements.has(year) ||
      this.confirmedYears.has(year)
    );
  }

  /**
   * The days off of holiday `key` in `year`'s arrangement, ascending, from an imported notice or
   * else the official data; undefined when neither names that holiday for that year (overrides
   * carry no names, so a year entered day by day cannot answer `国庆节前`).
   */
  holidayDaysOff(key: HolidayKey, year: number): string[] | undefined {
    const arrangement = this.arrangements.get(year);
    if (arrangement) {
      const days = arrangement.holidays.filter((h) => keysOf(h.name).includes(key)).flatMap((h) => h.off);
      return days.length > 0 ? [...new Set(days)].sort() : undefined;
    }
    return this.withoutData.has(year) ? undefined : officialHolidayDays.get(year)?.get(key);
  }

  /**
   * Uncovered years among every year from the earliest to the latest of `dates` (a count of
   * working days from December 2026 to March 2028 passes through all of 2027), ascending.
   */
  uncoveredYears(...dates: string[]): number[] {
    if (dates.length === 0) return [];
    const years = dates.map(yearOf);
    const uncovered: number[] = [];
    for (let y = Math.min(...years); y <= Math.max(...years); y++) {
      if (!this.isCovered(y)) uncovered.push(y);
    }
    return uncovered;
  }

  /**
   * The `n`-th working day after `date`, `date` itself not counted (`n` < 0: before it;
   * `n` = 0: `date` unchanged, working day or not).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let day = date;
    for (let walked = 0; remaining > 0; walked++) {
      if (walked > MAX_WALK_DAYS)
        throw new RangeError(`no ${n} working days within ${MAX_WALK_DAYS} days of ${date}`);
      day = addDays(day, step);
      if (this.isWorkingDay(day)) remaining--;
    }
    return day;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  lastWorkingDayBefore(date: string): string {
    return this.addWorkingDays(date, -1);
  }

  /**
   * The first office start at or after `now` on a working day. Inside office hours (or after
   * them) that is the next working day's start: a reminder "at office start" that is already
   * late today goes to the next working morning, never back in time.
   */
  nextOfficeStart(now: number): number {
    const today = localDate(now, this.timezone);
    if (this.isWorkingDay(today)) {
      const start = atLocal(today, this.workdayStart, this.timezone);
      if (start >= now) return start;
    }
    return atLocal(this.nextWorkingDay(today), this.workdayStart, this.timezone);
  }

  /** `now` is on a working day, at or after office start and before office end. */
  isOfficeHours(now: number): boolean {
    const today = localDate(now, this.timezone);
    if (!this.isWorkingDay(today)) return false;
    return (
      now >= atLocal(today, this.workdayStart, this.timezone) &&
      now < atLocal(today, this.workdayEnd, this.timezone)
    );
  }

  /**
   * Days in `from`..`to` (inclusive) that differ from an ordinary week or were set by an
   * admin: official holidays (weekend days inside a holiday span included), adjusted workdays,
   * and overrides. For `/日历`.
   */
  holidaysBetween(from: string, to: string): CalendarDay[] {
    const days: CalendarDay[] = [];
    for (let day = from, walked = 0; day <= to; day = addDays(day, 1), walked++) {
      if (walked > MAX_WALK_DAYS) throw new RangeError(`range too long: ${from}..${to}`);
      const override = this.overrides.get(day);
      const official = this.officialDay(day);
      // An admin's `/日历 放假 2027-01-01` entered before the notice, which then says the same,
      // changes nothing: the day keeps the holiday's name (`元旦`). Only a day the admin set
      // differently from the arrangement is theirs.
      if (override && override !== official?.kind) {
        days.push({ date: day, kind: override, name: '管理员设置', source: 'override' });
      } else if (official) days.push(official);
    }
    return days;
  }

  /** `date` as an imported notice or else the packaged data has it; undefined for an ordinary day. */
  private officialDay(date: string): CalendarDay | undefined {
    const arranged = this.arranged.get(date);
    if (arranged) return { date, kind: arranged.kind, name: arranged.name, source: 'official' };
    const packaged = this.packaged(date);
    if (packaged) return { date, kind: packaged.kind, name: chineseName(packaged.entry), source: 'official' };
    return undefined;
  }
}
