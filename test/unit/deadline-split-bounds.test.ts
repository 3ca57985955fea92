/**
 * The deadline split must do work bounded by the longest deadline phrase, not by the input:
 * one `/任务` with a 40k-character title once stalled the process for 53 s (issue 9 §5). Each
 * input is timed at two sizes, ten times apart, in the same run: linear work grows about 10×,
 * the quadratic split grew 100×. The bound is a ratio between the two, never an absolute time,
 * and both sides are large enough for the clock to measure them steadily.
 */
import { describe, expect, it } from 'vitest';
import { readExtensionArgs } from '../../src/bot/args/extensionArgs.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { splitTrailingDeadline } from '../../src/domain/deadline/index.ts';
import { UserError } from '../../src/errors.ts';

const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const options = { ...settings, calendar: new WorkingDayCalendar(settings) };
const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const SIZE = 100_000;

/** The fastest of a few runs, in ms: the least disturbed by the rest of the machine. */
function fastest(run: () => void, times = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

// Linear work is about 10× for ten times the input (bounded work: about 1×); quadratic, 100×.
const MAX_GROWTH = 30;

/** How much longer the input at `SIZE` takes than the same input at a tenth of it. */
function growth(make: (size: number) => string, run: (text: string) => void): number {
  const small = make(SIZE / 10);
  const large = make(SIZE);
  return fastest(() => run(large), 3) / fastest(() => run(small), 3);
}

describe('splitTrailingDeadline on huge input', () => {
  it.each<[string, (n: number) => string, boolean]>([
    ['a huge title before a deadline', (n) => `${'起草'.repeat(n / 2)} 3个工作日内`, true],
    ['a huge title and no deadline', (n) => '起草年度工作总结'.repeat(n / 8), false],
    ['a run of digits', (n) => '1'.repeat(n), false],
    ['a run of Chinese numerals before a deadline', (n) => `${'一'.repeat(n)} 明天`, true],
    ['a run of spaces before a deadline', (n) => `报告${' '.repeat(n)}明天`, true],
    ['spaces after a number', (n) => `3${' '.repeat(n)}`, false],
    ['a title of times of day', (n) => '下午3点'.repeat(n / 4), true],
  ])('%s costs no more than linear work in its length', (_name, make, ok) => {
    expect(splitTrailingDeadline(make(SIZE), NOW, options).deadline.ok).toBe(ok);
    expect(growth(make, (text) => splitTrailingDeadline(text, NOW, options))).toBeLessThan(MAX_GROWTH);
  });
});

describe('readExtensionArgs on huge input', () => {
  const usage = '/延期 #n <新截止> <理由>';
  const make = (n: number) => `下周五 ${'材料 '.repeat(n / 2)}`;
  const attempt = (text: string): unknown => {
    try {
      readExtensionArgs(text, NOW, options, usage);
    } catch (err) {
      return err;
    }
    return undefined;
  };

  it('a reason of 50k words is refused, at no more than linear cost', () => {
    const refusal = attempt(make(SIZE));
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toContain('理由太长了');
    expect(growth(make, attempt)).toBeLessThan(MAX_GROWTH);
  });
});
