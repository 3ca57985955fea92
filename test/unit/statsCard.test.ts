/**
 * The `/统计` card: a pure builder validated by the card schema, snapshot-tested; the overdue
 * rankings appear only when something is overdue, and a scope with nothing says so.
 */
import { expect, it } from 'vitest';
import type { FigureRow } from '../../src/domain/figures.ts';
import { statistics } from '../../src/domain/statistics.ts';
import { statsCard } from '../../src/lark/cards/statsCard.ts';
import { cardText } from '../support/cardText.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const NOW = at('2026-12-03T10:00');
const NOVEMBER = { label: '上月', from: at('2026-11-01T00:00'), to: at('2026-12-01T00:00') };
const names = new Map([
  ['ou_zhang', '张三'],
  ['ou_li', '李四'],
]);

const row = (no: number, extra: Partial<FigureRow>): FigureRow => ({
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
});

it('shows the totals, the worst unit and owner first, and the overdue rankings', () => {
  const rows = [
    row(1, { unit: '财政局', status: 'done', doneAt: at('2026-11-15T10:00') }),
    row(2, { unit: '办公室', owners: ['ou_li'] }),
    row(3, {
      unit: '办公室',
      kind: 'rectification',
      status: 'cancelled',
      cancelledAt: at('2026-11-12T10:00'),
    }),
  ];
  const card = statsCard({
    stats: statistics(rows, NOVEMBER, NOW),
    scope: '本群',
    timezone: TZ,
    names,
    lateDays: new Map([[2, 8]]),
  });
  expect(card).toMatchSnapshot();
  const text = cardText(card).replaceAll('**', '');
  expect(text).toContain('逾期最久\n1. #2 李四（办公室）　截止 2026-11-20 18:00 周五，逾期 8 个工作日');
  expect(text.indexOf('• 办公室')).toBeLessThan(text.indexOf('• 财政局'));
  expect(text).toContain('已取消 1');
});

it('says when the scope has nothing in the period', () => {
  const card = statsCard({
    stats: statistics([], NOVEMBER, NOW),
    scope: '我的范围',
    timezone: TZ,
    names,
    lateDays: new Map(),
  });
  expect(cardText(card)).toContain('这段时间在这个范围里没有事项');
  expect(cardText(card)).not.toContain('逾期最久');
});
