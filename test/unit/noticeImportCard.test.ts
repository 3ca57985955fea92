/**
 * The `/日历 导入` preview card as Lark receives it: a complete reading with its two buttons, a
 * half-read one with what was not understood and no 确认, and the card redrawn once pressed.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { arrangementOf, noticeProblems, readHolidayNotice } from '../../src/domain/notice/readNotice.ts';
import { noticeImportCard } from '../../src/lark/cards/noticeImportCard.ts';
import { cardButtons, cardText } from '../support/cardText.ts';

function preview(text: string) {
  const result = readHolidayNotice(text);
  if (!result.ok) throw new Error(result.reason);
  return { heldId: 'om_notice', ...arrangementOf(result.reading), problems: noticeProblems(result.reading) };
}

const notice2025 = readFileSync('test/fixtures/notices/2025.txt', 'utf8');

it('draws a complete reading with 确认导入 and 取消', () => {
  const card = noticeImportCard(preview(notice2025));
  expect(card).toMatchSnapshot();
  expect([...cardButtons(card).keys()]).toEqual(['确认导入', '取消']);
});

it('draws a half-read notice with the line it could not read and no buttons', () => {
  const card = noticeImportCard(preview(notice2025.replace('至8日', '至38日')));
  expect(cardText(card)).toContain('没有读懂的地方');
  expect(cardButtons(card).size).toBe(0);
});

it('says who applied it once pressed, without buttons', () => {
  const card = noticeImportCard({ ...preview(notice2025), outcome: { kind: 'applied', by: '赵管理员' } });
  expect(cardText(card)).toContain('赵管理员 已确认导入');
  expect(cardButtons(card).size).toBe(0);
  // Its header no longer asks to be confirmed.
  expect(card.header?.title.content).toBe('📅 2025年放假安排（已导入）');
  const dropped = noticeImportCard({ ...preview(notice2025), outcome: { kind: 'dropped', by: '赵管理员' } });
  expect(dropped.header?.title.content).toBe('📅 2025年放假安排（已取消）');
});
