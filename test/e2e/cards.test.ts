/**
 * Card buttons end to end: a `card.action.trigger` signed and encrypted like Lark's, posted to
 * the webhook, answered inline with a toast and the redrawn card; the item changed (or not)
 * through the same transitions as the chat commands; other copies of the card PATCHed at the
 * fake platform; and what a press causes for other people (the extension card, the requester
 * told) sent through the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderCard } from '../../src/lark/cards/reminderCard.ts';
import { cardButtons, cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent, FAKE_TENANT_KEY } from '../support/larkEvents.ts';
import { ADMIN, CREATOR, STRANGER, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

interface Answer {
  toast: { type: string; content: string };
  card?: { type: 'raw'; data: Record<string, unknown> };
}

/** Records an item owned by 张三, led by 王主任, due 2026-12-01 18:00 (Tuesday): its card message. */
async function newItem(title: string): Promise<{ no: number; card: FakeMessage }> {
  const card = await rig.answer(CREATOR, `/任务 ${title} @张三 3个工作日内 牵头 @王主任`, [ZHANG, WANG]);
  expect(card.msgType).toBe('interactive');
  return { no: Number(/#(\d+)/.exec(textOf(card.content))![1]), card };
}

/** Presses the button labelled `label` on `message` as `operator`, with the form's inputs. */
async function press(
  message: FakeMessage,
  label: string,
  operator: string,
  formValue?: Record<string, string>,
  content: unknown = message.content,
): Promise<Answer> {
  const value = cardButtons(content).get(label);
  if (!value) throw new Error(`no button ${label} on ${cardText(content)}`);
  const started = Date.now();
  const response = await rig.post(
    cardActionEvent({
      operatorOpenId: operator,
      value,
      messageId: message.messageId,
      chatId: CHAT,
      appId: rig.fake.appId,
      ...(formValue ? { formValue } : {}),
    }),
  );
  expect(response.status).toBe(200);
  const answer = (await response.json()) as Answer;
  // Lark shows the answer only if it comes within its limit; ours is well under a second.
  expect(Date.now() - started).toBeLessThan(1000);
  return answer;
}

const stored = async (no: number) => (await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))!;
const shown = (a: Answer) => cardText(a.card?.data);

describe('签收', () => {
  it('lets an owner acknowledge, refuses a stranger and the creator, and says so the second time', async () => {
    const { no, card } = await newItem('报送统计月报');
    expect([...cardButtons(card.content).keys()]).toEqual(['签收', '完成', '反馈进展', '申请延期']);

    const stranger = await press(card, '签收', STRANGER);
    expect(stranger.toast).toEqual({ type: 'error', content: `只有 #${no} 的负责人可以签收。` });
    expect(stranger.card).toBeUndefined();
    expect((await press(card, '签收', CREATOR)).toast.type).toBe('error');
    expect((await stored(no)).acknowledgedAt).toBeUndefined();

    const owner = await press(card, '签收', ZHANG.openId);
    expect(owner.toast).toEqual({ type: 'success', content: `已签收 #${no}。` });
    expect(shown(owner)).toContain('（已签收 2026-11-26 10:00 周四）');
    expect(cardButtons(owner.card?.data).has('签收')).toBe(false);
    expect((await stored(no)).acknowledgedBy).toBe(ZHANG.openId);

    const again = await press(card, '签收', ZHANG.openId);
    expect(again.toast).toEqual({
      type: 'info',
      content: `#${no} 已于 2026-11-26 10:00 周四 签收，无需重复签收。`,
    });
  });
});

describe('反馈进展 and 完成', () => {
  it('records progress from the form, closes with a result note, and answers a second 完成 as done', async () => {
    const { no, card } = await newItem('起草调研报告');
    expect((await press(card, '反馈进展', STRANGER, { note: '我来写' })).toast.type).toBe('error');
    const progress = await press(card, '反馈进展', ZHANG.openId, { note: '提纲已完成' });
    expect(progress.toast).toEqual({ type: 'success', content: `已记录 #${no} 的第 1 次进展。` });
    expect(shown(progress)).toContain('最新进展（共 1 次）：提纲已完成（2026-11-26 10:00 周四）');
    expect((await stored(no)).progress?.text).toBe('提纲已完成');

    expect((await press(card, '完成', ZHANG.openId, { note: '  ' })).toast).toEqual({
      type: 'error',
      content: '请先填写办理结果。',
    });
    const stranger = await press(card, '完成', STRANGER, { note: '我替他办了' });
    expect(stranger.toast.content).toContain(
      `只有 #${no} 的负责人、创建人、牵头领导、主要负责人或管理员可以办结。`,
    );
    expect((await stored(no)).status).toBe('open');

    const done = await press(card, '完成', ZHANG.openId, { note: '已报送县政府办' });
    expect(done.toast).toEqual({ type: 'success', content: `#${no} 已办结（按期办结）。` });
    expect(shown(done)).toContain('办理结果：已报送县政府办（2026-11-26 10:00 周四）');
    expect(cardButtons(done.card?.data).size).toBe(0);
    const item = await stored(no);
    expect(item.status).toBe('done');
    expect(item.result).toBe('已报送县政府办');

    const twice = await press(card, '完成', ZHANG.openId, { note: '再报一次' });
    expect(twice.toast).toEqual({
      type: 'info',
      content: `#${no} 于 2026-11-26 10:00 周四 已完成，无需重复办结。`,
    });
    expect(shown(twice)).toContain('办理结果：已报送县政府办');
    expect((await stored(no)).result).toBe('已报送县政府办');
  });
});

describe('other copies of a card', () => {
  it('are PATCHed when a button changes the item, and when a chat command does', async () => {
    const { no, card } = await newItem('清理政务数据');
    const status = await rig.answer(STRANGER, `/查询 #${no}`);
    expect(textOf(status.content)).toContain('负责人：张三（未签收）');

    await press(card, '签收', ZHANG.openId);
    const patched = (await rig.fake.waitFor(() =>
      rig.fake.patches.find((p) => p.messageId === status.messageId),
    ))!;
    expect(cardText(patched.content)).toContain('负责人：张三（已签收 2026-11-26 10:00 周四）');
    expect(cardText(patched.content)).toContain('张三 签收');
    // The pressed card got its new state from the callback answer, not from a PATCH.
    expect(rig.fake.patches.some((p) => p.messageId === card.messageId)).toBe(false);

    await rig.answer(ZHANG.openId, `/进展 #${no} 已清理一半`);
    const both = await rig.fake.waitFor(() => {
      const latest = (id: string) => cardText(rig.fake.currentContent(id));
      return latest(card.messageId).includes('已清理一半') && latest(status.messageId).includes('已清理一半');
    });
    expect(both).toBe(true);
  });
});

describe('申请延期, 批准 and 驳回', () => {
  it('sends the request card to the lead leader, who approves it: the deadline moves and the requester is told', async () => {
    const { no, card } = await newItem('编制项目预算');
    const before = await stored(no);
    expect((await press(card, '申请延期', STRANGER, { due: '下周五', reason: '来不及' })).toast.type).toBe(
      'error',
    );
    expect((await press(card, '申请延期', ZHANG.openId, { due: '明天', reason: '材料未齐' })).toast).toEqual({
      type: 'error',
      content: '新的截止时间须晚于原截止时间。',
    });
    const asked = await press(card, '申请延期', ZHANG.openId, { due: '下周五', reason: '材料未齐' });
    expect(asked.toast.content).toBe('已申请延期至 2026-12-04 18:00 周五，等待牵头领导 王主任审批。');
    expect(shown(asked)).toContain('待审批延期：至 2026-12-04 18:00 周五，理由：材料未齐');

    const request = (await rig.fake.waitFor(() =>
      rig.fake.messagesTo(CHAT).find((m) => textOf(m.content).includes(`#${no} 编制项目预算 申请延期`)),
    ))!;
    const text = textOf(request.content);
    expect(text).toContain('新截止：2026-12-04 18:00 周五（原截止 2026-12-01 18:00 周二）');
    expect(text).toContain(`请牵头领导 <at id=${WANG.openId}></at> 审批（主要负责人或管理员也可审批）。`);

    expect((await press(request, '批准', ZHANG.openId)).toast.content).toContain(
      '不能审批自己提出的延期申请',
    );
    expect((await press(request, '批准', STRANGER)).toast.type).toBe('error');
    expect((await stored(no)).due).toBe(before.due);

    const approved = await press(request, '批准', WANG.openId);
    expect(approved.toast).toEqual({
      type: 'success',
      content: `已批准：#${no} 截止改为 2026-12-04 18:00 周五。`,
    });
    expect(shown(approved)).toContain('截止时间由 2026-12-01 18:00 周二 改为 2026-12-04 18:00 周五');
    expect(cardButtons(approved.card?.data).size).toBe(0);
    const after = await stored(no);
    expect(after.due).toBe(Date.parse('2026-12-04T18:00:00+08:00'));
    expect(after.planVersion).toBe(before.planVersion + 1);
    const told = await rig.fake.waitFor(() =>
      rig.fake.textsTo(CHAT).find((t) => t.includes(`#${no} 编制项目预算 的延期申请已批准`)),
    );
    expect(told).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);

    // The confirmation card was drawn for plan version 1: it is stale now.
    const stale = await press(card, '完成', ZHANG.openId, { note: '已报送' });
    expect(stale.toast.type).toBe('warning');
    expect(stale.toast.content).toContain('这张卡片已过期');
    expect(shown(stale)).toContain('截止：2026-12-04 18:00 周五（已延期 1 次）');
    expect((await stored(no)).status).toBe('open');
    // …and so is the request card once decided.
    const again = await press(request, '批准', WANG.openId);
    expect(again.toast).toMatchObject({ type: 'warning' });
    expect(again.toast.content).toContain('已处理或已更新');
  });

  it('lets an admin reject a request made by chat, with a reason', async () => {
    const { no } = await newItem('修订应急预案');
    const request = await rig.answer(ZHANG.openId, `/延期 #${no} 12月10日 材料未齐`);
    expect((await press(request, '驳回', ADMIN, { reason: '' })).toast.content).toBe('请先填写驳回理由。');
    const rejected = await press(request, '驳回', ADMIN, { reason: '节点不能推迟' });
    expect(rejected.toast).toEqual({ type: 'success', content: `已驳回 #${no} 的延期申请。` });
    expect(shown(rejected)).toContain('驳回理由：节点不能推迟');
    const item = await stored(no);
    expect(item.extension).toBeUndefined();
    expect(item.due).toBe(Date.parse('2026-12-01T18:00:00+08:00'));
    await rig.fake.waitFor(() =>
      rig.fake.textsTo(CHAT).find((t) => t.includes(`#${no} 修订应急预案 的延期申请未获批准`)),
    );
  });
});

