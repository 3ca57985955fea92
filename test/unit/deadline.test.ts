/**
 * Every form of the deadline grammar, with `now` fixed at Thursday 2026-11-26 10:00 in
 * Shanghai. Expected instants are written by hand (weekdays and holidays checked against
 * /work/shared/holidays-cn.md), never computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { type DayOverride, WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { type DeadlineResult, parseDeadline } from '../../src/domain/deadline/index.ts';

const TZ = 'Asia/Shanghai';
const NOW = '2026-11-26T10:00:00+08:00';

function options(overrides: Record<string, DayOverride> = {}, workdayEnd = '18:00') {
  const settings = { timezone: TZ, workdayStart: '09:00', workdayEnd };
  return {
    ...settings,
    calendar: new WorkingDayCalendar({ ...settings, overrides: new Map(Object.entries(overrides)) }),
  };
}

function parse(phrase: string, now = NOW, opts = options()): DeadlineResult {
  return parseDeadline(phrase, Date.parse(now), opts);
}

/** [phrase, expected due with offset, allDay] */
type Row = [string, string, boolean];

function expectDue(rows: Row[], now = NOW) {
  it.each(rows)('%s → %s', (phrase, due, allDay) => {
    const r = parse(phrase, now);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(new Date(r.due).toISOString()).toBe(new Date(due).toISOString());
    expect(r.allDay).toBe(allDay);
  });
}

describe('working days (Thu 11/26: Fri 11/27 is the 1st, Mon 11/30 the 2nd)', () => {
  expectDue([
    ['1个工作日内', '2026-11-27T18:00:00+08:00', true],
    ['3个工作日内', '2026-12-01T18:00:00+08:00', true],
    ['三个工作日内', '2026-12-01T18:00:00+08:00', true],
    ['3工作日内', '2026-12-01T18:00:00+08:00', true],
    ['两个工作日内', '2026-11-30T18:00:00+08:00', true],
    ['5个工作日后', '2026-12-03T18:00:00+08:00', true],
    ['五个工作日', '2026-12-03T18:00:00+08:00', true],
    ['十个工作日内', '2026-12-10T18:00:00+08:00', true],
    ['十五个工作日内', '2026-12-17T18:00:00+08:00', true],
    ['二十个工作日内', '2026-12-24T18:00:00+08:00', true],
    ['二十三个工作日内', '2026-12-29T18:00:00+08:00', true],
    ['３个工作日内', '2026-12-01T18:00:00+08:00', true],
    ['3个工作日内下午3点前', '2026-12-01T15:00:00+08:00', false],
    ['即日起三个工作日内', '2026-12-01T18:00:00+08:00', true],
    ['自12月1日起3个工作日内', '2026-12-04T18:00:00+08:00', true],
  ]);

  it('explains the count', () => {
    const r = parse('3个工作日内');
    expect(r.ok && r.explanation).toBe('3个工作日内：11月26日后第3个工作日（12月1日 周二）下班前');
    expect(r.ok && r.uncoveredYears).toEqual([]);
  });
});

