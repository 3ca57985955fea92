/**
 * An owner may finish a group's item from their private chat with the bot. The people who
 * assigned it are in the group, not in that chat: the group is told in one line who finished
 * which item (or handed it over for 销号), as it would have seen had it been typed there —
 * whether the item's confirmation was a card (/任务) or text (a template such as /反馈问题).
 * A progress note typed privately stays out of the group: its cards show it, /查询 lists it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent } from '../support/larkEvents.ts';
import { WANG, ZHANG } from '../support/people.ts';

const STAFF = 'ou_staff_private_done_00000000001';
const ZHANG_P2P = { chatId: 'oc_p2p_zhang_done_00000000000001', chatType: 'p2p' } as const;

let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

/** What the group was sent after `since` messages, as its members read it. */
const groupSince = (since: number) =>
  rig.fake
    .messagesTo(CHAT)
    .slice(since)
    .map((m) => textOf(m.content).replaceAll('**', ''));
const numberIn = (text: string) => /#(\d+)/.exec(text)![1]!;

describe('a group item finished from a private chat', () => {
  it('is told to the group in one line, for an item confirmed by text or by card', async () => {
    const feedback = numberIn(await rig.ask(STAFF, '/反馈问题 项目用地指标不足 @张三', [ZHANG]));
    const task = numberIn(await rig.ask(STAFF, '/任务 报送用地台账 @张三 明天', [ZHANG]));
    await rig.settle();

    for (const [no, title] of [
      [feedback, '反馈问题：项目用地指标不足'],
      [task, '报送用地台账'],
    ] as const) {
      const since = rig.fake.messagesTo(CHAT).length;
      // Progress typed privately is answered there and not posted in the group.
      expect(await rig.ask(ZHANG.openId, `/进展 #${no} 已与自然资源局对接`, [], ZHANG_P2P)).toContain(
        '已记录',
      );
      await rig.settle();
      expect(groupSince(since)).toEqual([]);

      const reply = await rig.ask(ZHANG.openId, `/完成 #${no} 已争取追加指标`, [], ZHANG_P2P);
      expect(reply).toContain('已办结');
      const line = await rig.fake.waitFor(() => groupSince(since).find((t) => t.includes(`#${no} `)));
      expect(line).toBe(`✅ 张三 已办结 #${no} ${title}（按期办结）。`);
      await rig.settle();
      expect(groupSince(since)).toHaveLength(1);
    }
  });

  it('is told the same when the owner presses 完成 on the card /查询 showed him privately', async () => {
    const no = numberIn(await rig.ask(STAFF, '/任务 核对扶贫台账 @张三 明天', [ZHANG]));
    const card = await rig.answer(ZHANG.openId, `/查询 #${no}`, [], ZHANG_P2P);
    await rig.settle();
    const since = rig.fake.messagesTo(CHAT).length;
    const response = await rig.post(
      cardActionEvent({
        operatorOpenId: ZHANG.openId,
        value: cardButtons(card.content).get('完成')!,
        messageId: card.messageId,
        chatId: ZHANG_P2P.chatId,
        appId: rig.fake.appId,
        formValue: { note: '已核对无误' },
      }),
    );
    expect(((await response.json()) as { toast: { content: string } }).toast.content).toContain('已办结');
    const line = await rig.fake.waitFor(() => groupSince(since).find((t) => t.includes(`#${no} `)));
    expect(line).toBe(`✅ 张三 已办结 #${no} 核对扶贫台账（按期办结）。`);
  });

  it('asks for 销号 in the group, with whoever decides @-ed', async () => {
    const created = await rig.ask(
      STAFF,
      '/整改 消防通道堵塞 @张三 牵头 @王主任 单位 应急局 12月31日前 要求 全面清理',
      [ZHANG, WANG],
    );
    const no = numberIn(created.split('\n').find((l) => /^#\d+ /.test(l))!);
    await rig.settle();
    const since = rig.fake.messagesTo(CHAT).length;

    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已清理`, [], ZHANG_P2P)).toContain('已提交销号申请');
    const line = await rig.fake.waitFor(() => groupSince(since).find((t) => t.includes(`#${no} `)));
    expect(line).toBe(
      `📝 张三 已提交 #${no} 消防通道堵塞 的销号申请，请牵头领导 <at user_id="${WANG.openId}">王主任</at> 确认：/销号 #${no} 或 /退回 #${no} <理由>。`,
    );
  });
});
