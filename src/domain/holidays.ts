/**
 * The seven statutory holidays by name, and the shape of one year's official arrangement.
 *
 * Names reach us three ways: the `chinese-days` data (`清明`, `国庆节`), the State Council's
 * notice (`清明节`, `国庆节、中秋节`) and people (`五一`, `过年`, `国庆`). All of them map to one
 * key, the notice's own name, so that `国庆节前` finds the same days whichever source knew them.
 */

export const HOLIDAY_KEYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** Every way of naming a holiday we accept, longest first so a regex alternation prefers them. */
const NAMES: ReadonlyArray<[string, HolidayKey]> = (
  [
    ['元旦节', '元旦'],
    ['元旦', '元旦'],
    ['春节', '春节'],
    ['过年', '春节'],
    ['清明节', '清明节'],
    ['清明', '清明节'],
    ['五一劳动节', '劳动节'],
    ['劳动节', '劳动节'],
    ['五一', '劳动节'],
    ['端午节', '端午节'],
    ['端午', '端午节'],
    ['中秋节', '中秋节'],
    ['中秋', '中秋节'],
    ['国庆节', '国庆节'],
    ['国庆', '国庆节'],
  ] as Array<[string, HolidayKey]>
).sort((a, b) => b[0].length - a[0].length);

/** A regex source for one holiday name as people write it. */
export const HOLIDAY_NAME = NAMES.map(([name]) => name).join('|');

/** The holiday `name` means (`五一` → `劳动节`), or undefined for a name that is none of the seven. */
export function holidayKey(name: string): HolidayKey | undefined {
  const trimmed = name.trim();
  return NAMES.find(([n]) => n === trimmed)?.[1];
}

/**
 * One holiday of an arrangement. `name` is as the notice writes it and may join two holidays
 * that share their days (`国庆节、中秋节`); dates are `YYYY-MM-DD`, ascending.
 */
export interface ArrangedHoliday {
  name: string;
  /** Days off, weekends inside the span included. */
  off: string[];
  /** Adjusted working days (调休上班), usually weekend days. */
  workdays: string[];
}

/** One year's arrangement, as the State Council publishes it (and `/日历 导入` stores it). */
export interface HolidayArrangement {
  year: number;
  holidays: ArrangedHoliday[];
}

/** The keys an arranged holiday's name covers: `国庆节、中秋节` → 国庆节 and 中秋节. */
export function keysOf(name: string): HolidayKey[] {
  const keys = name
    .split(/[、,，和及与]/)
    .map(holidayKey)
    .filter((k): k is HolidayKey => k !== undefined);
  return [...new Set(keys)];
}
