/**
 * Spans in weeks and months, thirds of a month, days of this or next month, and schedules the
 * deadline grammar refuses (issue 10 §2). `now` is Thursday 2026-11-26 10:00 in Shanghai unless
 * a row says otherwise; expected days are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { type DeadlineResult, parseDeadline } from '../../src/domain/deadline/index.ts';

const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const options = { ...settings, calendar: new WorkingDayCalendar(settings) };
const NOW = '2026-11-26T10:00:00+08:00';

function parse(phrase: string, now = NOW): DeadlineResult {
  return parseDeadline(phrase, Date.parse(now), options);
}

function expectDays(rows: Array<[string, string] | [string, string, string]>) {
  it.each(rows)('%s → %s', (phrase, due, now = NOW) => {
    const r = parse(phrase, now);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(new Date(r.due).toISOString()).toBe(new Date(`${due}T18:00:00+08:00`).toISOString());
  });
}

function expectRefusals(rows: Array<[string, string] | [string, string, string]>) {
  it.each(rows)('%s is refused: %s', (phrase, reason, now = NOW) => {
    const r = parse(phrase, now);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });
}

describe('weeks and months: calendar days, at office end', () => {
  expectDays([
    ['一周内', '2026-12-03'],
    ['1周内', '2026-12-03'],
    ['两周内', '2026-12-10'],
    ['2周以内', '2026-12-10'],
    ['三个星期内', '2026-12-17'],
    ['半个月内', '2026-12-11'],
    ['半月内', '2026-12-11'],
    // The same day a month on, a Saturday, kept as it is.
    ['一个月内', '2026-12-26'],
    ['3个月内', '2027-02-26'],
    // The 31st a month on is the month's last day.
    ['一个月内', '2026-02-28', '2026-01-31T10:00:00+08:00'],
    ['两个月内', '2026-03-31', '2026-01-31T10:00:00+08:00'],
    ['自12月1日起两周内', '2026-12-15'],
  ]);
});

describe('thirds of a month: the 10th, the 20th, the last day', () => {
  expectDays([
    ['12月上旬', '2026-12-10'],
    ['12月中旬', '2026-12-20'],
    ['12月下旬', '2026-12-31'],
    ['11月下旬', '2026-11-30'],
    ['本月下旬', '2026-11-30'],
    ['下月上旬', '2026-12-10'],
    ['下个月中旬', '2026-12-20'],
    ['2月下旬', '2027-02-28'],
    ['2027年1月上旬', '2027-01-10'],
    ['明年3月下旬', '2027-03-31'],
    ['12月中旬前', '2026-12-20'],
    ['下月上旬', '2027-01-10', '2026-12-05T10:00:00+08:00'],
  ]);

  it('a third already past this year means next year, and says so', () => {
    const r = parse('11月中旬');
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2027-11-20T18:00:00+08:00').toISOString());
    expect(r.ok && r.explanation).toContain('今年的11月中旬已过，按2027年计');
  });

  expectRefusals([
    ['本月上旬', '已经过去'],
    ['13月中旬', '月份只有1到12月'],
  ]);
});

describe('days of this or next month', () => {
  expectDays([
    ['本月30日', '2026-11-30'],
    ['这个月28号', '2026-11-28'],
    ['下月10日', '2026-12-10'],
    ['下个月10号', '2026-12-10'],
    ['下月31日', '2026-12-31'],
    ['下月10日', '2027-01-10', '2026-12-05T10:00:00+08:00'],
    // A bare day: this month's unless it has passed, then next month's.
    ['28号前', '2026-11-28'],
    ['26号', '2026-11-26'],
    ['15号前', '2026-12-15'],
    ['十五日前', '2026-12-15'],
    ['15号前', '2027-01-15', '2026-12-20T10:00:00+08:00'],
    ['明年3月1日', '2027-03-01'],
    ['今年12月1日', '2026-12-01'],
    ['明年3月底', '2027-03-31'],
  ]);

  it('says when a bare day was taken as next month’s', () => {
    const r = parse('15号前');
    expect(r.ok && r.explanation).toBe('15号前：12月15日（周二）下班前（本月15日已过，按12月计）');
  });

  it('does not say a date twice when the phrase is the date itself', () => {
    const r = parse('12月15日');
    expect(r.ok && r.explanation).toBe('12月15日（周二）下班前');
  });

  expectRefusals([
    ['本月15日前', '已经过去'],
    ['31号前', '2026年11月只有30天，没有31日'],
    ['下月31日', '2026年2月只有28天', '2026-01-10T10:00:00+08:00'],
    ['今年3月1日', '已经过去'],
  ]);
});

describe('schedules are not deadlines', () => {
  expectRefusals(
    [
      '每周五',
      '每周五16:00前',
      '每星期五',
      '每月5日前',
      '每月5号',
      '每天',
      '每天下午3点',
      '每日',
      '每个工作日',
      '每两周周五',
      '每两周五',
      '每月第一个工作日',
      '每月最后一个工作日',
      '每季度末',
      '每年12月10日',
      '每月底',
      '每月中旬',
    ].map((phrase): [string, string] => [
      phrase,
      '周期性的安排，不是一次的截止时间；周期事项请用 /周期 设置',
    ]),
  );
});

describe('a working day counted from nothing said', () => {
  expectRefusals([
    ['下月第一个工作日', '“第一个工作日”没有说从哪天算起'],
    ['本月最后一个工作日', '“最后一个工作日”没有说从哪天算起'],
  ]);
});
