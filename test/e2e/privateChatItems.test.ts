/**
 * A task assigned in a private chat with the bot (issue 9 §3): nobody but the person who typed
 * it is in that chat, so the owners get the item by direct message, and its reminders go to
 * each owner by open_id — never to the private chat, where they would reach no one else. The
 * one who recorded it follows it in their personal digest; the private chat gets no group digest.
 * Its words never reach a group: a command about it typed in one is sent to a private chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatView } from '../support/chatView.ts';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig } from '../support/harness.ts';
import { CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

const P2P = 'oc_p2p_creator_000000000000000001';
let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

const { shown, moveTo, waitFor } = chatView(() => rig, clock);

describe('an item recorded in a private chat', () => {
  it('reaches its owners by direct message, and so do its reminders', async () => {
    const reply = await rig.ask(CREATOR, '/任务 起草讲话稿 @张三 @李四 明天', [ZHANG, LI], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const no = /#(\d+)/.exec(reply)![1];
    expect(reply).toContain('已登记');

    for (const owner of [ZHANG, LI]) {
      const card = await waitFor(owner.openId, `#${no} 起草讲话稿`, '私聊中交办给你');
      expect(card).toMatchObject({
        receiveIdType: 'open_id',
        receiveId: owner.openId,
        msgType: 'interactive',
      });
      // The owner's card carries the item's buttons.
      expect(card!.text).toContain('[签收]');
    }

    await moveTo('2026-11-27 09:00');
    for (const owner of [ZHANG, LI]) {
      const approach = await waitFor(owner.openId, '🟡 临近提醒', `#${no} 起草讲话稿`);
      expect(approach).toMatchObject({ receiveIdType: 'open_id', receiveId: owner.openId });
    }
    // The one who recorded it follows it in a personal digest, not in a group digest of their private chat.
    const digest = await waitFor(CREATOR, '📊 每日督办简报（个人）', `#${no} 起草讲话稿`);
    expect(digest).toMatchObject({ receiveIdType: 'open_id', receiveId: CREATOR });

    await moveTo('2026-11-27 18:00');
    for (const owner of [ZHANG, LI]) await waitFor(owner.openId, '🔴 到期催办', `#${no} 起草讲话稿`);

    // Nothing of the kind was addressed to the private chat, where no owner would see it.
    const reminders = shown(P2P).filter((m) => /临近提醒|到期催办|签收催办|每日督办简报/.test(m.text));
    expect(reminders).toEqual([]);
  }, 60_000);
});

describe('others who must act on a private-chat item', () => {
  it('are told directly: the lead leader gets the extension request, the owner its decision', async () => {
    const reply = await rig.ask(CREATOR, '/任务 修改汇报材料 @张三 3个工作日内 牵头 @王主任', [ZHANG, WANG], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const no = /#(\d+)/.exec(reply)![1];
    // The owner asks from his own private chat with the bot.
    const asked = await rig.ask(ZHANG.openId, `/延期 #${no} 下周五 材料未齐`, [], {
      chatId: 'oc_p2p_zhangsan_0000000000000001',
      chatType: 'p2p',
    });
    expect(asked).toContain('申请延期');
    const request = await waitFor(WANG.openId, `#${no} 修改汇报材料 申请延期`, '审批');
    expect(request).toMatchObject({ receiveIdType: 'open_id', receiveId: WANG.openId });

    expect(
      await rig.ask(WANG.openId, `/批准 #${no}`, [], {
        chatId: 'oc_p2p_wang_0000000000000001',
        chatType: 'p2p',
      }),
    ).toContain('延期申请已批准');
    const told = await waitFor(ZHANG.openId, `#${no} 修改汇报材料 的延期申请已批准`);
    expect(told).toMatchObject({ receiveIdType: 'open_id', receiveId: ZHANG.openId });

    // Done: whoever assigned it and the lead leader hear of it, directly (trial: only from the
    // next morning's digest).
    expect(
      await rig.ask(ZHANG.openId, `/完成 #${no} 材料已报送`, [], {
        chatId: 'oc_p2p_zhangsan_0000000000000001',
        chatType: 'p2p',
      }),
    ).toContain('已办结');
    for (const who of [CREATOR, WANG.openId])
      expect(await waitFor(who, `#${no} 修改汇报材料`, '已办结')).toMatchObject({ receiveId: who });
  });

  it('asks whoever assigned it to decide an extension, and tells the owner the decision', async () => {
    const reply = await rig.ask(CREATOR, '/任务 整理调研材料 @张三 12月10日', [ZHANG], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const no = /#(\d+)/.exec(reply)![1];
    const asked = await rig.ask(ZHANG.openId, `/延期 #${no} 12月15日 需要补充数据`, [], {
      chatId: 'oc_p2p_zhang_00000000000000001',
      chatType: 'p2p',
    });
    expect(asked.replaceAll('**', '')).toContain('请交办人');
    // The assigner hears of it privately — nobody else is in that chat to see it.
    await waitFor(CREATOR, `#${no}`, '交办人');
    const approved = await rig.ask(CREATOR, `/批准 #${no}`, [], { chatId: P2P, chatType: 'p2p' });
    expect(approved).toContain('已批准');
    await waitFor(ZHANG.openId, `#${no}`, '延期申请已批准');
  });
});

describe('a private-chat item in a group', () => {
  it('is not shown or changed there, even for its owner, who is sent to his private chat', async () => {
    const reply = await rig.ask(CREATOR, '/任务 私下核实情况 @张三 明天下午3点', [ZHANG], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const no = /#(\d+)/.exec(reply)![1];
    const group = CHAT;
    const before = shown(group).length;
    for (const command of [
      `/签收 #${no}`,
      `/查询 #${no}`,
      `/进展 #${no} 已联系当事人`,
      `/完成 #${no} 情况属实`,
    ]) {
      const answer = await rig.ask(ZHANG.openId, command);
      expect(answer).toContain(`#${no} 不是本群的事项`);
      expect(answer).not.toContain('核实');
    }
    // Nothing the group was sent names it.
    expect(
      shown(group)
        .slice(before)
        .filter((m) => m.text.includes('私下核实情况')),
    ).toEqual([]);
    // Nothing changed: in his private chat the owner signs for it now, for the first time.
    const mine = { chatId: 'oc_p2p_zhangsan_0000000000000009', chatType: 'p2p' } as const;
    expect(await rig.ask(ZHANG.openId, `/签收 #${no}`, [], mine)).toContain('已签收');
    expect(await rig.ask(ZHANG.openId, `/查询 #${no}`, [], mine)).toContain('私下核实情况');
  });

  it('is the same for another group: its items are answered in their own group only', async () => {
    const other = 'oc_other_group_000000000000000001';
    const reply = await rig.ask(WANG.openId, '/任务 二组预算材料 @张三 明天', [ZHANG], { chatId: other });
    const no = /#(\d+)/.exec(reply)![1];
    expect(await rig.ask(ZHANG.openId, `/查询 #${no}`)).toContain('不是本群的事项');
    expect(await rig.ask(ZHANG.openId, `/查询 #${no}`, [], { chatId: other })).toContain('二组预算材料');
  });
});

describe('work assigned privately outside office hours', () => {
  it('reaches its owner at the next office start, and not at all once cancelled meanwhile', async () => {
    await moveTo('2026-12-04 22:00'); // a Friday night
    const first = await rig.ask(CREATOR, '/任务 周末核查舆情 @李四 下周一上午10点', [LI], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const no = /#(\d+)/.exec(first)![1];
    const cancelled = await rig.ask(CREATOR, '/任务 周末值班安排 @李四 下周一上午11点', [LI], {
      chatId: P2P,
      chatType: 'p2p',
    });
    const gone = /#(\d+)/.exec(cancelled)![1];
    await rig.settle();
    const toLi = () =>
      shown(LI.openId).filter(
        (m) =>
          m.text.includes('私聊中交办给你') && (m.text.includes(`#${no} `) || m.text.includes(`#${gone} `)),
      );
    expect(toLi()).toEqual([]);

    await moveTo('2026-12-05 10:00'); // Saturday: still nothing
    expect(await rig.ask(CREATOR, `/取消 #${gone} 不需要了`, [], { chatId: P2P, chatType: 'p2p' })).toContain(
      '已取消',
    );
    await rig.settle();
    expect(toLi()).toEqual([]);

    await moveTo('2026-12-07 09:00'); // Monday's office start
    const card = await waitFor(LI.openId, `#${no} 周末核查舆情`, '私聊中交办给你');
    expect(card).toMatchObject({ receiveIdType: 'open_id', receiveId: LI.openId });
    await rig.settle();
    expect(toLi().filter((m) => m.text.includes(`#${gone} `))).toEqual([]);
    expect(toLi()).toHaveLength(1);
  });

  it('tells its owner nothing about it before it reached her, unless she acted on it herself', async () => {
    const assign = (text: string) => rig.ask(CREATOR, text, [LI], { chatId: P2P, chatType: 'p2p' });
    const numberIn = (reply: string) => /#(\d+)/.exec(reply)![1]!;
    const aboutNo = (no: string) => shown(LI.openId).filter((m) => m.text.includes(`#${no} `));
    await moveTo('2026-12-08 21:00'); // a Tuesday night
    const gone = numberIn(await assign('/任务 夜间临时任务 @李四 12月10日'));
    const kept = numberIn(await assign('/任务 核对值班表 @李四 12月11日'));
    const found = numberIn(await assign('/任务 准备汇报提纲 @李四 12月15日'));
    // Whoever cancels is answered; the owner never heard of the work, so she hears nothing.
    expect(
      await rig.ask(CREATOR, `/取消 #${gone} 已另行安排`, [], { chatId: P2P, chatType: 'p2p' }),
    ).toContain('已取消');
    // She found another in /我的 and asked for more time: the decision is hers to hear — at the
    // office start, as every notice to someone else (DESIGN §6).
    const hers = { chatId: 'oc_p2p_lisi_00000000000000000001', chatType: 'p2p' } as const;
    expect(await rig.ask(LI.openId, `/延期 #${found} 12月18日 材料较多`, [], hers)).toContain('申请延期');
    expect(await rig.ask(CREATOR, `/批准 #${found}`, [], { chatId: P2P, chatType: 'p2p' })).toContain(
      '已批准',
    );
    await rig.settle();
    expect(aboutNo(gone)).toEqual([]);

    await moveTo('2026-12-09 09:00'); // Wednesday's office start
    await waitFor(LI.openId, `#${found} 准备汇报提纲 的延期申请已批准`);
    await waitFor(LI.openId, `#${kept} 核对值班表`, '私聊中交办给你');
    await rig.settle();
    expect(aboutNo(gone)).toEqual([]);
    // Once she has it, she hears of what happens to it.
    expect(await rig.ask(CREATOR, `/取消 #${kept} 不需要了`, [], { chatId: P2P, chatType: 'p2p' })).toContain(
      '已取消',
    );
    await waitFor(LI.openId, `#${kept} 核对值班表 已取消`);
  });
});
