/**
 * The deadline split must do work bounded by the longest deadline phrase, not by the input:
 * one `/任务` with a 40k-character title once stalled the process for 53 s (issue 9 §5). Each
 * huge input is timed against a short one in the same run; the bound is a generous ratio, never
 * an absolute time.
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

/** Short inputs take well under a millisecond; time a batch of them so the clock can see it. */
const BATCH = 20;
function perShortRun(run: () => void): number {
  return (
    fastest(() => {
      for (let i = 0; i < BATCH; i++) run();
    }) / BATCH
  );
}

// Generous: the bounded split does the same work on both plus a few linear passes over the
// input; the quadratic one was thousands of times slower at this size.
const MAX_RATIO = 40;

describe('splitTrailingDeadline on huge input', () => {
  const short = perShortRun(() => splitTrailingDeadline('起草年度工作总结 3个工作日内', NOW, options));

  it.each([
    ['a huge title before a deadline', `${'起草'.repeat(SIZE / 2)} 3个工作日内`, true],
    ['a huge title and no deadline', '起草年度工作总结'.repeat(SIZE / 8), false],
    ['a run of digits', '1'.repeat(SIZE), false],
    ['a run of Chinese numerals before a deadline', `${'一'.repeat(SIZE)} 明天`, true],
    ['a run of spaces before a deadline', `报告${' '.repeat(SIZE)}明天`, true],
    ['spaces after a number', `3${' '.repeat(SIZE)}`, false],
    ['a title of times of day', '下午3点'.repeat(SIZE / 4), true],
  ])('%s is answered about as fast as a short line', (_name, text, ok) => {
    let result: ReturnType<typeof splitTrailingDeadline> | undefined;
    const long = fastest(() => {
      result = splitTrailingDeadline(text, NOW, options);
    }, 3);
    expect(result?.deadline.ok).toBe(ok);
    expect(long / short).toBeLessThan(MAX_RATIO);
  });
});

describe('readExtensionArgs on huge input', () => {
  const usage = '/延期 #n <新截止> <理由>';
  const short = perShortRun(() => readExtensionArgs('下周五 材料未齐', NOW, options, usage));

  it('a reason of 50k words is refused about as fast as a short request is read', () => {
    const text = `下周五 ${'材料 '.repeat(SIZE / 2)}`;
    let refusal: unknown;
    const long = fastest(() => {
      try {
        readExtensionArgs(text, NOW, options, usage);
      } catch (err) {
        refusal = err;
      }
    }, 3);
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toContain('理由太长了');
    expect(long / short).toBeLessThan(MAX_RATIO);
  });
});