describe('working days across holiday arrangements', () => {
  it.each([
    // 2025 春节: off 1/28–2/4; Sun 1/26 and Sat 2/8 worked
    ['2025-01-24T10:00:00+08:00', '1个工作日内', '2025-01-26T18:00:00+08:00'],
    ['2025-01-24T10:00:00+08:00', '3个工作日内', '2025-02-05T18:00:00+08:00'],
    ['2025-01-24T10:00:00+08:00', '6个工作日内', '2025-02-08T18:00:00+08:00'],
    // 2025 劳动节: off 5/1–5/5; Sun 4/27 worked
    ['2025-04-25T10:00:00+08:00', '5个工作日内', '2025-05-06T18:00:00+08:00'],
    // 2025 国庆: off 10/1–10/8; Sun 9/28 and Sat 10/11 worked
    ['2025-09-26T10:00:00+08:00', '4个工作日内', '2025-10-09T18:00:00+08:00'],
    ['2025-09-26T10:00:00+08:00', '六个工作日内', '2025-10-11T18:00:00+08:00'],
    // 2025 → 2026: off 1/1–1/3; Sun 1/4 worked
    ['2025-12-31T10:00:00+08:00', '1个工作日内', '2026-01-04T18:00:00+08:00'],
    ['2025-12-31T10:00:00+08:00', '2个工作日内', '2026-01-05T18:00:00+08:00'],
    // 2026 春节: off 2/15–2/23; Sat 2/14 and Sat 2/28 worked
    ['2026-02-13T10:00:00+08:00', '1个工作日内', '2026-02-14T18:00:00+08:00'],
    ['2026-02-13T10:00:00+08:00', '两个工作日内', '2026-02-24T18:00:00+08:00'],
    ['2026-02-13T10:00:00+08:00', '6个工作日内', '2026-02-28T18:00:00+08:00'],
    // 2026 劳动节: off 5/1–5/5; Sat 5/9 worked
    ['2026-04-30T10:00:00+08:00', '1个工作日内', '2026-05-06T18:00:00+08:00'],
    ['2026-04-30T10:00:00+08:00', '四个工作日内', '2026-05-09T18:00:00+08:00'],
    // 2026 中秋 9/25–9/27 and 国庆 10/1–10/7; Sun 9/20 and Sat 10/10 worked
    ['2026-09-18T10:00:00+08:00', '1个工作日内', '2026-09-20T18:00:00+08:00'],
    ['2026-09-24T10:00:00+08:00', '4个工作日内', '2026-10-08T18:00:00+08:00'],
    ['2026-09-24T10:00:00+08:00', '6个工作日内', '2026-10-10T18:00:00+08:00'],
    ['2026-09-24T10:00:00+08:00', '7个工作日内', '2026-10-12T18:00:00+08:00'],
  ])('from %s, %s → %s', (now, phrase, due) => {
    const r = parse(phrase, now);
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('calendar spans', () => {
  expectDue([
    ['3天内', '2026-11-29T18:00:00+08:00', true], // a Sunday: a named day is never moved
    ['10日内', '2026-12-06T18:00:00+08:00', true],
    ['7个自然日内', '2026-12-03T18:00:00+08:00', true],
    ['2小时内', '2026-11-26T12:00:00+08:00', false],
    ['两个小时内', '2026-11-26T12:00:00+08:00', false],
    ['半小时内', '2026-11-26T10:30:00+08:00', false],
    ['一个半小时内', '2026-11-26T11:30:00+08:00', false],
    ['30分钟内', '2026-11-26T10:30:00+08:00', false],
    ['48小时内', '2026-11-28T10:00:00+08:00', false],
  ]);
});

describe('named days', () => {
  expectDue([
    ['今天', '2026-11-26T18:00:00+08:00', true],
    ['今日', '2026-11-26T18:00:00+08:00', true],
    ['当天', '2026-11-26T18:00:00+08:00', true],
    ['当日', '2026-11-26T18:00:00+08:00', true],
    ['即日', '2026-11-26T18:00:00+08:00', true],
    ['明天', '2026-11-27T18:00:00+08:00', true],
    ['明日', '2026-11-27T18:00:00+08:00', true],
    ['次日', '2026-11-27T18:00:00+08:00', true],
    ['后天', '2026-11-28T18:00:00+08:00', true],
    ['大后天', '2026-11-29T18:00:00+08:00', true],
    ['明天前', '2026-11-27T18:00:00+08:00', true],
  ]);
});

describe('weeks, Monday first (this week: Mon 11/23 – Sun 11/29)', () => {
  expectDue([
    ['本周五', '2026-11-27T18:00:00+08:00', true],
    ['这周五', '2026-11-27T18:00:00+08:00', true],
    ['周五', '2026-11-27T18:00:00+08:00', true],
    ['星期五', '2026-11-27T18:00:00+08:00', true],
    ['礼拜五', '2026-11-27T18:00:00+08:00', true],
    ['周四', '2026-11-26T18:00:00+08:00', true], // today
    ['周三', '2026-12-02T18:00:00+08:00', true], // gone this week: the coming one
    ['周1', '2026-11-30T18:00:00+08:00', true],
    ['本周日', '2026-11-29T18:00:00+08:00', true],
    ['周天', '2026-11-29T18:00:00+08:00', true],
    ['星期7', '2026-11-29T18:00:00+08:00', true],
    ['下周一', '2026-11-30T18:00:00+08:00', true],
    ['下周五', '2026-12-04T18:00:00+08:00', true],
    ['下星期三', '2026-12-02T18:00:00+08:00', true],
    ['下礼拜日', '2026-12-06T18:00:00+08:00', true],
    ['下周五下班前', '2026-12-04T18:00:00+08:00', false],
    ['本周内', '2026-11-27T18:00:00+08:00', true],
  ]);

  it.each([
    ['2026-10-08T10:00:00+08:00', '2026-10-10T18:00:00+08:00', 'a week with an adjusted Saturday'],
    ['2026-09-28T10:00:00+08:00', '2026-09-30T18:00:00+08:00', 'a week ending in National Day'],
    ['2026-02-09T10:00:00+08:00', '2026-02-14T18:00:00+08:00', 'the Saturday before Spring Festival'],
  ])('本周内 from %s → %s (%s)', (now, due) => {
    const r = parse('本周内', now);
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date(due).toISOString());
  });
});

describe('ends of periods: the last calendar day, at office end', () => {
  expectDue([
    ['月底', '2026-11-30T18:00:00+08:00', true],
    ['本月底', '2026-11-30T18:00:00+08:00', true],
    ['月末', '2026-11-30T18:00:00+08:00', true],
    ['下月底', '2026-12-31T18:00:00+08:00', true],
    ['下个月底', '2026-12-31T18:00:00+08:00', true],
    ['年底', '2026-12-31T18:00:00+08:00', true],
    ['今年年底', '2026-12-31T18:00:00+08:00', true],
    ['本季度末', '2026-12-31T18:00:00+08:00', true],
    ['季度末', '2026-12-31T18:00:00+08:00', true],
    ['12月底', '2026-12-31T18:00:00+08:00', true],
  ]);
  expectDue([['月底', '2026-02-28T18:00:00+08:00', true]], '2026-02-10T10:00:00+08:00');
  expectDue([['季度末', '2026-06-30T18:00:00+08:00', true]], '2026-05-06T10:00:00+08:00');
  expectDue([['下月底', '2027-01-31T18:00:00+08:00', true]], '2026-12-15T10:00:00+08:00');
});

describe('dates', () => {
  expectDue([
    ['2026年12月10日', '2026-12-10T18:00:00+08:00', true],
    ['12月10日', '2026-12-10T18:00:00+08:00', true],
    ['12月10号', '2026-12-10T18:00:00+08:00', true],
    ['十二月十日', '2026-12-10T18:00:00+08:00', true],
    ['2026-12-10', '2026-12-10T18:00:00+08:00', true],
    ['2026/12/10', '2026-12-10T18:00:00+08:00', true],
    ['12月10日之前', '2026-12-10T18:00:00+08:00', true],
    ['12月10日以前', '2026-12-10T18:00:00+08:00', true],
    ['11月26日', '2026-11-26T18:00:00+08:00', true], // today, not next year
    ['1月5日', '2027-01-05T18:00:00+08:00', true], // already past this year
    ['3月1日', '2027-03-01T18:00:00+08:00', true],
  ]);

  it('says when a month-day was moved to next year', () => {
    const r = parse('3月1日');
    expect(r.ok && r.explanation).toBe('3月1日：2027年3月1日（周一）下班前（今年的3月1日已过，按2027年计）');
  });
});

describe('times of day', () => {
  expectDue([
    ['上午10点半', '2026-11-26T10:30:00+08:00', false],
    ['下午3点', '2026-11-26T15:00:00+08:00', false],
    ['下午三点半', '2026-11-26T15:30:00+08:00', false],
    ['晚上8点', '2026-11-26T20:00:00+08:00', false],
    ['17时', '2026-11-26T17:00:00+08:00', false],
    ['17时30分', '2026-11-26T17:30:00+08:00', false],
    ['16点45分', '2026-11-26T16:45:00+08:00', false],
    ['16:30', '2026-11-26T16:30:00+08:00', false],
    ['16：30', '2026-11-26T16:30:00+08:00', false],
    ['中午', '2026-11-26T12:00:00+08:00', false],
    ['下班前', '2026-11-26T18:00:00+08:00', false],
    ['明天上午9点', '2026-11-27T09:00:00+08:00', false],
    ['明天上班前', '2026-11-27T09:00:00+08:00', false],
    ['今晚8点', '2026-11-26T20:00:00+08:00', false],
    ['今晚上8点', '2026-11-26T20:00:00+08:00', false],
    ['明早9点前', '2026-11-27T09:00:00+08:00', false],
    ['12月10日17时前', '2026-12-10T17:00:00+08:00', false],
    ['12月10日下午5点', '2026-12-10T17:00:00+08:00', false],
    ['2026-12-10 17:00', '2026-12-10T17:00:00+08:00', false],
    ['2026-12-10T17:00', '2026-12-10T17:00:00+08:00', false],
    ['12月31日24时前', '2027-01-01T00:00:00+08:00', false],
  ]);

  it('uses the configured office end', () => {
    const r = parse('明天', NOW, options({}, '17:30'));
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2026-11-27T17:30:00+08:00').toISOString());
  });
});

describe('inside a sentence', () => {
  it.each([
    ['请于三个工作日内反馈', '2026-12-01T18:00:00+08:00', '三个工作日内'],
    ['12月10日17时前报送', '2026-12-10T17:00:00+08:00', '12月10日17时前'],
    ['会议要求2026-12-10 17:00前提交材料', '2026-12-10T17:00:00+08:00', '2026-12-10 17:00前'],
    ['尽快，最迟下周五', '2026-12-04T18:00:00+08:00', '下周五'],
    ['昨天布置的任务明天交', '2026-11-27T18:00:00+08:00', '明天'],
  ])('%s → %s, reading “%s”', (sentence, due, matched) => {
    const r = parse(sentence);
    if (!r.ok) throw new Error(r.reason);
    expect(new Date(r.due).toISOString()).toBe(new Date(due).toISOString());
    expect(r.matched).toBe(matched);
  });
});

describe('refusals', () => {
  it.each([
    ['尽快', '“尽快”没有给出具体时间'],
    ['抓紧办理', '“抓紧”没有给出具体时间'],
    ['', '没有找到截止时间'],
    ['起草年度工作总结', '没有找到截止时间'],
    ['2月30日', '“2月30日”不是有效日期'],
    ['13月5日', '“13月5日”不是有效日期：月份只有1到12月'],
    ['2026年2月29日', '2026年2月只有28天'],
    ['明天25点', '“25点”不是有效时间'],
    ['17时75分', '不是有效时间'],
    ['上午15点', '不是有效时间'],
    ['昨天', '“昨天”已经过去'],
    ['上周五', '已经过去'],
    ['本周三', '“本周三”（11月25日）已经过去'],
    ['今天 08:00', '“今天 08:00”（2026-11-26 08:00 周四）已经过去'],
    ['2025年12月1日', '已经过去'],
    ['十几个工作日内', '不是确定的数目'],
    ['0个工作日内', '不是有效期限'],
    ['3点', '没有写明上午还是下午'],
    ['下周', '没有写明哪一天'],
    ['今晚', '“今晚”没有写明几点'],
    ['明天3点', '没有写明上午还是下午'],
  ])('%s → %s', (phrase, reason) => {
    const r = parse(phrase);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('refuses a day whose office end has passed', () => {
    const r = parse('今天', '2026-11-26T19:00:00+08:00');
    expect(!r.ok && r.reason).toContain('已经过去');
    expect(parse('本周内', '2026-11-28T10:00:00+08:00').ok).toBe(false);
  });
});

describe('years the data does not cover', () => {
  it('flags a working-day count landing in 2027', () => {
    const r = parse('2个工作日内', '2026-12-30T10:00:00+08:00');
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2027-01-01T18:00:00+08:00').toISOString());
    expect(r.ok && r.uncoveredYears).toEqual([2027]);
  });

  it('an admin override changes the answer, and it is still flagged', () => {
    const r = parse('2个工作日内', '2026-12-30T10:00:00+08:00', options({ '2027-01-01': 'off' }));
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2027-01-04T18:00:00+08:00').toISOString());
    expect(r.ok && r.uncoveredYears).toEqual([2027]);
    const worked = parse('3个工作日内', '2026-12-30T10:00:00+08:00', options({ '2027-01-02': 'work' }));
    expect(worked.ok && new Date(worked.due).toISOString()).toBe(
      new Date('2027-01-02T18:00:00+08:00').toISOString(),
    );
  });

  it('flags named dates in 2027 too', () => {
    for (const phrase of ['1月5日', '下周五', '2027年6月1日']) {
      const r = parse(phrase, '2026-12-30T10:00:00+08:00');
      expect(r.ok && r.uncoveredYears).toEqual([2027]);
    }
    expect(parse('12月31日', '2026-12-30T10:00:00+08:00')).toMatchObject({ ok: true, uncoveredYears: [] });
  });
});
