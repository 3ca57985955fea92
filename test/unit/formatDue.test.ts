/**
 * Deadlines as people read them (`2026-12-10 18:00 周四`), and the local day and time of an
 * instant, come from a zone offset cached per quarter hour rather than dayjs's slow `Intl`
 * path: they must read the same in every zone, across daylight-saving changes and half- and
 * quarter-hour offsets.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { formatDue, localDate, localTime, WEEKDAY_CN } from '../../src/domain/time.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];

it('shows a deadline as dayjs would, in any zone and around daylight-saving changes', () => {
  const from = Date.parse('2024-01-01T00:00:00Z');
  const to = Date.parse('2028-12-31T00:00:00Z');
  fc.assert(
    fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...ZONES), (ms, zone) => {
      const local = dayjs(ms).tz(zone);
      expect(formatDue(ms, zone)).toBe(`${local.format('YYYY-MM-DD HH:mm')} ${WEEKDAY_CN[local.day()]}`);
    }),
    { numRuns: 2000 },
  );
});

it("reads the minutes either side of New York's spring change right", () => {
  // 2026-03-08 02:00 EST becomes 03:00 EDT.
  expect(formatDue(Date.parse('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08 01:59 周日');
  expect(formatDue(Date.parse('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08 03:00 周日');
  expect(formatDue(Date.parse('2026-12-10T10:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-10 18:00 周四');
});

it('names the local day and time of any instant as dayjs would', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }),
      fc.constantFrom(...ZONES),
      (ms, zone) => {
        const local = dayjs(ms).tz(zone);
        expect(localDate(ms, zone)).toBe(local.format('YYYY-MM-DD'));
        expect(localTime(ms, zone)).toBe(local.format('HH:mm'));
      },
    ),
    { numRuns: 2000 },
  );
});