describe('buttons that are not ours', () => {
  it('answer with a warning and change nothing', async () => {
    const { card } = await newItem('核对台账');
    const response = await rig.post(
      cardActionEvent({
        operatorOpenId: ZHANG.openId,
        value: { action: 'delete-everything', no: 1 },
        messageId: card.messageId,
        chatId: CHAT,
      }),
    );
    expect(((await response.json()) as Answer).toast.type).toBe('warning');
  });
});

describe('加急 escalations', () => {
  it('are sent, then made urgent for the leader with urgent_app once the message id is known', async () => {
    const { no } = await newItem('报送安全台账');
    const item = await stored(no);
    const card = reminderCard([{ kind: 'escalate', item, dueWords: '', late: 3, audience: 'leader' }], {
      timezone: 'Asia/Shanghai',
      urgent: true,
    });
    await rig.luoshi.deps.messenger.send({
      tenant: FAKE_TENANT_KEY,
      to: { openId: WANG.openId },
      message: { type: 'card', card: { ...card } },
      key: `escalate:test:${no}`,
      urgentFor: [WANG.openId],
    });
    const urgent = (await rig.fake.waitFor(() => rig.fake.urgents[0]))!;
    const sent = rig.fake.messagesTo(WANG.openId).find((m) => textOf(m.content).includes(`逾期上报 #${no}`));
    expect(urgent).toMatchObject({
      messageId: sent?.messageId,
      userIdType: 'open_id',
      userIds: [WANG.openId],
    });
    expect(textOf(sent?.content)).toContain('【加急】');
  });
});
