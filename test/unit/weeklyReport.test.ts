/**
 * The weekly report's figures as the README defines them: 按期办结率 counts work still overdue
 * against it (one item done on time while four sit overdue is 20%, not 100%), a deadline's own
 * minute still belongs to it, an extension moves the deadline the rate is judged by, and a
 * cancelled item counts nowhere but in 新登记.
 */
import { expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { figureRowOf, tally } from '../../src/domain/figures.ts';
import { type Item, isPastDue } from '../../src/domain/item.ts';
import { OfficeHours } from '../../src/domain/officeHours.ts';
import { weeklyReportCard } from '../../src/lark/cards/weeklyReportCard.ts';
import { cardText } from '../support/cardText.ts';

const TZ = 'Asia/Shanghai';
const office = new OfficeHours(
  new WorkingDayCalendar({ timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' }),
  '09:00',
  '18:00',
);
// Friday 4 December 2026, 16:00: the report's moment.
const NOW = Date.parse('2026-12-04T16:00:00+08:00');
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const person = { openId: 'ou_zhang', name: '张三' };

function item(no: number, extra: Partial<Item>): Item {
  return {
    tenant: 't',
    no,
    kind: 'task',
    chatId: 'oc_g',
    title: `事项${no}`,
    owners: [person],
    creator: person,
    due: at('2026-12-03T18:00'),
    allDay: true,
    status: 'open',
    createdAt: at('2026-11-30T09:00'),
    updatedAt: at('2026-11-30T09:00'),
    planVersion: 1,
    rev: 1,
    ...extra,
  };
}

const WEEK = { label: '本周', from: at('2026-11-30T00:00'), to: at('2026-12-07T00:00') };

/** The report of a group holding these items, counted from their figure rows as the job counts them. */
const report = (items: Item[]) =>
  cardText(
    weeklyReportCard(
      {
        weekStart: '2026-11-30',
        date: '2026-12-04',
        figures: tally(items.map(figureRowOf), WEEK, NOW),
        overdue: items.filter((i) => i.status === 'open' && isPastDue(i.due, NOW)),
      },
      office,
      NOW,
    )!,
  ).replaceAll('**', '');

it('does not say 100% while four items sit overdue', () => {
  const done = [item(1, { status: 'done', doneAt: at('2026-12-02T10:00') })];
  const open = [2, 3, 4, 5].map((no) => item(no, {}));
  const text = report([...done, ...open]);
  expect(text).toContain('办结 1 项（按期 1 项，逾期 0 项）；未办结 4 项，其中逾期 4 项');
  expect(text).toContain('按期办结率 20%');
});

it('leaves a deadline its own minute: due at 16:00 is not overdue in the 16:00 report, nor late when done at 16:00:30', () => {
  const dueNow = item(1, { due: NOW });
  const doneInItsMinute = item(2, { status: 'done', due: NOW - 60_000, doneAt: NOW - 30_000 });
  const text = report([doneInItsMinute, dueNow]);
  expect(text).toContain('其中逾期 0 项');
  expect(text).toContain('按期 1 项，逾期 0 项');
  expect(text).toContain('按期办结率 100%');
});

it('judges an extended item by its new deadline, and counts a cancelled one only as registered', () => {
  const extended = item(1, {
    status: 'done',
    due: at('2026-12-07T18:00'),
    extensionCount: 1,
    extendedAt: [at('2026-12-02T11:00')],
    createdAt: at('2026-11-27T09:00'),
    doneAt: at('2026-12-04T10:00'),
  });
  const cancelled = item(2, {
    status: 'cancelled',
    createdAt: at('2026-12-01T09:00'),
    cancelledAt: at('2026-12-02T09:00'),
  });
  const text = report([cancelled, extended]);
  expect(text).toContain('新登记 1 项；办结 1 项（按期 1 项，逾期 0 项）；未办结 0 项，其中逾期 0 项');
  expect(text).toContain('按期办结率 100%');
  expect(text).toContain('批准延期 1 次；取消 1 项。');
});
