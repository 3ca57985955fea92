/**
 * An extension request card keeps its decision through every later redraw: the PATCH after the
 * item is completed, and the answer to a stale second press. Before, the card's outcome was
 * worked out again from the item each time, so a completed item turned a rejected request into
 * "no longer needs a decision", and a stale press drew an approval without its approver.
 * Chat commands and presses go through the webhook to luoshi on real Redis; Lark is faked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

/** Records an item owned by 张三, led by 王主任, due 2026-12-10 18:00 (Thursday): its number. */
async function newItem(title: string): Promise<number> {
  const card = await rig.answer(CREATOR, `/任务 ${title} @张三 12月10日 牵头 @王主任`, [ZHANG, WANG]);
  return Number(/#(\d+)/.exec(textOf(card.content))![1]);
}

/** 张三 asks by chat to move the deadline to 18 December: the request card (the reply). */
async function requestCard(no: number): Promise<FakeMessage> {
  const card = await rig.answer(ZHANG.openId, `/延期 #${no} 12月18日 材料未齐`);
  expect(textOf(card.content)).toContain('新截止：2026-12-18 18:00 周五（原截止 2026-12-10 18:00 周四）');
  return card;
}

/** What the request card shows now, after every queued follow-up and PATCH has run. */
async function nowShown(card: FakeMessage): Promise<string> {
  await rig.settle();
  return cardText(rig.fake.currentContent(card.messageId));
}

describe('a decided extension request card', () => {
  it('keeps showing the rejection, who made it and why, after the item is completed', async () => {
    const no = await newItem('报送年度总结');
    const request = await requestCard(no);

    clock.set('2026-11-30T08:54:00+08:00');
    await rig.answer(WANG.openId, `/驳回 #${no} 年度总结不宜拖延`);
    const rejected = await nowShown(request);
    expect(rejected).toContain(`#${no} 报送年度总结 延期申请未获批准`);
    expect(rejected).toContain(
      `未获批准（<at id=${WANG.openId}></at>，2026-11-30 08:54 周一）：截止时间仍为 2026-12-10 18:00 周四。`,
    );
    expect(rejected).toContain('驳回理由：年度总结不宜拖延');

    clock.set('2026-12-04T09:45:00+08:00');
    const patchesBefore = rig.fake.patches.filter((p) => p.messageId === request.messageId).length;
    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已报送县政府办`)).toContain('已办结');
    const completed = await nowShown(request);
    // The completion did redraw the card…
    expect(rig.fake.patches.filter((p) => p.messageId === request.messageId).length).toBeGreaterThan(
      patchesBefore,
    );
    // …and it still says what was decided, by whom and why, noting the item is done.
    expect(completed).toContain(`#${no} 报送年度总结 延期申请未获批准`);
    expect(completed).toContain(`未获批准（<at id=${WANG.openId}></at>，2026-11-30 08:54 周一）`);
    expect(completed).toContain('驳回理由：年度总结不宜拖延');
    expect(completed).toContain(`#${no} 已完成。`);
    expect(completed).not.toContain('不再需要审批');
  });

  it('names the approver on a stale second press of 批准, and after the item is completed', async () => {
    clock.set('2026-11-26T10:00:00+08:00');
    const no = await newItem('编制项目预算');
    const request = await requestCard(no);

    clock.set('2026-11-27T09:30:00+08:00');
    const approved = await rig.press(request, '批准', WANG.openId);
    expect(approved.toast).toEqual({
      type: 'success',
      content: `已批准：#${no} 截止改为 2026-12-18 18:00 周五。`,
    });
    const approval = `已批准（<at id=${WANG.openId}></at>，2026-11-27 09:30 周五）：截止时间由 2026-12-10 18:00 周四 改为 2026-12-18 18:00 周五。`;
    expect(cardText(approved.card?.data)).toContain(approval);

    // Lark still shows the pressed card's buttons until it takes the answer: a second press.
    const again = await rig.press(request, '批准', WANG.openId);
    expect(again.toast.type).toBe('warning');
    expect(again.toast.content).toContain('已处理或已更新');
    expect(cardText(again.card?.data)).toContain(approval);

    await rig.answer(ZHANG.openId, `/完成 #${no} 预算已报送`);
    const completed = await nowShown(request);
    expect(completed).toContain(`#${no} 编制项目预算 延期已批准`);
    expect(completed).toContain(approval);
    expect(completed).toContain(`#${no} 已完成。`);
  });
});
