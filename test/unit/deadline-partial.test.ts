/**
 * Never a partial read (issue 10 §1): for any phrase the grammar accepts, a prefix that makes it
 * a different phrase (`每`, `第`, `国庆节后第`, `明年`…) either is read with it, as one phrase, or
 * the whole is refused. The trailing part alone is never the answer, with the prefix left
 * dangling at the end of the title.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { readWholeDeadline, splitTrailingDeadline } from '../../src/domain/deadline/index.ts';

const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const options = { ...settings, calendar: new WorkingDayCalendar(settings) };

// 2026, whose holidays are known; up to the end of September so 国庆节后 still lies ahead.
const nowArb = fc.integer({
  min: Date.parse('2026-01-05T08:00:00+08:00'),
  max: Date.parse('2026-09-20T08:00:00+08:00'),
});

const count = fc.integer({ min: 1, max: 20 });
const CHINESE_COUNTS = ['一', '两', '三', '五', '十'];

/** Phrases of every kind the grammar accepts (some may be refused as past for a given now). */
const phraseArb = fc.oneof(
  count.map((n) => `${n}个工作日内`),
  fc.constantFrom(...CHINESE_COUNTS).map((n) => `${n}个工作日内`),
  count.map((n) => `${n}天内`),
  count.map((n) => `${n}周内`),
  count.map((n) => `${n}个月内`),
  fc.integer({ min: 1, max: 28 }).map((d) => `${d}号前`),
  fc.integer({ min: 1, max: 12 }).map((m) => `${m}月中旬`),
  fc.integer({ min: 1, max: 12 }).map((m) => `${m}月10日`),
  fc.constantFrom(
    '明天',
    '后天',
    '周五',
    '星期三',
    '下周一',
    '月底',
    '年底',
    '季度末',
    '半个月内',
    '下月10日',
    '下月上旬',
    '下午3点',
    '17:00',
    '国庆节前',
    '国庆节后第一个工作日',
    '中秋节前',
  ),
);

/** Written independently of the parser: prefixes that make another phrase of what follows. */
const extenderArb = fc.constantFrom(
  '每',
  '每个',
  '第',
  '隔',
  '逢',
  '前',
  '后',
  '节后',
  '会后',
  '上',
  '下',
  '本',
  '这',
  '今',
  '明',
  '去',
  '次',
  '年',
  '明年',
  '月',
  '下月第',
  '周',
  '至',
  '到',
  '起',
  '国庆节后第',
);

const TITLE = '起草报告';

describe('never a partial read', () => {
  it('a prefix that extends the phrase is read with it or the whole is refused', () => {
    fc.assert(
      fc.property(nowArb, phraseArb, extenderArb, (now, phrase, prefix) => {
        fc.pre(splitTrailingDeadline(`${TITLE} ${phrase}`, now, options).deadline.ok);
        const { title, deadline } = splitTrailingDeadline(`${TITLE} ${prefix}${phrase}`, now, options);
        if (deadline.ok) {
          // Read whole: nothing of the prefix was left behind in the title.
          expect(title).toBe(TITLE);
          expect(deadline.matched.startsWith(prefix) || deadline.matched.includes(`${prefix}${phrase}`)).toBe(
            true,
          );
        }
        const whole = readWholeDeadline(`${prefix}${phrase}`, now, options);
        if (whole.ok) expect(whole.matched).not.toBe(phrase);
      }),
      { numRuns: 1500 },
    );
  });

  it('a digit in front of a number makes another number, never a cut', () => {
    fc.assert(
      fc.property(nowArb, count, fc.integer({ min: 1, max: 9 }), (now, n, digit) => {
        const { title, deadline } = splitTrailingDeadline(`${TITLE} ${digit}${n}个工作日内`, now, options);
        expect(title).toBe(TITLE);
        if (deadline.ok) expect(deadline.matched).toBe(`${digit}${n}个工作日内`);
      }),
    );
  });

  it('a word that changes nothing leaves the phrase as it was (the check is not a blanket refusal)', () => {
    fc.assert(
      fc.property(nowArb, phraseArb, fc.constantFrom('报', '稿', '案', '表', '》'), (now, phrase, glue) => {
        const alone = splitTrailingDeadline(`${TITLE} ${phrase}`, now, options).deadline;
        fc.pre(alone.ok);
        const { title, deadline } = splitTrailingDeadline(`${TITLE}${glue}${phrase}`, now, options);
        expect(title).toBe(`${TITLE}${glue}`);
        expect(deadline.ok && alone.ok && deadline.due === alone.due).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
