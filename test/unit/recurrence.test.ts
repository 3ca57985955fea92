/**
 * Recurring rules (issue 10 §3): reading them, and their next occurrences on the working-day
 * calendar. Expected days are written by hand from /work/shared/holidays-cn.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { nextOccurrences } from '../../src/domain/recurrence/occurrences.ts';
import { parseRecurrence } from '../../src/domain/recurrence/parse.ts';
import { type RecurrenceRule, recurrenceRuleSchema } from '../../src/domain/recurrence/rule.ts';
import { localDate } from '../../src/domain/time.ts';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingDayCalendar({ timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' });

function rule(text: string, now: string): RecurrenceRule {
  const parsed = parseRecurrence(text, Date.parse(now), calendar);
  if (!parsed.ok) throw new Error(`refused: ${parsed.reason}`);
  return parsed.rule;
}

/** Due instants as local `YYYY-MM-DD HH:mm`. */
function next(text: string, now: string, count: number, readAt = now): string[] {
  return nextOccurrences(rule(text, readAt), Date.parse(now), calendar, count).map((o) =>
    new Date(o.due).toLocaleString('sv-SE', { timeZone: TZ }).slice(0, 16),
  );
}

describe('reading a rule', () => {
  it.each([
    ['每天', { kind: 'workday' }],
    ['每个工作日', { kind: 'workday' }],
    ['每周五', { kind: 'weekly', weekday: 5, interval: 1, anchor: '2026-11-23' }],
    ['每星期一', { kind: 'weekly', weekday: 1, interval: 1, anchor: '2026-11-30' }],
    ['每两周周五', { kind: 'weekly', weekday: 5, interval: 2, anchor: '2026-11-23' }],
    ['每隔一周周三', { kind: 'weekly', weekday: 3, interval: 2, anchor: '2026-11-30' }],
    ['每月5日前', { kind: 'monthDay', day: 5 }],
    ['每个月15号', { kind: 'monthDay', day: 15 }],
    ['每月底', { kind: 'monthDay', day: 31 }],
    ['每月第3个工作日', { kind: 'monthWorkday', n: 3 }],
    ['每月第一个工作日', { kind: 'monthWorkday', n: 1 }],
    ['每月最后一个工作日', { kind: 'monthLastWorkday' }],
    ['每季度末', { kind: 'quarterEnd' }],
    ['每年12月10日', { kind: 'yearly', month: 12, day: 10 }],
  ])('%s', (text, pattern) => {
    // Thursday 2026-11-26: this week's Friday is still ahead, its Monday and Wednesday are not.
    const r = rule(text, '2026-11-26T10:00:00+08:00');
    expect(r).toEqual({ pattern, onRestDay: 'earlier', text });
  });

  it.each([
    ['每周五16:00', '16:00'],
    ['每周五 下午4点前', '16:00'],
    ['每个工作日９：３０', '09:30'],
  ])('%s is due at %s', (text, time) => {
    expect(rule(text, '2026-11-26T10:00:00+08:00').time).toBe(time);
  });

  it('leaves office end unset, so the schedule follows office hours', () => {
    expect(rule('每周五下班前', '2026-11-26T10:00:00+08:00').time).toBeUndefined();
  });

  it.each([
    ['每月5日前，遇节假日顺延', 'later'],
    ['每月5日 顺延', 'later'],
    ['每月5日（节假日顺延）', 'later'],
    ['每月5日，遇节假日提前', 'earlier'],
  ])('%s moves rest days %s', (text, move) => {
    expect(rule(text, '2026-11-26T10:00:00+08:00').onRestDay).toBe(move);
  });

  it('is plain JSON that reads back the same', () => {
    for (const text of ['每两周周五16:00', '每月5日 顺延', '每年12月10日', '每月第2个工作日']) {
      const r = rule(text, '2026-11-26T10:00:00+08:00');
      expect(recurrenceRuleSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
    }
    expect(recurrenceRuleSchema.safeParse({ pattern: { kind: 'weekly', weekday: 9 } }).success).toBe(false);
  });

  it.each([
    ['', '请写明周期规则'],
    ['明天', '没有读懂周期规则“明天”'],
    ['每周五报送', '周期规则里“报送”读不懂'],
    ['每周五3点', '“3点”没有写明上午还是下午'],
    ['每月32日', '每月只有1到31日'],
    ['每年2月29日', '“每年2月29日”不是有效日期'],
    ['每月第20个工作日', '最多写到第15个'],
    ['每月5日 顺延 提前', '既写了顺延又写了提前'],
    ['每'.repeat(200), '周期规则太长了'],
  ])('%s is refused: %s', (text, reason) => {
    const parsed = parseRecurrence(text, Date.parse('2026-11-26T10:00:00+08:00'), calendar);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

describe('next occurrences', () => {
  // Sunday 2026-09-20, an adjusted working day; 中秋 9/25–27, 国庆 10/1–7, Sat 10/10 worked.
  const sep20 = '2026-09-20T10:00:00+08:00';

  it('每周五16:00 moves a holiday Friday to the working day before it', () => {
    expect(next('每周五16:00', sep20, 4)).toEqual([
      '2026-09-24 16:00',
      '2026-09-30 16:00',
      '2026-10-09 16:00',
      '2026-10-16 16:00',
    ]);
  });

  it('每周五 顺延 moves it to the working day after', () => {
    expect(next('每周五 顺延', sep20, 4)).toEqual([
      '2026-09-28 18:00',
      '2026-10-08 18:00',
      '2026-10-09 18:00',
      '2026-10-16 18:00',
    ]);
  });

  it('每月5日前: 10月5日 is in 国庆, 12月5日 a Saturday', () => {
    expect(next('每月5日前', sep20, 3)).toEqual(['2026-09-30 18:00', '2026-11-05 18:00', '2026-12-04 18:00']);
    expect(next('每月5日 顺延', sep20, 3)).toEqual([
      '2026-10-08 18:00',
      '2026-11-05 18:00',
      '2026-12-07 18:00',
    ]);
  });

  it('每月最后一个工作日 can be an adjusted Saturday (2026-02-28)', () => {
    expect(next('每月最后一个工作日', '2026-01-10T10:00:00+08:00', 4)).toEqual([
      '2026-01-30 18:00',
      '2026-02-28 18:00',
      '2026-03-31 18:00',
      '2026-04-30 18:00',
    ]);
  });

  it('每月第1个工作日 after 国庆 is 10月8日', () => {
    expect(next('每月第1个工作日', sep20, 3)).toEqual([
      '2026-10-08 18:00',
      '2026-11-02 18:00',
      '2026-12-01 18:00',
    ]);
  });

  it('每季度末 and 每年10月1日', () => {
    expect(next('每季度末', '2026-01-10T10:00:00+08:00', 4)).toEqual([
      '2026-03-31 18:00',
      '2026-06-30 18:00',
      '2026-09-30 18:00',
      '2026-12-31 18:00',
    ]);
    expect(next('每年10月1日', '2025-09-01T10:00:00+08:00', 2)).toEqual([
      '2025-09-30 18:00',
      '2026-09-30 18:00',
    ]);
  });

  it('每个工作日 skips 春节 and keeps the worked Saturday', () => {
    expect(next('每个工作日', '2026-02-12T19:00:00+08:00', 4)).toEqual([
      '2026-02-13 18:00',
      '2026-02-14 18:00',
      '2026-02-24 18:00',
      '2026-02-25 18:00',
    ]);
  });

  it('每两周周一 keeps its weeks once read', () => {
    expect(next('每两周周一', sep20, 4)).toEqual([
      '2026-09-21 18:00',
      '2026-09-30 18:00',
      '2026-10-19 18:00',
      '2026-11-02 18:00',
    ]);
    // The same rule asked again weeks later: the same fortnights, not new ones from that day.
    expect(next('每两周周一', '2026-10-06T10:00:00+08:00', 2, sep20)).toEqual([
      '2026-10-19 18:00',
      '2026-11-02 18:00',
    ]);
  });

  it('a past nominal day whose 顺延 day is ahead is next; a future one moved into the past is not', () => {
    // Mon 2026-02-23 is the last day of 春节: Sunday 2/22 顺延 is Tue 2/24.
    expect(next('每周日 顺延', '2026-02-23T10:00:00+08:00', 2)).toEqual([
      '2026-02-24 18:00',
      '2026-03-02 18:00',
    ]);
    // Thu 2026-10-01: Friday 10/2 moved back to 9/30 has gone; the next is 10/9.
    expect(next('每周五', '2026-10-01T10:00:00+08:00', 1)).toEqual(['2026-10-09 18:00']);
  });

  it('two nominal days a holiday moves to the same working day count once', () => {
    // Sundays 2/15 and 2/22 both fall in 春节 (2/15–2/23): both move to Saturday 2/14.
    const occurrences = nextOccurrences(
      rule('每周日', '2026-02-01T10:00:00+08:00'),
      Date.parse('2026-02-01T10:00:00+08:00'),
      calendar,
      4,
    );
    expect(occurrences.map((o) => [o.key, o.date, o.moved])).toEqual([
      ['2026-02-08', '2026-02-06', 'earlier'],
      ['2026-02-15', '2026-02-14', 'earlier'],
      ['2026-03-01', '2026-02-28', 'earlier'],
      ['2026-03-08', '2026-03-06', 'earlier'],
    ]);
  });

  it('keys name the period: the day, the month, the quarter or the year', () => {
    const now = Date.parse(sep20);
    const keys = (text: string) => nextOccurrences(rule(text, sep20), now, calendar, 2).map((o) => o.key);
    expect(keys('每周五')).toEqual(['2026-09-25', '2026-10-02']);
    expect(keys('每月5日')).toEqual(['2026-10', '2026-11']);
    expect(keys('每季度末')).toEqual(['2026-Q3', '2026-Q4']);
    expect(keys('每年12月10日')).toEqual(['2026', '2027']);
  });
});

describe('properties over 2025–2026', () => {
  const nowArb = fc.integer({
    min: Date.parse('2025-01-01T00:00:00+08:00'),
    max: Date.parse('2026-10-31T00:00:00+08:00'),
  });
  const ruleArb = fc.constantFrom(
    '每个工作日',
    '每周一',
    '每周五16:00',
    '每周日 顺延',
    '每两周周三',
    '每月1日',
    '每月31日 顺延',
    '每月第2个工作日',
    '每月最后一个工作日',
    '每季度末',
    '每年5月1日',
  );

  it('occurrences are after now, on working days, in order, each of its own period', () => {
    fc.assert(
      fc.property(nowArb, ruleArb, fc.integer({ min: 1, max: 12 }), (now, text, count) => {
        const parsed = parseRecurrence(text, now, calendar);
        if (!parsed.ok) throw new Error(parsed.reason);
        const occurrences = nextOccurrences(parsed.rule, now, calendar, count);
        // Enough periods lie ahead in any case; only a collapse on 2026 holidays can cost one,
        // and none of these rules has two nominal days in one holiday span.
        expect(occurrences).toHaveLength(count);
        let previous = now;
        for (const o of occurrences) {
          expect(o.due).toBeGreaterThan(previous);
          previous = o.due;
          expect(calendar.isWorkingDay(o.date)).toBe(true);
          expect(localDate(o.due, TZ)).toBe(o.date);
          if (o.moved === 'earlier') expect(o.date < o.nominal).toBe(true);
          if (o.moved === 'later') expect(o.date > o.nominal).toBe(true);
          if (!o.moved) expect(o.date).toBe(o.nominal);
        }
        expect(new Set(occurrences.map((o) => o.key)).size).toBe(occurrences.length);
      }),
      { numRuns: 300 },
    );
  });
});
