/**
 * When the periodic jobs run, on the real 2026 calendar, and the reminder job ids.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { OfficeHours } from '../../src/domain/officeHours.ts';
import {
  groupShareAt,
  isPeriodicDay,
  nextPeriodicRun,
  periodicTime,
} from '../../src/domain/periodicSchedule.ts';
import {
  collectorJobId,
  collectorMinute,
  parseReminderJobId,
  reminderJobId,
} from '../../src/scheduling/jobIds.ts';

const hours = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const calendar = new WorkingDayCalendar(hours);
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

describe('periodic runs', () => {
  it('sends the weekly report two hours before office end', () => {
    expect(periodicTime('weekly', hours)).toBe('16:00');
    expect(periodicTime('daily', hours)).toBe('09:00');
  });

  it.each([
    // [now, after, kind, expected date]
    ['2026-11-26 08:00', undefined, 'daily', '2026-11-26'],
    ['2026-11-26 09:30', undefined, 'daily', '2026-11-27'],
    ['2026-11-27 09:00', '2026-11-27', 'daily', '2026-11-30'],
    ['2026-09-30 09:00', '2026-09-30', 'daily', '2026-10-08'],
    ['2026-11-26 10:00', undefined, 'weekly', '2026-11-27'],
    // The National Day week: Wednesday 30 September is the last working day before the break.
    ['2026-09-28 10:00', undefined, 'weekly', '2026-09-30'],
    // The week after: Saturday 10 October is worked, so it carries the report, not Friday.
    ['2026-10-08 10:00', undefined, 'weekly', '2026-10-10'],
  ] as const)('from %s (after %s) the next %s run is on %s', (now, after, kind, date) => {
    const run = nextPeriodicRun(kind, [calendar], hours, at(now), after);
    expect(run.date).toBe(date);
    expect(run.fireAt).toBe(at(`${date} ${periodicTime(kind, hours)}`));
  });

  it('asks each tenant whether the day is one for it', () => {
    const saturdayWorked = new WorkingDayCalendar({ ...hours, overrides: new Map([['2026-11-28', 'work']]) });
    expect(isPeriodicDay('daily', calendar, '2026-11-28')).toBe(false);
    expect(isPeriodicDay('daily', saturdayWorked, '2026-11-28')).toBe(true);
    expect(nextPeriodicRun('daily', [calendar, saturdayWorked], hours, at('2026-11-27 10:00')).date).toBe(
      '2026-11-28',
    );
  });
});

describe('periodic runs keep office hours, over the 2025 and 2026 calendars', () => {
  const show = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  /** The oracle: a working day of the official calendar, office start through office end. */
  const mayPush = (ms: number, start: string, end: string) => {
    const [date, time] = show(ms).split(' ') as [string, string];
    return calendar.isWorkingDay(date) && time >= start && time <= end;
  };
  const hhmm = (halfHours: number) =>
    `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`;
  const arb = fc.record({
    now: fc.integer({ min: at('2025-01-01 00:00'), max: at('2026-12-20 00:00') }),
    kind: fc.constantFrom('daily' as const, 'weekly' as const),
    // A group's own office hours: start 06:00–11:30, 3 to 11 hours long.
    start: fc.integer({ min: 12, max: 23 }),
    length: fc.integer({ min: 6, max: 22 }),
  });

  it('runs on a working day in the deployment’s office hours, and each group’s share in its own', () => {
    fc.assert(
      fc.property(arb, ({ now, kind, start, length }) => {
        const run = nextPeriodicRun(kind, [calendar], hours, now);
        expect(run.fireAt).toBeGreaterThanOrEqual(now);
        expect(mayPush(run.fireAt, hours.workdayStart, hours.workdayEnd), show(run.fireAt)).toBe(true);
        const [gStart, gEnd] = [hhmm(start), hhmm(Math.min(47, start + length))];
        const share = groupShareAt(run.fireAt, new OfficeHours(calendar, gStart, gEnd));
        expect(share).toBeGreaterThanOrEqual(run.fireAt);
        expect(mayPush(share, gStart, gEnd), `${gStart}-${gEnd}: ${show(share)}`).toBe(true);
        // Held back only as far as the group's next office start.
        if (share > run.fireAt) expect(show(share).slice(11)).toBe(gStart);
      }),
      { numRuns: 500 },
    );
  });
});

describe('job ids', () => {
  it('round-trips a reminder id, escaping what BullMQ or our separator would not take', () => {
    const key = {
      tenant: 'tenant:a.b',
      no: 12,
      planVersion: 3,
      fireAt: at('2026-12-01 09:00'),
      kinds: ['approach', 'unacknowledged'] as const,
    };
    const id = reminderJobId(key);
    expect(id).not.toContain(':');
    expect(parseReminderJobId(id)).toEqual({ ...key, kinds: [...key.kinds] });
    expect(parseReminderJobId('digest-daily-2026-11-27')).toBeUndefined();
  });

  it('names a collector by recipient, minute and part', () => {
    const id = collectorJobId({ tenant: 't', target: 'oc_1', minute: 29_414_940, part: 1 });
    expect(collectorMinute(id)).toBe(29_414_940);
    expect(
      collectorMinute(reminderJobId({ tenant: 't', no: 1, planVersion: 1, fireAt: 1, kinds: ['due'] })),
    ).toBeUndefined();
  });
});
