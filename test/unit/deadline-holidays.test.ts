/**
 * Deadlines named by a holiday (issue 10 §2). Expected days are written by hand from
 * /work/shared/holidays-cn.md (the State Council arrangements), never computed by the code.
 */
import { describe, expect, it } from 'vitest';
import { type CalendarOptions, WorkingDayCalendar } from '../../src/domain/calendar.ts';
import {
  type DeadlineResult,
  parseDeadline,
  splitTrailingDeadline,
} from '../../src/domain/deadline/index.ts';

const TZ = 'Asia/Shanghai';
const settings = { timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' };

function options(extra: Partial<CalendarOptions> = {}) {
  return { ...settings, calendar: new WorkingDayCalendar({ ...settings, ...extra }) };
}

function parse(phrase: string, now: string, opts = options()): DeadlineResult {
  return parseDeadline(phrase, Date.parse(now), opts);
}

function expectDay(phrase: string, now: string, due: string) {
  const r = parse(phrase, now);
  if (!r.ok) throw new Error(`${phrase} refused: ${r.reason}`);
  expect(new Date(r.due).toISOString()).toBe(new Date(`${due}T18:00:00+08:00`).toISOString());
  expect(r.allDay).toBe(true);
}

describe('2025 holidays, asked on 2025-01-02', () => {
  const now = '2025-01-02T10:00:00+08:00';
  it.each([
    // 春节 off 1/28–2/4; Sun 1/26 is worked, and so is Mon 1/27.
    ['春节前', '2025-01-27'],
    ['过年前', '2025-01-27'],
    ['春节后第1个工作日', '2025-02-05'],
    ['春节后第一个工作日', '2025-02-05'],
    ['清明节前', '2025-04-03'],
    ['清明后第1个工作日', '2025-04-07'],
    ['劳动节前', '2025-04-30'],
    ['五一前', '2025-04-30'],
    ['劳动节后第1个工作日', '2025-05-06'],
    ['端午节前', '2025-05-30'],
    ['端午后第1个工作日', '2025-06-03'],
    // 国庆节、中秋节 together 10/1–10/8; Sat 10/11 is worked.
    ['国庆节前', '2025-09-30'],
    ['国庆前', '2025-09-30'],
    ['中秋节前', '2025-09-30'],
    ['国庆节后第一个工作日', '2025-10-09'],
    ['中秋后第1个工作日', '2025-10-09'],
    ['国庆节后3个工作日内', '2025-10-11'],
    ['国庆节后第三个工作日', '2025-10-11'],
    ['国庆假期后第4个工作日', '2025-10-13'],
  ])('%s → %s', (phrase, due) => expectDay(phrase, now, due));
});

describe('2026 holidays, asked on 2025-12-01', () => {
  const now = '2025-12-01T10:00:00+08:00';
  it.each([
    ['元旦前', '2025-12-31'],
    // 元旦 off 1/1–1/3; Sun 1/4 is worked.
    ['元旦后第1个工作日', '2026-01-04'],
    // 春节 off 2/15–2/23; Sat 2/14 and Sat 2/28 are worked.
    ['春节前', '2026-02-14'],
    ['春节后第1个工作日', '2026-02-24'],
    ['春节后5个工作日内', '2026-02-28'],
    ['清明节前', '2026-04-03'],
    ['清明节后第1个工作日', '2026-04-07'],
    ['劳动节前', '2026-04-30'],
    ['劳动节后第3个工作日', '2026-05-08'],
    ['五一后第4个工作日', '2026-05-09'],
    ['端午节前', '2026-06-18'],
    ['端午节后第1个工作日', '2026-06-22'],
    ['中秋节前', '2026-09-24'],
    ['中秋节后第1个工作日', '2026-09-28'],
    ['国庆节前', '2026-09-30'],
    ['国庆节后第一个工作日', '2026-10-08'],
    ['国庆节后3个工作日内', '2026-10-10'],
  ])('%s → %s', (phrase, due) => expectDay(phrase, now, due));

  it('explains which days off it counted from', () => {
    const r = parse('春节前', now);
    expect(r.ok && r.explanation).toBe(
      '春节前：春节放假（2026年2月15日至2026年2月23日）前最后一个工作日（2026年2月14日 周六）下班前',
    );
  });

  it('takes a time of day after the holiday', () => {
    const r = parse('国庆节后第一个工作日下午3点前', now);
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2026-10-08T15:00:00+08:00').toISOString());
  });
});

describe('which holiday: the next one not yet begun (前) or not yet over (后)', () => {
  it('during 春节, 春节后 is this one', () => {
    expectDay('春节后第1个工作日', '2026-02-17T10:00:00+08:00', '2026-02-24');
  });

  it('on the evening of the last working day, 春节前 has passed', () => {
    const r = parse('春节前', '2026-02-14T19:00:00+08:00');
    expect(!r.ok && r.reason).toContain('已经过去');
  });

  it('once 国庆 2026 is over, the next one is in 2027, whose arrangement is unknown', () => {
    const r = parse('国庆节后第一个工作日', '2026-11-26T10:00:00+08:00');
    expect(!r.ok && r.reason).toBe(
      '2027年的放假安排尚未公布或尚未录入，无法确定“国庆节后第一个工作日”是哪一天。请写明具体日期，如“2027年10月9日”；安排公布后，组织管理员可发送 /日历 导入 并粘贴国务院通知全文。',
    );
  });

  it('元旦前 in late 2026 is refused with a date in 2026 to type', () => {
    const r = parse('元旦前', '2026-11-26T10:00:00+08:00');
    expect(!r.ok && r.reason).toContain('如“2026年12月31日前”');
  });

  it('a year entered day by day has no holiday names, so it is refused too', () => {
    const r = parse('春节前', '2026-11-26T10:00:00+08:00', options({ confirmedYears: [2027] }));
    expect(!r.ok && r.reason).toContain('2027年的安排是逐日录入的，不知道哪几天是春节假期');
  });

  it('an imported arrangement names the days', () => {
    // A made-up 2027 arrangement for the test; the real one was not published when written.
    const opts = options({
      arrangements: [
        {
          year: 2027,
          holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
        },
      ],
    });
    const before = parse('元旦前', '2026-11-26T10:00:00+08:00', opts);
    expect(before.ok && new Date(before.due).toISOString()).toBe(
      new Date('2026-12-31T18:00:00+08:00').toISOString(),
    );
    const after = parse('元旦后第1个工作日', '2026-11-26T10:00:00+08:00', opts);
    expect(after.ok && new Date(after.due).toISOString()).toBe(
      new Date('2027-01-04T18:00:00+08:00').toISOString(),
    );
    expect(after.ok && after.uncoveredYears).toEqual([]);
  });
});

describe('holiday phrases that do not say enough', () => {
  const now = '2026-01-05T10:00:00+08:00';
  it.each([
    ['国庆节后', '“国庆节后”没有写明是节后第几个工作日'],
    ['国庆节后3天内', '节后的期限请按工作日写'],
    ['国庆节', '“国庆节”没有写明是节前还是节后'],
    ['节后第一个工作日', '“第一个工作日”没有说从哪天算起'],
  ])('%s is refused: %s', (phrase, reason) => {
    const r = parse(phrase, now);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('a holiday inside a title is only a word', () => {
    const { title, deadline } = splitTrailingDeadline('整理国庆节值班材料 明天', Date.parse(now), options());
    expect(title).toBe('整理国庆节值班材料');
    expect(deadline.ok && deadline.matched).toBe('明天');
  });
});

describe('the issue’s example: /任务 整理节日值班材料 @张三 国庆节后第一个工作日', () => {
  const text = '整理节日值班材料 国庆节后第一个工作日';

  it('reads the whole phrase while 2026’s arrangement is the next one', () => {
    const { title, deadline } = splitTrailingDeadline(
      text,
      Date.parse('2026-09-01T10:00:00+08:00'),
      options(),
    );
    expect(title).toBe('整理节日值班材料');
    expect(deadline.ok && new Date(deadline.due).toISOString()).toBe(
      new Date('2026-10-08T18:00:00+08:00').toISOString(),
    );
  });

  it('refuses, never cuts, once the next one is unknown', () => {
    const { title, deadline } = splitTrailingDeadline(
      text,
      Date.parse('2026-11-26T10:00:00+08:00'),
      options(),
    );
    expect(title).toBe('整理节日值班材料');
    expect(deadline.ok).toBe(false);
    expect(!deadline.ok && deadline.reason).toContain('2027年的放假安排尚未公布');
  });
});
