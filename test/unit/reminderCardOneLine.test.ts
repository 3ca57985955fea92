/**
 * A reminder card names each item once (trial: an item unanswered for 签收 on its due morning
 * stood under both 签收催办 and 临近提醒, with two 办理 buttons): the more urgent line, saying
 * it is not yet signed for too, and one button.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item.ts';
import { type ReminderLine, reminderCard } from '../../src/lark/cards/reminderCard.ts';
import { cardButtonList, cardText } from '../support/cardText.ts';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

const item = (no: number, title: string): Item => ({
  tenant: 't',
  no,
  kind: 'task',
  chatId: 'oc_g',
  title,
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  creator: { openId: 'ou_c', name: '' },
  due: at('2026-12-10T18:00:00+08:00'),
  allDay: true,
  status: 'open',
  createdAt: 0,
  updatedAt: 0,
  planVersion: 1,
  rev: 1,
});

const line = (kind: ReminderLine['kind'], of: Item): ReminderLine => ({
  kind,
  item: of,
  dueWords: '今天 18:00',
  late: 0,
  audience: 'group',
});

describe('a reminder card about items chased for several reasons at once', () => {
  const budget = item(7, '报送改造资金预算');
  const list = item(8, '完善重点项目清单');

  it('gives an item both chased for 签收 and approached one line and one 办理 button', () => {
    const card = reminderCard(
      [line('unacknowledged', budget), line('approach', budget), line('approach', list)],
      {
        timezone: TZ,
      },
    );
    expect(cardText(card)).toMatchInlineSnapshot(`
      "🟡 临近提醒（2 项）
      **#7** 报送改造资金预算（尚未签收） 将于 今天 18:00 到期，请 <at id=ou_zhang></at> 抓紧办理。
      [办理]
      **#8** 完善重点项目清单 将于 今天 18:00 到期，请 <at id=ou_zhang></at> 抓紧办理。
      [办理]"
    `);
    expect(cardButtonList(card).map((b) => [b.label, b.value.no])).toEqual([
      ['办理', 7],
      ['办理', 8],
    ]);
  });

  it('makes a card of one item when its only lines are about that item, with its own actions', () => {
    const card = reminderCard([line('unacknowledged', budget), line('due', budget)], { timezone: TZ });
    const text = cardText(card);
    expect(text).toMatchInlineSnapshot(`
      "🔴 到期催办 #7 报送改造资金预算
      **#7** 报送改造资金预算（尚未签收） 已到截止时间（2026-12-10 18:00 周四），请 <at id=ou_zhang></at> 尽快办结。
      [签收]
      {办理结果或进展}
      [完成]
      [反馈进展]
      {新的截止时间}
      {延期理由}
      [申请延期]"
    `);
    expect(text.match(/#7/g)).toHaveLength(2);
    expect(cardButtonList(card).map((b) => b.label)).toContain('签收');
  });
});
