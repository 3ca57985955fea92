/**
 * Work assigned in a private chat has no group and no principal leader: whoever assigned it
 * (交办人) decides on it beside its lead leader (`access.ts`). What reaches those people says so
 * (office-week trial): an extension request names both and reaches both; an escalation goes to
 * them as leaders — no owner's buttons, no word about a group — and asks for the decision when a
 * request waits for it; and work assigned out of office hours tells the assigner when the owner
 * will receive it, and the owner who assigned it and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatView } from '../support/chatView.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { ADMIN, CREATOR, WANG, ZHANG } from '../support/people.ts';

const P2P = 'oc_p2p_creator_000000000000000003';
const ZHANG_P2P = { chatId: 'oc_p2p_zhangsan_0000000000000003', chatType: 'p2p' } as const;
let rig: Rig;
const clock = new ManualClock('2026-12-04T20:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const { shown, moveTo, waitFor } = chatView(() => rig, clock);
const assign = async (text: string, mentioned = [ZHANG]) => {
  const reply = await rig.ask(CREATOR, text, mentioned, { chatId: P2P, chatType: 'p2p' });
  return { no: /#(\d+)/.exec(reply)![1]!, reply: reply.replaceAll('**', '') };
};

describe('work assigned privately out of office hours', () => {
  it('tells the assigner when the owner receives it, and that this is after the deadline', async () => {
    await moveTo('2026-12-04 21:00'); // a Friday night
    const { no, reply } = await assign('/任务 准备督查汇报材料 @张三 明天');
    expect(reply).toContain('张三 将于12月7日（周一）09:00 收到（非办公时间）。');
    expect(reply).toContain(`那时已过截止时间 12月5日（周六）18:00：如需改期，可发送 /取消 #${no} 理由`);
  });

  it('tells the owner, on the card they get at the office start, who assigned it and when', async () => {
    const { no } = await assign('/任务 整理周末值班记录 @张三 12月31日');
    await moveTo('2026-12-07 09:00'); // Monday's office start: the owner's card says who and when
    const card = await waitFor(ZHANG.openId, `#${no} 整理周末值班记录`, '私聊中交办给你');
    expect(card!.text).toContain(`<at id=${CREATOR}></at> 于12月4日（周五）21:00 在与落实的私聊中交办给你`);
  });
});

describe('an extension request on work assigned privately with a lead leader', () => {
  it('names the lead leader and the assigner, and reaches both', async () => {
    await moveTo('2026-12-07 10:00');
    const { no, reply } = await assign('/任务 修改督查报告 @张三 12月9日 牵头 @王主任', [ZHANG, WANG]);
    // Assigned in office hours: no word of a later moment.
    expect(reply).not.toContain('非办公时间');
    const asked = (await rig.ask(ZHANG.openId, `/延期 #${no} 下周二 材料未齐`, [], ZHANG_P2P)).replaceAll(
      '**',
      '',
    );
    const ask = `请牵头领导 <at id=${WANG.openId}></at> 或交办人 <at id=${CREATOR}></at> 审批（管理员也可审批）。`;
    expect(asked).toContain(ask);
    expect(asked).not.toContain('主要负责人');
    // Whoever may decide is told: the assigner as well as the lead leader.
    for (const decider of [WANG.openId, CREATOR]) {
      const card = await waitFor(decider, `#${no} 修改督查报告 申请延期`);
      expect(card).toMatchObject({ receiveIdType: 'open_id', receiveId: decider });
      expect(card!.text).toContain(ask);
    }
  });
});

describe('the escalation of work assigned privately', () => {
  it('goes to the assigner as a leader, asking for the decision an extension request waits for', async () => {
    await moveTo('2026-12-07 10:30');
    const { no } = await assign('/任务 汇总调研数据 @张三 12月8日');
    await moveTo('2026-12-09 10:00');
    expect(await rig.ask(ZHANG.openId, `/延期 #${no} 12月15日 数据未齐`, [], ZHANG_P2P)).toContain(
      '申请延期',
    );
    // Two working days late on Thursday at 18:00: told at Friday's office start.
    await moveTo('2026-12-11 09:00');
    const escalation = await waitFor(CREATOR, '⚠️ 逾期上报', `#${no} 汇总调研数据`);
    expect(escalation).toMatchObject({ receiveIdType: 'open_id', receiveId: CREATOR });
    expect(escalation!.text).toContain('已申请延期至 2026-12-15 18:00 周二，待你审批');
    expect(escalation!.text).not.toContain('本群尚未设置主要负责人');
    for (const ownersButton of ['[签收]', '[完成]', '[申请延期]', '[反馈进展]'])
      expect(escalation!.text).not.toContain(ownersButton);
    // Nothing was posted to the chat it was assigned in.
    expect(shown(P2P).filter((m) => m.text.includes('逾期上报'))).toEqual([]);
  }, 60_000);

  it('goes to its lead leader and its assigner when it has a lead leader', async () => {
    await moveTo('2026-12-14 10:00');
    const { no } = await assign('/任务 核对统计报表 @张三 12月15日 牵头 @王主任', [ZHANG, WANG]);
    await moveTo('2026-12-18 09:00'); // Thursday 17 at 18:00 was two working days late
    for (const leader of [WANG.openId, CREATOR]) {
      const escalation = await waitFor(leader, '⚠️ 逾期上报', `#${no} 核对统计报表`);
      expect(escalation).toMatchObject({ receiveIdType: 'open_id', receiveId: leader });
      expect(escalation!.text).not.toContain('待你审批');
      expect(escalation!.text).not.toContain('[完成]');
    }
  }, 60_000);
});
