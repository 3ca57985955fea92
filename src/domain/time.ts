/**
 * Dates and instants in the deadline time zone.
 *
 * Two representations, never mixed: an instant is epoch milliseconds (what we store), a
 * calendar day is a `YYYY-MM-DD` string (what the working-day calendar and the phrase
 * grammar reason about). Day arithmetic is done on the string's numbers through `Date.UTC`,
 * so it never depends on the process time zone or on daylight saving; only the conversions
 * between the two (`localDate`, `atLocal`, formatting) consult the configured IANA zone.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Indexed by `Date#getDay()` / `weekdayOf()`: 0 is Sunday. */
export const WEEKDAY_CN: readonly string[] = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^(\d{2}):(\d{2})$/;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
}

/** True when year/month/day name a real calendar day (no 2月30日, no 13月). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a `YYYY-MM-DD` string; throws on anything else, because callers pass our own strings. */
export function dateParts(date: string): DateParts {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidDate(parts.year, parts.month, parts.day)) throw new RangeError(`no such day: ${date}`);
  return parts;
}

function toUtcMidnight(date: string): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMidnight(ms: number): string {
  const d = new Date(ms);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The calendar day `n` days after `date` (negative `n`: before). */
export function addDays(date: string, n: number): string {
  return fromUtcMidnight(toUtcMidnight(date) + n * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as in `WEEKDAY_CN`. */
export function weekdayOf(date: string): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return dateParts(date).year;
}

/**
 * dayjs's zone conversions go through `Intl` and cost tens of microseconds each; the deadline
 * split asks the same few (office end of a handful of days) for every suffix it reads. The
 * answers never change for a given input, so the last few hundred are kept. (Instant → local
 * day or time goes through `offsetMsAt` instead, which needs no dayjs once per quarter hour.)
 */
const REMEMBERED = 512;
const localInstants = new Map<string, number>();

function remembered<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= REMEMBERED) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

/** The calendar day that instant `ms` falls on in `timezone`. */
export function localDate(ms: number, timezone: string): string {
  return new Date(ms + offsetMsAt(ms, timezone)).toISOString().slice(0, 10);
}

/** `HH:mm` of instant `ms` in `timezone`. */
export function localTime(ms: number, timezone: string): string {
  return new Date(ms + offsetMsAt(ms, timezone)).toISOString().slice(11, 16);
}

/** The instant at wall-clock `hhmm` on `date` in `timezone`. */
export function atLocal(date: string, hhmm: string, timezone: string): number {
  dateParts(date);
  if (!HHMM_RE.test(hhmm)) throw new RangeError(`not an HH:mm time: ${JSON.stringify(hhmm)}`);
  return remembered(localInstants, `${date}T${hhmm}|${timezone}`, () =>
    dayjs.tz(`${date}T${hhmm}:00`, timezone).valueOf(),
  );
}

const QUARTER_HOUR = 15 * 60_000;
const MAX_OFFSETS = 50_000;
const offsets = new Map<string, number>();

/**
 * Milliseconds east of UTC in `timezone` at instant `ms`. Zones change their offset only on a
 * quarter hour, so one answer per quarter hour holds for all of it; kept for many quarters,
 * since a digest or a list formats thousands of deadlines and dayjs's `Intl` path is slow.
 */
export function offsetMsAt(ms: number, timezone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const key = `${timezone} ${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size >= MAX_OFFSETS) offsets.clear();
  const offset = utcOffsetMinutes(quarter * QUARTER_HOUR, timezone) * 60_000;
  offsets.set(key, offset);
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** How users see a deadline: `2026-12-10 18:00 周四`. */
export function formatDue(ms: number, timezone: string): string {
  const d = new Date(ms + offsetMsAt(ms, timezone));
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${WEEKDAY_CN[d.getUTCDay()]}`;
}

/** ISO 8601 with the zone's offset, e.g. `2026-12-01T18:00:00+08:00` (the CLI's `due`). */
export function formatIsoLocal(ms: number, timezone: string): string {
  return dayjs(ms).tz(timezone).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Minutes east of UTC in `timezone` at instant `ms`. */
export function utcOffsetMinutes(ms: number, timezone: string): number {
  return dayjs(ms).tz(timezone).utcOffset();
}

/** `12月1日`, with the year in front when it differs from `currentYear`: `2027年1月4日`. */
export function formatMonthDay(date: string, currentYear?: number): string {
  const { year, month, day } = dateParts(date);
  const md = `${month}月${day}日`;
  return currentYear === undefined || currentYear === year ? md : `${year}年${md}`;
}

/** `12月18日（周五）`: `formatMonthDay` with the weekday, as replies and cards name a day. */
export function formatDayWithWeekday(date: string, currentYear?: number): string {
  return `${formatMonthDay(date, currentYear)}（${WEEKDAY_CN[weekdayOf(date)]}）`;
}
