/**
 * The supervision figures as the README defines them (`src/domain/figures.ts`), their
 * breakdowns (`statistics.ts`) and the periods `/统计` and `/台账` read (`statsArgs.ts`).
 */
import { describe, expect, it } from 'vitest';
import { readStatsArgs } from '../../src/bot/args/statsArgs.ts';
import { type FigureRow, onTimeRate, tally } from '../../src/domain/figures.ts';
import { NO_UNIT, statistics } from '../../src/domain/statistics.ts';
import { UserError } from '../../src/errors.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}:00+08:00`);
// Thursday 3 December 2026, 10:00.
const NOW = at('2026-12-03T10:00');
const NOVEMBER = { label: '上月', from: at('2026-11-01T00:00'), to: at('2026-12-01T00:00') };
const DECEMBER = { label: '本月', from: at('2026-12-01T00:00'), to: at('2027-01-01T00:00') };

function row(no: number, extra: Partial<FigureRow>): FigureRow {
  return {
    no,
    kind: 'task',
    title: `事项${no}`,
    chatId: 'oc_g',
    owners: ['ou_zhang'],
    creator: 'ou_creator',
    status: 'open',
    createdAt: at('2026-11-10T09:00'),
    due: at('2026-11-20T18:00'),
    extendedAt: [],
    ...extra,
  };
}

describe('figures', () => {
  it('reads a past period as it stood at its end: work finished later was still open and overdue then', () => {
    const finishedInDecember = row(1, { status: 'done', doneAt: at('2026-12-02T10:00') });
    const november = tally([finishedInDecember], NOVEMBER, NOW);
    expect(november).toMatchObject({ registered: 1, done: 0, inProgress: 1, overdueOpen: 1 });
    expect(onTimeRate(november)).toBe(0);
    const december = tally([finishedInDecember], DECEMBER, NOW);
    expect(december).toMatchObject({ registered: 0, done: 1, doneLate: 1, inProgress: 0, overdueOpen: 0 });
  });

  it('judges on time by the deadline after extensions, and counts approvals when they were made', () => {
    const extended = row(1, {
      status: 'done',
      due: at('2026-11-27T18:00'),
      doneAt: at('2026-11-25T10:00'),
      extendedAt: [at('2026-11-19T15:00'), at('2026-12-01T09:00')],
    });
    const t = tally([extended], NOVEMBER, NOW);
    expect(t).toMatchObject({ done: 1, doneOnTime: 1, extensions: 1 });
  });

  it('takes a cancelled item out of 在办 and out of every rate', () => {
    const cancelled = row(1, { status: 'cancelled', cancelledAt: at('2026-11-25T10:00') });
    const t = tally([cancelled], NOVEMBER, NOW);
    expect(t).toMatchObject({ registered: 1, cancelled: 1, inProgress: 0, overdueOpen: 0 });
    expect(onTimeRate(t)).toBeUndefined();
  });

  it('puts the unit with the lowest on-time rate first, and names items without a unit', () => {
    const rows = [
      row(1, { unit: '财政局', status: 'done', doneAt: at('2026-11-15T10:00') }),
      row(2, { unit: '办公室', status: 'done', doneAt: at('2026-11-25T10:00') }),
      row(3, { unit: '办公室' }),
      row(4, { owners: ['ou_li'] }),
    ];
    const s = statistics(rows, NOVEMBER, NOW);
    expect(s.byUnit.map((l) => [l.key, onTimeRate(l.tally)])).toEqual([
      ['办公室', 0],
      [NO_UNIT, 0],
      ['财政局', 1],
    ]);
    expect(s.mostOverdue.map((l) => [l.key, l.tally.overdueOpen])).toEqual([
      ['ou_li', 1],
      ['ou_zhang', 1],
    ]);
    expect(s.longestOverdue.map((o) => o.no)).toEqual([3, 4]);
  });
});

describe('/统计 periods', () => {
  const period = (words: string, now = NOW) => readStatsArgs(words, '统计', now, TZ).period;

  it('defaults to this month, and weeks start on Monday', () => {
    expect(period('')).toMatchObject({ label: '本月', from: DECEMBER.from, to: DECEMBER.to });
    expect(period('本周')).toMatchObject({ from: at('2026-11-30T00:00'), to: at('2026-12-07T00:00') });
    expect(period('上周')).toMatchObject({ from: at('2026-11-23T00:00'), to: at('2026-11-30T00:00') });
  });

  it('reads months, quarters and years, a later month as last year’s', () => {
    expect(period('上月')).toMatchObject({ from: NOVEMBER.from, to: NOVEMBER.to });
    expect(period('上月', at('2026-01-15T10:00'))).toMatchObject({ from: at('2025-12-01T00:00') });
    expect(period('12月', at('2026-03-02T10:00'))).toMatchObject({ label: '2025年12月' });
    expect(period('上季度')).toMatchObject({ from: at('2026-07-01T00:00'), to: at('2026-10-01T00:00') });
    expect(period('2025年')).toMatchObject({ from: at('2025-01-01T00:00'), to: at('2026-01-01T00:00') });
    expect(period('2026年2月')).toMatchObject({ from: at('2026-02-01T00:00'), to: at('2026-03-01T00:00') });
  });

  it('reads 单位 and 类型 in any order', () => {
    expect(readStatsArgs('类型 整改 本年 单位 县财政局', '统计', NOW, TZ)).toMatchObject({
      kind: 'rectification',
      unit: '县财政局',
      period: { label: '本年' },
    });
  });

  it('refuses what it cannot read, a kind that does not exist and a period yet to come, saying how', () => {
    expect(() => readStatsArgs('下个月', '统计', NOW, TZ)).toThrow(/看不懂“下个月”：时间段可以写 本周、上周/);
    expect(() => readStatsArgs('类型 会议', '统计', NOW, TZ)).toThrow(/没有“会议”这种类型：可选 任务、收文/);
    expect(() => readStatsArgs('2027年', '统计', NOW, TZ)).toThrow(UserError);
    expect(() => readStatsArgs('13月', '统计', NOW, TZ)).toThrow(/看不懂/);
  });
});
