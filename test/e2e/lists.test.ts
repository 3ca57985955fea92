/**
 * Commands people actually type (issue 9 §4), through the whole path: /列表 paged (by number
 * and by its 下一页 button) and filtered, /我的 by direct message, the aliases /办结 and /反馈
 * and /帮助 naming them, the same /任务 twice within a minute held back and asked about, /设置
 * taking the forms its own hint suggests, and a permission refusal without a usage line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardButtons, cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent, FAKE_TENANT_KEY } from '../support/larkEvents.ts';
import { ADMIN, CREATOR, LI, STRANGER, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');
const LIST_CHAT = 'oc_test_chat_lists_0003';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
  // 20 items: 8 owned by 张三 in 城管局 (two due tomorrow), 12 owned by 李四, all led by 王主任.
  for (let k = 1; k <= 20; k++) {
    const owner = k <= 8 ? '@张三' : '@李四';
    const unit = k <= 8 ? ' 单位 城管局' : '';
    const due = k <= 2 ? '明天' : `${k + 2}个工作日内`;
    await rig.ask(
      CREATOR,
      `/任务 列表事项${k} ${owner} ${due} 牵头 @王主任${unit}`,
      [ZHANG, LI, WANG].filter((p) => `${owner} @王主任`.includes(p.name)),
      {
        chatId: LIST_CHAT,
      },
    );
  }
});
afterAll(async () => {
  await rig?.close();
});

const inList = (chatId: string) => ({ chatId });
const numbers = (text: string) => [...text.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));

async function press(
  message: FakeMessage | { messageId: string; content: unknown },
  label: string,
  operator: string,
) {
  const value = cardButtons(message.content).get(label);
  if (!value) throw new Error(`no button ${label} on ${cardText(message.content)}`);
  const response = await rig.post(
    cardActionEvent({
      operatorOpenId: operator,
      value,
      messageId: message.messageId,
      chatId: LIST_CHAT,
      appId: rig.fake.appId,
    }),
  );
  return (await response.json()) as { toast: { type: string; content: string }; card?: { data: unknown } };
}

describe('/列表', () => {
  it('pages by number and by its 下一页 button, nearest deadline first', async () => {
    const first = await rig.answer(CREATOR, '/列表', [], inList(LIST_CHAT));
    const page1 = textOf(first.content);
    expect(page1).toContain('本群未办结事项（20 项）');
    expect(page1).toContain('第 1 / 2 页');
    expect(numbers(page1)).toHaveLength(15);
    expect(page1.indexOf('列表事项1 ')).toBeLessThan(page1.indexOf('列表事项3 '));

    const next = await press(first, '下一页', STRANGER);
    const page2 = cardText(next.card?.data);
    expect(page2).toContain('第 2 / 2 页');
    expect(numbers(page2)).toHaveLength(5);
    expect(await rig.ask(CREATOR, '/列表 2', [], inList(LIST_CHAT))).toBe(page2);
    expect(await rig.ask(CREATOR, '/列表 9', [], inList(LIST_CHAT))).toContain('没有第 9 页：共 2 页');
  });

  it('filters by overdue, by person, by mine and by unit', async () => {
    clock.set('2026-11-27T18:30:00+08:00');
    try {
      const overdue = await rig.ask(CREATOR, '/列表 逾期', [], inList(LIST_CHAT));
      expect(overdue).toContain('已逾期事项（2 项）');
      expect(overdue).toContain('红灯');
    } finally {
      clock.set('2026-11-26T10:00:00+08:00');
    }
    expect(await rig.ask(CREATOR, '/列表 @张三', [ZHANG], inList(LIST_CHAT))).toContain(
      '张三 负责的事项（8 项）',
    );
    expect(await rig.ask(LI.openId, '/列表 我的', [], inList(LIST_CHAT))).toContain(
      '我负责或牵头的事项（12 项）',
    );
    // The lead leader's "mine" is everything he leads.
    expect(await rig.ask(WANG.openId, '/列表 我的', [], inList(LIST_CHAT))).toContain('（20 项）');
    expect(await rig.ask(CREATOR, '/列表 单位 城管局', [], inList(LIST_CHAT))).toContain(
      '城管局 的事项（8 项）',
    );
    expect(await rig.ask(CREATOR, '/列表 颜色', [], inList(LIST_CHAT))).toContain(
      '可以按 我的、逾期、@某人 或 单位 名称 筛选',
    );
  });
});

describe('/列表 in a private chat', () => {
  it('lists the work assigned in that chat, and points to /我的 when there is none', async () => {
    const mine = { chatId: 'oc_p2p_lists_zhang_000000000000001', chatType: 'p2p' } as const;
    const text = await rig.ask(ZHANG.openId, '/列表', [], mine);
    expect(text).toContain('本私聊中交办的未办结事项（0 项）');
    expect(text).toContain('请发送 /我的');
    expect(text).not.toContain('本群');
  });
});

describe('/我的', () => {
  it('sends a person their own open items across chats by direct message', async () => {
    await rig.ask(CREATOR, '/任务 另一个群的事项 @张三 明天', [ZHANG]);
    expect(await rig.ask(ZHANG.openId, '/我的', [], inList(LIST_CHAT))).toContain('已私信发给你');
    const dm = await rig.fake.waitFor(() =>
      rig.fake.messagesTo(ZHANG.openId).find((m) => textOf(m.content).includes('我的未办结事项')),
    );
    const text = textOf(dm!.content);
    expect(text).toContain('负责 9 项');
    expect(text).toContain('另一个群的事项');
  });
});

describe('aliases', () => {
  it('takes /办结 and /反馈, and /帮助 names the English aliases', async () => {
    const no = numbers(await rig.ask(CREATOR, '/任务 别名测试 @张三 明天', [ZHANG]))[0]!;
    expect(await rig.ask(ZHANG.openId, `/反馈 #${no} 已起草`)).toContain('第 1 次进展');
    expect(await rig.ask(ZHANG.openId, `/办结 #${no} 已报送`)).toContain('已办结');
    const help = await rig.ask(CREATOR, '/帮助');
    expect(help).toContain('/task');
    expect(help).toContain('/办结');
  });
});

describe('the same /任务 twice within a minute', () => {
  it('is held back and asked about; only its sender may record it after all', async () => {
    const line = '/任务 重复检测事项 @张三 3个工作日内';
    const first = await rig.ask(CREATOR, line, [ZHANG]);
    expect(first).toContain('已登记');
    const before = (await rig.luoshi.redis.get(rig.luoshi.keys.seq(FAKE_TENANT_KEY)))!;
    const asked = await rig.answer(CREATOR, line, [ZHANG]);
    expect(textOf(asked.content)).toContain('可能重复登记');
    expect(textOf(asked.content)).toContain(`#${numbers(first)[0]}`);
    expect(await rig.luoshi.redis.get(rig.luoshi.keys.seq(FAKE_TENANT_KEY))).toBe(before);

    const value = cardButtons(asked.content).get('再登记一件')!;
    const pressAs = async (operator: string) =>
      (await (
        await rig.post(
          cardActionEvent({
            operatorOpenId: operator,
            value,
            messageId: asked.messageId,
            chatId: CHAT,
            appId: rig.fake.appId,
          }),
        )
      ).json()) as { toast: { type: string; content: string } };
    expect((await pressAs(STRANGER)).toast.content).toContain('只有发出这条 /任务 的人');
    const confirmed = await pressAs(CREATOR);
    expect(confirmed.toast.content).toMatch(/已登记 #\d+/);
    // A second confirmation records nothing more.
    await pressAs(CREATOR);
    expect(Number(await rig.luoshi.redis.get(rig.luoshi.keys.seq(FAKE_TENANT_KEY)))).toBe(Number(before) + 1);

    clock.advance(61_000);
    expect(await rig.ask(CREATOR, line, [ZHANG])).toContain('已登记');
  });
});

describe('/设置 and refusals', () => {
  it('takes a reminder item without the word 提醒, as its hint suggests', async () => {
    expect(await rig.ask(ADMIN, '/设置 上班 08:30 下班 17:30 | 升级 3')).toContain('已更新本群提醒规则');
  });

  it('answers a permission refusal without a usage line', async () => {
    const no = numbers(await rig.ask(CREATOR, '/任务 权限测试 @张三 明天', [ZHANG]))[0]!;
    const refusal = await rig.ask(STRANGER, `/完成 #${no} 我替他办了`);
    expect(refusal).toContain('只有');
    expect(refusal).not.toContain('用法');
  });
});
