import { describe, expect, it } from 'vitest';
import { readDate } from '../../handlers/calendar.ts';
import { planCheckIns } from '../../src/domain/breakdown.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { formatDue } from '../../src/domain/time.ts';

const calendar = new WorkingDayCalendar({
  timezone: 'Asia/Shanghai',
  workdayStart: '09:00',
  workdayEnd: '18:00',
});
const at = (iso: string) => Date.parse(iso);
const show = (now: string, due: string, period: 'quarter' | 'month' | 'week') =>
  planCheckIns(at(now), at(due), period, calendar)?.map(
    (c) => `${c.label} ${formatDue(c.due, 'Asia/Shanghai')}`,
  );

describe('planCheckIns', () => {
  it('puts monthly check-ins on each month’s last working day, skipping National Day', () => {
    expect(show('2026-08-10T10:00:00+08:00', '2026-11-20T18:00:00+08:00', 'month')).toEqual([
      '2026年8月 2026-08-31 18:00 周一',
      // 30 September is a Wednesday, a working day before the holiday.
      '2026年9月 2026-09-30 18:00 周三',
      // 31 October is a Saturday: the Friday before.
      '2026年10月 2026-10-30 18:00 周五',
    ]);
  });

  it('puts weekly check-ins on the last working day of each week, adjusted Saturdays included', () => {
    expect(show('2026-02-09T10:00:00+08:00', '2026-03-06T18:00:00+08:00', 'week')).toEqual([
      // The week of 9 February ends with the adjusted Saturday 14 February.
      '2月9日—2月15日这周 2026-02-14 18:00 周六',
      // 16–22 February is all holiday: no check-in that week.
      '2月23日—3月1日这周 2026-02-28 18:00 周六',
    ]);
  });

  it('skips a period whose report time has passed and the period holding the deadline', () => {
    expect(show('2026-12-31T19:00:00+08:00', '2027-02-15T18:00:00+08:00', 'month')).toEqual([
      '2027年1月 2027-01-29 18:00 周五',
    ]);
    expect(show('2026-11-26T10:00:00+08:00', '2026-11-30T18:00:00+08:00', 'quarter')).toEqual([]);
  });

  it('refuses more than 26 check-ins', () => {
    expect(show('2026-11-26T10:00:00+08:00', '2027-12-31T18:00:00+08:00', 'week')).toBeUndefined();
  });
});

describe('readDate', () => {
  it.each([
    ['2027-01-01', '2027-01-01'],
    ['2027/1/1', '2027-01-01'],
    ['2027年2月7日', '2027-02-07'],
    ['2027-02-30', undefined],
    ['明天', undefined],
  ])('%s', (word, date) => {
    expect(readDate(word)).toBe(date);
  });
});
