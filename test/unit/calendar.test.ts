/**
 * Expected values are written by hand from /work/shared/holidays-cn.md (the State Council
 * arrangements), never computed by the calendar itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DayOverride, WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { addDays, daysBetween, formatDue, formatIsoLocal, localDate } from '../../src/domain/time.ts';

const TZ = 'Asia/Shanghai';
const calendar = (overrides?: Record<string, DayOverride>, confirmedYears?: number[]) =>
  new WorkingDayCalendar({
    timezone: TZ,
    workdayStart: '09:00',
    workdayEnd: '18:00',
    overrides: overrides ? new Map(Object.entries(overrides)) : undefined,
    confirmedYears,
  });
const cal = calendar();
const at = (iso: string) => Date.parse(iso);

describe('isWorkingDay against the official arrangements', () => {
  it.each([
    // 2025
    ['2025-01-01', false, '元旦 (Wed)'],
    ['2025-01-26', true, '春节 adjusted Sunday'],
    ['2025-01-28', false, '春节 first day'],
    ['2025-02-04', false, '春节 last day'],
    ['2025-02-05', true, 'after 春节'],
    ['2025-02-08', true, '春节 adjusted Saturday'],
    ['2025-04-27', true, '劳动节 adjusted Sunday'],
    ['2025-05-05', false, '劳动节 last day (Mon)'],
    ['2025-09-28', true, '国庆 adjusted Sunday'],
    ['2025-10-08', false, '国庆 last day (Wed)'],
    ['2025-10-11', true, '国庆 adjusted Saturday'],
    // 2026
    ['2026-01-02', false, '元旦 (Fri)'],
    ['2026-01-04', true, '元旦 adjusted Sunday'],
    ['2026-02-14', true, '春节 adjusted Saturday'],
    ['2026-02-23', false, '春节 last day (Mon)'],
    ['2026-02-28', true, '春节 adjusted Saturday'],
    ['2026-05-05', false, '劳动节 last day (Tue)'],
    ['2026-05-09', true, '劳动节 adjusted Saturday'],
    ['2026-09-20', true, '国庆 adjusted Sunday'],
    ['2026-09-25', false, '中秋 (Fri)'],
    ['2026-10-07', false, '国庆 last day (Wed)'],
    ['2026-10-10', true, '国庆 adjusted Saturday'],
    // ordinary days
    ['2026-11-26', true, 'a Thursday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays across holidays', () => {
  it.each([
    // 2025 春节: off 1/28–2/4, work Sun 1/26 and Sat 2/8
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-01-24', 6, '2025-02-08'],
    ['2025-01-24', 7, '2025-02-10'],
    // 2025 劳动节: off 5/1–5/5, work Sun 4/27
    ['2025-04-25', 1, '2025-04-27'],
    ['2025-04-25', 5, '2025-05-06'],
    // 2025 国庆: off 10/1–10/8, work Sun 9/28 and Sat 10/11
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 4, '2025-10-09'],
    ['2025-09-26', 6, '2025-10-11'],
    ['2025-09-26', 7, '2025-10-13'],
    // year boundary into 2026: off 1/1–1/3, work Sun 1/4
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    // 2026 春节: off 2/15–2/23, work Sat 2/14 and Sat 2/28
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2026-02-13', 6, '2026-02-28'],
    ['2026-02-13', 7, '2026-03-02'],
    // 2026 劳动节: off 5/1–5/5, work Sat 5/9
    ['2026-04-30', 1, '2026-05-06'],
    ['2026-04-30', 4, '2026-05-09'],
    ['2026-04-30', 5, '2026-05-11'],
    // 2026 中秋 9/25–9/27 and 国庆 10/1–10/7, work Sun 9/20 and Sat 10/10
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-09-24', 4, '2026-10-08'],
    ['2026-09-24', 6, '2026-10-10'],
    ['2026-09-24', 7, '2026-10-12'],
    // counting from a holiday
    ['2026-10-01', 1, '2026-10-08'],
    // n = 0 and negative n
    ['2026-11-28', 0, '2026-11-28'],
    ['2026-02-24', -1, '2026-02-14'],
    ['2025-10-09', -1, '2025-09-30'],
  ])('%s + %i → %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it('nextWorkingDay and lastWorkingDayBefore are strict', () => {
    expect(cal.nextWorkingDay('2026-11-26')).toBe('2026-11-27');
    expect(cal.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(cal.lastWorkingDayBefore('2026-11-30')).toBe('2026-11-27');
    expect(cal.lastWorkingDayBefore('2026-03-02')).toBe('2026-02-28');
  });

  it('refuses a fractional count', () => {
    expect(() => cal.addWorkingDays('2026-11-26', 1.5)).toThrow(RangeError);
  });
});

describe('coverage and overrides', () => {
  it('covers 2004–2026 from the data, not 2003 or 2027', () => {
    expect([2003, 2004, 2025, 2026, 2027].map((y) => cal.isCovered(y))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('lists every uncovered year a span touches', () => {
    expect(cal.uncoveredYears('2026-11-26', '2026-12-31')).toEqual([]);
    expect(cal.uncoveredYears('2026-12-30', '2027-01-04')).toEqual([2027]);
    expect(cal.uncoveredYears('2028-03-01', '2026-12-30')).toEqual([2027, 2028]);
    expect(cal.uncoveredYears()).toEqual([]);
  });

  it('answers 2027 as Monday–Friday until overridden', () => {
    expect(cal.addWorkingDays('2026-12-30', 2)).toBe('2027-01-01');
    const withOverrides = calendar({ '2027-01-01': 'off', '2027-02-06': 'work' });
    expect(withOverrides.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(withOverrides.isWorkingDay('2027-02-06')).toBe(true);
    expect(withOverrides.uncoveredYears('2027-01-04')).toEqual([2027]);
  });

  it('an override beats the official data', () => {
    const c = calendar({ '2026-12-31': 'off', '2026-10-05': 'work' });
    expect(c.addWorkingDays('2026-12-30', 1)).toBe('2027-01-01');
    expect(c.isWorkingDay('2026-10-05')).toBe(true);
  });

  it('a year an admin confirmed counts as covered', () => {
    expect(calendar({}, [2027]).uncoveredYears('2027-06-01')).toEqual([]);
  });

  it('normalises a loose override date and ignores one that is no date', () => {
    const c = calendar({ '2027-2-6': 'work', '2027-02-30': 'off', tomorrow: 'off' });
    expect(c.isWorkingDay('2027-02-06')).toBe(true);
    expect(c.holidaysBetween('2027-01-01', '2027-12-31').map((d) => d.date)).toEqual(['2027-02-06']);
  });
});

describe('holidays by name', () => {
  it('finds each 2026 holiday’s days off in the data', () => {
    expect(cal.holidayDaysOff('春节', 2026)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(cal.holidayDaysOff('清明节', 2026)).toEqual(['2026-04-04', '2026-04-05', '2026-04-06']);
    expect(cal.holidayDaysOff('国庆节', 2027)).toBeUndefined();
  });

  // A made-up 2027 arrangement, as an imported notice would give it: the real one was not
  // published when this was written.
  const imported = new WorkingDayCalendar({
    timezone: TZ,
    workdayStart: '09:00',
    workdayEnd: '18:00',
    arrangements: [
      {
        year: 2027,
        holidays: [
          { name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] },
          { name: '国庆节、中秋节', off: ['2027-10-01', '2027-10-04'], workdays: ['2027-10-09'] },
        ],
      },
    ],
    overrides: new Map([['2027-10-04', 'work' as const]]),
  });

  it('an imported arrangement sets days, covers its year and names its holidays', () => {
    expect(imported.isWorkingDay('2027-01-01')).toBe(false);
    expect(imported.isWorkingDay('2027-10-09')).toBe(true);
    expect(imported.isCovered(2027)).toBe(true);
    expect(imported.holidayDaysOff('中秋节', 2027)).toEqual(['2027-10-01', '2027-10-04']);
    expect(imported.holidaysBetween('2027-10-09', '2027-10-09')).toEqual([
      { date: '2027-10-09', kind: 'work', name: '国庆节、中秋节', source: 'official' },
    ]);
  });

  it('an admin override still wins over an imported day', () => {
    expect(imported.isWorkingDay('2027-10-04')).toBe(true);
    expect(imported.holidaysBetween('2027-10-04', '2027-10-04')).toEqual([
      { date: '2027-10-04', kind: 'work', name: '管理员设置', source: 'override' },
    ]);
  });

  it('an override entered before the notice, and agreeing with it, keeps the holiday name', () => {
    // `/日历 放假 2027-01-01 2027-01-02 2027-01-03`, then the notice imported: the same days.
    const both = new WorkingDayCalendar({
      timezone: TZ,
      workdayStart: '09:00',
      workdayEnd: '18:00',
      arrangements: [
        {
          year: 2027,
          holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
        },
      ],
      overrides: new Map([
        ['2027-01-01', 'off' as const],
        ['2027-01-02', 'off' as const],
        ['2027-01-03', 'off' as const],
        ['2027-01-04', 'off' as const],
      ]),
    });
    expect(both.holidaysBetween('2027-01-01', '2027-01-04')).toEqual([
      { date: '2027-01-01', kind: 'off', name: '元旦', source: 'official' },
      { date: '2027-01-02', kind: 'off', name: '元旦', source: 'official' },
      { date: '2027-01-03', kind: 'off', name: '元旦', source: 'official' },
      // The notice has Monday the 4th as a working day: the admin's day off is theirs.
      { date: '2027-01-04', kind: 'off', name: '管理员设置', source: 'override' },
    ]);
  });

  it('an override agreeing with the packaged data keeps its name too', () => {
    const c = calendar({ '2026-10-01': 'off', '2026-10-10': 'work' });
    expect(c.holidaysBetween('2026-10-01', '2026-10-01')).toEqual([
      { date: '2026-10-01', kind: 'off', name: '国庆节', source: 'official' },
    ]);
    expect(c.holidaysBetween('2026-10-10', '2026-10-10')).toEqual([
      { date: '2026-10-10', kind: 'work', name: '国庆节', source: 'official' },
    ]);
  });
});

describe('office hours', () => {
  it.each([
    ['2026-11-26T08:00:00+08:00', '2026-11-26T09:00:00+08:00', 'before office start: today'],
    ['2026-11-26T09:00:00+08:00', '2026-11-26T09:00:00+08:00', 'exactly at office start'],
    ['2026-11-26T10:00:00+08:00', '2026-11-27T09:00:00+08:00', 'inside office hours: next working day'],
    ['2026-11-27T19:00:00+08:00', '2026-11-30T09:00:00+08:00', 'Friday evening: Monday'],
    ['2026-02-13T19:00:00+08:00', '2026-02-14T09:00:00+08:00', 'adjusted Saturday'],
    ['2026-09-30T18:30:00+08:00', '2026-10-08T09:00:00+08:00', 'over National Day'],
  ])('nextOfficeStart(%s) → %s (%s)', (now, expected) => {
    expect(cal.nextOfficeStart(at(now))).toBe(at(expected));
  });

  it.each([
    ['2026-11-26T10:00:00+08:00', true],
    ['2026-11-26T08:59:59+08:00', false],
    ['2026-11-26T18:00:00+08:00', false],
    ['2026-11-28T10:00:00+08:00', false],
    ['2026-10-10T10:00:00+08:00', true],
    ['2026-10-05T10:00:00+08:00', false],
  ])('isOfficeHours(%s) → %s', (now, expected) => {
    expect(cal.isOfficeHours(at(now))).toBe(expected);
  });
});

describe('holidaysBetween', () => {
  it('lists the 2026 Mid-Autumn and National Day arrangement', () => {
    const days = cal.holidaysBetween('2026-09-19', '2026-10-11');
    expect(days.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2026-09-20 work 国庆节',
      '2026-09-25 off 中秋',
      '2026-09-26 off 中秋',
      '2026-09-27 off 中秋',
      '2026-10-01 off 国庆节',
      '2026-10-02 off 国庆节',
      '2026-10-03 off 国庆节',
      '2026-10-04 off 国庆节',
      '2026-10-05 off 国庆节',
      '2026-10-06 off 国庆节',
      '2026-10-07 off 国庆节',
      '2026-10-10 work 国庆节',
    ]);
  });

  it('includes overrides, marked as such', () => {
    const c = calendar({ '2027-01-01': 'off' });
    expect(c.holidaysBetween('2026-12-31', '2027-01-02')).toEqual([
      { date: '2027-01-01', kind: 'off', name: '管理员设置', source: 'override' },
    ]);
  });
});

describe('time helpers', () => {
  it('formats a due instant with the weekday', () => {
    expect(formatDue(at('2026-12-10T18:00:00+08:00'), TZ)).toBe('2026-12-10 18:00 周四');
    expect(formatDue(at('2027-01-01T01:30:00Z'), TZ)).toBe('2027-01-01 09:30 周五');
    expect(formatIsoLocal(at('2026-12-01T10:00:00Z'), TZ)).toBe('2026-12-01T18:00:00+08:00');
  });

  it('takes the local day, not the UTC day', () => {
    expect(localDate(at('2026-11-26T17:00:00Z'), TZ)).toBe('2026-11-27');
    expect(localDate(at('2026-11-26T15:59:59Z'), TZ)).toBe('2026-11-26');
  });
});

describe('properties', () => {
  const dateArb = fc.integer({ min: 0, max: 365 * 4 }).map((offset) => addDays('2024-06-01', offset)); // spans 2024 into uncovered 2028
  const nArb = fc.integer({ min: 1, max: 60 });

  it('adding N working days lands on a working day, N distinct working days later', () => {
    fc.assert(
      fc.property(dateArb, nArb, (date, n) => {
        const result = cal.addWorkingDays(date, n);
        expect(cal.isWorkingDay(result)).toBe(true);
        expect(daysBetween(date, result)).toBeGreaterThanOrEqual(n);
      }),
    );
  });

  it('grows strictly with N', () => {
    fc.assert(
      fc.property(dateArb, nArb, (date, n) => {
        expect(cal.addWorkingDays(date, n + 1) > cal.addWorkingDays(date, n)).toBe(true);
      }),
    );
  });

  it('lastWorkingDayBefore undoes nextWorkingDay on a working day', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        fc.pre(cal.isWorkingDay(date));
        expect(cal.lastWorkingDayBefore(cal.nextWorkingDay(date))).toBe(date);
      }),
    );
  });

  it('nextOfficeStart is never before now and is office start on a working day', () => {
    const nowArb = fc.integer({ min: at('2024-06-01T00:00:00Z'), max: at('2028-06-01T00:00:00Z') });
    fc.assert(
      fc.property(nowArb, (now) => {
        const start = cal.nextOfficeStart(now);
        expect(start).toBeGreaterThanOrEqual(now);
        expect(cal.isWorkingDay(localDate(start, TZ))).toBe(true);
        expect(formatDue(start, TZ).slice(11, 16)).toBe('09:00');
      }),
    );
  });
});
