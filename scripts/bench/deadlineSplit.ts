/**
 * Deadline split benchmark (issue 9 §5): the cost of reading `/任务 <标题> <截止>` as the title
 * grows, against a title at the 200-character limit in the same run. The split only reads the last phrase's length
 * of the text, so the ratio should stay near 1 whatever the title; before, a 40k-character
 * title took 53 s.
 *   npm run bench:split
 */
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { splitTrailingDeadline } from '../../src/domain/deadline/index.ts';

const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const options = { ...settings, calendar: new WorkingDayCalendar(settings) };
const NOW = Date.parse('2026-11-26T10:00:00+08:00');

/** Median milliseconds per split of `text`, over enough runs to take at least ~200 ms. */
function median(text: string): number {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < 5 || (performance.now() - started < 200 && samples.length < 2000)) {
    const t = performance.now();
    splitTrailingDeadline(text, NOW, options);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const atLimit = `${'起草'.repeat(100)} 3个工作日内`;
const cases: Array<[string, string]> = [
  ['title of 10k', `${'起草'.repeat(5_000)} 3个工作日内`],
  ['title of 100k', `${'起草'.repeat(50_000)} 3个工作日内`],
  ['100k, no deadline', '起草年度工作总结'.repeat(12_500)],
  ['100k spaces after a number', `3${' '.repeat(100_000)}`],
  ['holiday phrase, short title', '整理节日值班材料 国庆节后第一个工作日'],
];

const short = '起草年度工作总结 3个工作日内';
// Warm every path up first, so the first measured case does not pay for the JIT.
for (const text of [short, atLimit, ...cases.map(([, t]) => t)]) median(text);
// The baseline is a title at the 200-character limit: every suffix a phrase can be is read.
const baseline = median(atLimit);
console.log(`baseline, a title of 200 (the limit): ${baseline.toFixed(3)} ms per split`);
const shortMs = median(short);
console.log(
  `${'起草年度工作总结 3个工作日内'.padEnd(24)} ${shortMs.toFixed(3).padStart(8)} ms  ${(shortMs / baseline).toFixed(2)}× baseline`,
);
for (const [name, text] of cases) {
  const ms = median(text);
  console.log(`${name.padEnd(30)} ${ms.toFixed(3).padStart(8)} ms  ${(ms / baseline).toFixed(2)}× baseline`);
}
