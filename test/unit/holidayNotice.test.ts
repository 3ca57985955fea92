/**
 * Reading a State Council holiday notice (issue 10 §4). The fixtures are the 2025 and 2026
 * notices written out from /work/shared/holidays-cn.md; expected days are written by hand from
 * the same table, never computed by the parser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { parseDeadline } from '../../src/domain/deadline/index.ts';
import {
  arrangementOf,
  MAX_NOTICE_CHARS,
  type NoticeReading,
  noticeProblems,
  readHolidayNotice,
} from '../../src/domain/notice/readNotice.ts';
import { addDays } from '../../src/domain/time.ts';
import { NOTICE_2027, NOTICE_2027_ITEMS, NOTICE_2027_TITLE } from '../support/notice2027.ts';

const fixture = (year: number) => readFileSync(`test/fixtures/notices/${year}.txt`, 'utf8');

function read(text: string): NoticeReading {
  const result = readHolidayNotice(text);
  if (!result.ok) throw new Error(result.reason);
  return result.reading;
}

/** Every day from `first` to `last`. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('the 2026 notice', () => {
  const reading = read(fixture(2026));

  it('gives exactly the official days, holiday by holiday', () => {
    expect(reading.year).toBe(2026);
    expect(reading.holidays).toEqual([
      { name: '元旦', off: days('2026-01-01', '2026-01-03'), workdays: ['2026-01-04'] },
      { name: '春节', off: days('2026-02-15', '2026-02-23'), workdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', off: days('2026-04-04', '2026-04-06'), workdays: [] },
      { name: '劳动节', off: days('2026-05-01', '2026-05-05'), workdays: ['2026-05-09'] },
      { name: '端午节', off: days('2026-06-19', '2026-06-21'), workdays: [] },
      { name: '中秋节', off: days('2026-09-25', '2026-09-27'), workdays: [] },
      { name: '国庆节', off: days('2026-10-01', '2026-10-07'), workdays: ['2026-09-20', '2026-10-10'] },
    ]);
    expect(reading.unreadLines).toEqual([]);
    expect(reading.missing).toEqual([]);
    expect(noticeProblems(reading)).toEqual([]);
  });

  it('as an arrangement, makes the same working days as the official data, every day of 2026', () => {
    const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
    const official = new WorkingDayCalendar(settings);
    const imported = new WorkingDayCalendar({ ...settings, arrangements: [arrangementOf(reading)] });
    const differ = days('2026-01-01', '2026-12-31').filter(
      (d) => official.isWorkingDay(d) !== imported.isWorkingDay(d),
    );
    expect(differ).toEqual([]);
  });
});

describe('the 2025 notice', () => {
  const reading = read(fixture(2025));

  it('gives exactly the official days, with 国庆节、中秋节 as one line', () => {
    expect(reading.year).toBe(2025);
    expect(reading.holidays).toEqual([
      { name: '元旦', off: ['2025-01-01'], workdays: [] },
      { name: '春节', off: days('2025-01-28', '2025-02-04'), workdays: ['2025-01-26', '2025-02-08'] },
      { name: '清明节', off: days('2025-04-04', '2025-04-06'), workdays: [] },
      { name: '劳动节', off: days('2025-05-01', '2025-05-05'), workdays: ['2025-04-27'] },
      // Across the end of a month.
      { name: '端午节', off: days('2025-05-31', '2025-06-02'), workdays: [] },
      {
        name: '国庆节、中秋节',
        off: days('2025-10-01', '2025-10-08'),
        workdays: ['2025-09-28', '2025-10-11'],
      },
    ]);
    expect(reading.missing).toEqual([]);
    expect(reading.unreadLines).toEqual([]);
  });

  it('reads the same when pasted without its line breaks', () => {
    expect(read(fixture(2025).replace(/\n/g, '')).holidays).toEqual(reading.holidays);
  });
});

describe('a pasted notice for a year nobody has data for', () => {
  // Made up for the test (2027's arrangement was not published when this was written): the
  // way a pasted notice reaches deadlines.
  const notice = NOTICE_2027;

  it('makes a deadline across its 春节 count the days off and the worked Saturday', () => {
    const reading = read(notice);
    expect(noticeProblems(reading)).toEqual([]);
    const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
    const calendar = new WorkingDayCalendar({ ...settings, arrangements: [arrangementOf(reading)] });
    // From Thu 2027-02-04: Fri 2/5–Thu 2/11 off, so the 1st working day is Fri 2/12, then
    // Mon 2/15 to Fri 2/19 are the 2nd to the 6th, and the worked Sat 2/20 is the 7th.
    const r = parseDeadline('7个工作日内', Date.parse('2027-02-04T10:00:00+08:00'), {
      ...settings,
      calendar,
    });
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2027-02-20T18:00:00+08:00').toISOString());
    expect(r.ok && r.uncoveredYears).toEqual([]);
    const before = parseDeadline('春节前', Date.parse('2027-01-20T10:00:00+08:00'), {
      ...settings,
      calendar,
    });
    expect(before.ok && new Date(before.due).toISOString()).toBe(
      new Date('2027-02-04T18:00:00+08:00').toISOString(),
    );
  });
});

describe('the 2027 notice however a chat client splits its lines', () => {
  // Made up, self-consistent: 1 January 2027 is a Friday. Expected days typed by hand.
  const title = NOTICE_2027_TITLE;
  const items = NOTICE_2027_ITEMS;
  const expected = [
    { name: '元旦', off: days('2027-01-01', '2027-01-03'), workdays: [] },
    { name: '春节', off: days('2027-02-05', '2027-02-11'), workdays: ['2027-02-20'] },
    { name: '清明节', off: days('2027-04-03', '2027-04-05'), workdays: [] },
    { name: '劳动节', off: days('2027-05-01', '2027-05-05'), workdays: ['2027-05-08'] },
    { name: '端午节', off: ['2027-06-09'], workdays: [] },
    { name: '中秋节', off: ['2027-09-15'], workdays: [] },
    { name: '国庆节', off: days('2027-10-01', '2027-10-07'), workdays: ['2027-09-26', '2027-10-09'] },
  ];

  it.each([
    ['the title, then a line each', [title, ...items].join('\n')],
    ['a blank line after the title', [title, '', ...items].join('\n')],
    ['joined by spaces', [title, ...items].join(' ')],
    ['joined with nothing', [title, ...items].join('')],
    ['the title glued to 元旦, the rest a line each', `${title} ${items.join('\n')}`],
  ])('reads the title as the title and each item as its holiday: %s', (_shape, text) => {
    const reading = read(text);
    expect(reading.year).toBe(2027);
    expect(noticeProblems(reading)).toEqual([]);
    expect(reading.holidays).toEqual(expected);
  });

  it('numbers a line it cannot read as pasted, and quotes it without the title', () => {
    const wrong = items.map((l) => l.replace('1月1日（周五）', '1月1日（周四）'));
    const onLines = read([title, '', ...wrong].join('\n'));
    expect(onLines.unreadLines.map((u) => [u.lineNumber, u.line])).toEqual([[3, wrong[0]]]);
    const joined = read([title, ...wrong].join(' '));
    expect(joined.unreadLines.map((u) => [u.lineNumber, u.line])).toEqual([[1, wrong[0]]]);
  });
});

describe('text it cannot read all of', () => {
  const title = '国务院办公厅关于2026年部分节假日安排的通知';
  const lines = fixture(2026).split('\n');
  /** The 2026 notice with the line starting with `prefix` replaced. */
  const withLine = (prefix: string, replacement: string) =>
    lines.map((l) => (l.startsWith(prefix) ? replacement : l)).join('\n');

  it.each([
    [
      '一、',
      '一、元旦：1月1日（周三）至3日（周六）放假调休，共3天。1月4日（周日）上班。',
      '1月1日是周四，不是周三',
    ],
    ['三、', '三、清明节：4月4日（周六）至6日（周一）放假，共4天。', '写的是共4天，但按日期算是3天'],
    ['四、', '四、劳动节：五月一日到五日休息。', '没有读懂“五月一日到五日休息”'],
    ['五、', '五、端午节：6月31日（周三）放假1天。', '2026年没有6月31日'],
    ['六、', '六、中秋节：9月25日至27日放假，共3天。另行通知。', '没有读懂“另行通知”'],
    ['七、', '七、国庆节：10月10日（周六）上班。', '没有找到放假日期'],
    [
      '七、',
      '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。10月3日（周六）上班。',
      '10月3日既放假又上班',
    ],
    ['二、', '二、春节：2月15日至23日放假调休，共9天。三、春节：2月1日放假。', '春节在“春节”一项里已经有了'],
  ])('a bad %s line is listed with the reason: %s', (prefix, replacement, reason) => {
    const reading = read(withLine(prefix, replacement));
    const unread = reading.unreadLines.map((u) => u.reason);
    expect(unread).toHaveLength(1);
    expect(unread[0]).toContain(reason);
    // The other holidays are still read, and the line's holiday is not reported missing too.
    expect(reading.holidays.length).toBeGreaterThanOrEqual(6);
    expect(noticeProblems(reading)[0]).toMatch(/^第\d+行没有读懂：“.+”——/);
  });

  it('lists a line that mentions a holiday and dates but is not in the standard form', () => {
    const reading = read(`${fixture(2026)}\n另外，春节期间2月14日（周六）照常上班。`);
    expect(reading.unreadLines).toEqual([
      {
        lineNumber: lines.length + 1,
        line: '另外，春节期间2月14日（周六）照常上班。',
        reason: expect.stringContaining('不是“一、元旦：'),
      },
    ]);
  });

  it('says which holidays are missing', () => {
    const reading = read(lines.filter((l) => !l.startsWith('三、') && !l.startsWith('五、')).join('\n'));
    expect(reading.missing).toEqual(['清明节', '端午节']);
    expect(noticeProblems(reading)).toEqual(['没有找到这些节日的安排：清明节、端午节']);
  });

  it('takes the year from the first date written with one when there is no title', () => {
    const reading = read('一、元旦：2023年12月30日（周六）至2024年1月1日（周一）放假调休，共3天。');
    expect(reading.year).toBe(2023);
    expect(reading.holidays[0]?.off).toEqual(['2023-12-30', '2023-12-31', '2024-01-01']);
  });

  it('reads 元旦 across the new year in the new year’s notice', () => {
    const reading = read(
      `国务院办公厅关于2024年部分节假日安排的通知\n一、元旦：12月30日（周六）至1月1日（周一）放假调休，共3天。`,
    );
    expect(reading.holidays[0]?.off).toEqual(['2023-12-30', '2023-12-31', '2024-01-01']);
  });

  it.each([
    ['一、元旦：1月1日放假。', '没有找到年份'],
    ['节假日期间，各地区要安排好值班。', '没有找到年份'],
    [`${title}\n各省、自治区、直辖市人民政府：`, '没有找到放假安排'],
    [`${title}\n${'很长的一行'.repeat(MAX_NOTICE_CHARS)}`, '内容太长了'],
  ])('refuses %#: %s', (text, reason) => {
    const result = readHolidayNotice(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
