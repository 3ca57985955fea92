/**
 * The 看板's query and paging: a page taken without sorting every row equals the same page of
 * a full sort, whatever the order and page; and what the page's form sends is read leniently —
 * anything unreadable falls back to the default instead of failing the page.
 */
import { expect, it } from 'vitest';
import { firstInOrder, readQuery } from '../../src/web/dashboard/data.ts';

const NOW = Date.parse('2026-12-03T10:00:00+08:00');

it('takes the first rows in order exactly as a full sort would', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (const size of [0, 1, 49, 50, 51, 1000, 5000]) {
    const rows = Array.from({ length: size }, (_, i) => ({ no: i, due: Math.floor(random() * 200) }));
    const cmp = (a: { no: number; due: number }, b: { no: number; due: number }) =>
      a.due - b.due || a.no - b.no;
    for (const count of [1, 50, 150, 2000]) {
      expect(firstInOrder(rows, cmp, count)).toEqual([...rows].sort(cmp).slice(0, count));
    }
  }
});

it('reads the form leniently: unknown values fall back, text is trimmed and bounded', () => {
  const q = readQuery(
    { period: '下下周', kind: 'meeting', state: 'x', page: '-3', q: `  ${'消'.repeat(80)} ` },
    NOW,
    'Asia/Shanghai',
  );
  expect(q.periodWord).toBe('本月');
  expect(q.kind).toBeUndefined();
  expect(q.state).toBeUndefined();
  expect(q.page).toBe(1);
  expect(q.q).toHaveLength(50);
  expect(
    readQuery(
      { period: '上季度', kind: 'rectification', state: 'overdue', sort: 'no', dir: 'desc' },
      NOW,
      'Asia/Shanghai',
    ),
  ).toMatchObject({
    periodWord: '上季度',
    kind: 'rectification',
    state: 'overdue',
    sort: 'no',
    desc: true,
  });
});
