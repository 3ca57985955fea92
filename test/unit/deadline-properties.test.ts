/**
 * Properties of parseDeadline over random instants from 2025 into uncovered 2027, and of the
 * numeral reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { parseDeadline } from '../../src/domain/deadline/index.ts';
import { numeralValue } from '../../src/domain/deadline/numerals.ts';
import { localDate } from '../../src/domain/time.ts';

const TZ = 'Asia/Shanghai';
const settings = { timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' };
const calendar = new WorkingDayCalendar(settings);
const options = { ...settings, calendar };

const nowArb = fc.integer({
  min: Date.parse('2025-01-01T00:00:00+08:00'),
  max: Date.parse('2027-06-30T00:00:00+08:00'),
});
const countArb = fc.integer({ min: 1, max: 40 });
const CHINESE = ['一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

const phraseArb = fc.oneof(
  countArb.map((n) => `${n}个工作日内`),
  fc.integer({ min: 1, max: 10 }).map((n) => `${CHINESE[n - 1]}个工作日内`),
  countArb.map((n) => `${n}天内`),
  countArb.map((n) => `${n}小时内`),
  fc.constantFrom(
    '明天',
    '后天',
    '下周一',
    '下周五',
    '下月底',
    '年底',
    '季度末',
    '周三',
    '12月10日',
    '下午3点',
    '两周内',
    '半个月内',
    '一个月内',
    '12月中旬',
    '下月上旬',
    '15号前',
    '国庆节前',
    '春节后第1个工作日',
  ),
);

describe('parseDeadline properties', () => {
  it('a deadline is never before now', () => {
    fc.assert(
      fc.property(nowArb, phraseArb, (now, phrase) => {
        const r = parseDeadline(phrase, now, options);
        if (r.ok) expect(r.due).toBeGreaterThan(now);
        else expect(r.reason).toMatch(/已经过去|尚未公布或尚未录入/);
      }),
      { numRuns: 500 },
    );
  });

  it('N个工作日内 lands on a working day at office end', () => {
    fc.assert(
      fc.property(nowArb, countArb, (now, n) => {
        const r = parseDeadline(`${n}个工作日内`, now, options);
        if (!r.ok) throw new Error(r.reason);
        expect(calendar.isWorkingDay(localDate(r.due, TZ))).toBe(true);
        expect(r.allDay).toBe(true);
      }),
    );
  });

  it('N个工作日内 grows strictly with N', () => {
    fc.assert(
      fc.property(nowArb, countArb, (now, n) => {
        const a = parseDeadline(`${n}个工作日内`, now, options);
        const b = parseDeadline(`${n + 1}个工作日内`, now, options);
        expect(a.ok && b.ok && b.due > a.due).toBe(true);
      }),
    );
  });

  it('flags 2027 exactly when the answer reaches it', () => {
    fc.assert(
      fc.property(nowArb, countArb, (now, n) => {
        const r = parseDeadline(`${n}个工作日内`, now, options);
        if (!r.ok) throw new Error(r.reason);
        const reaches2027 = localDate(r.due, TZ) >= '2027-01-01';
        expect(r.uncoveredYears).toEqual(reaches2027 ? [2027] : []);
      }),
    );
  });
});

describe('numerals', () => {
  it.each([
    ['3', 3],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['一百二十', 120],
    ['二〇', 20],
  ])('%s = %i', (text, value) => {
    expect(numeralValue(text)).toBe(value);
  });

  it.each(['十几', '几', '两两', '十十', '一百十', '零十'])('%s is not a number', (text) => {
    expect(numeralValue(text)).toBeUndefined();
  });
});
