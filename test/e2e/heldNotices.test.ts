/**
 * Office hours hold for what an action tells others (DESIGN §6; office-week trial): whoever typed
 * is answered at once, but a notice to another person or another chat made on a Sunday evening
 * reaches them at Monday's office start — an extension request to the leader who decides it, the
 * group of an item finished from a private chat, the owner of a cancelled item. A request decided
 * meanwhile is not sent at all; the decision is. A group keeping its own hours is told at its
 * own office start. Inside office hours all of it goes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

const STAFF = 'ou_staff_held_notices_0000000001';
const CREATOR_P2P = { chatId: 'oc_p2p_creator_held_0000000000001', chatType: 'p2p' } as const;
const ZHANG_P2P = { chatId: 'oc_p2p_zhang_held_00000000000001', chatType: 'p2p' } as const;
const WANG_P2P = { chatId: 'oc_p2p_wang_held_000000000000001', chatType: 'p2p' } as const;
/** A group that keeps 09:30–17:30. */
const LATE_GROUP = 'oc_group_held_late_0000000000001';

let rig: Rig;
const clock = new ManualClock('2026-12-04T10:00:00+08:00'); // a Friday morning

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const texts = (to: string) => rig.fake.messagesTo(to).map((m) => textOf(m.content).replaceAll('**', ''));
/** The notices to `to` naming all `fragments` — not the morning digest, which lists every item. */
const about = (to: string, ...fragments: string[]) =>
  texts(to).filter((t) => !t.includes('每日督办简报') && fragments.every((f) => t.includes(f)));
const moveTo = async (local: string) => {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
  await rig.settle();
};
const numberIn = (reply: string) => /#(\d+)/.exec(reply)![1]!;

describe('a notice to others outside office hours', () => {
  it('an extension request reaches the leader who decides it at the next office start, exactly once', async () => {
    await moveTo('2026-12-04 10:00'); // Friday
    const no = numberIn(
      await rig.ask(CREATOR, '/任务 修改汇报材料 @张三 12月9日 牵头 @王主任', [ZHANG, WANG], CREATOR_P2P),
    );
    await moveTo('2026-12-06 20:00'); // Sunday evening: 张三 is answered at once
    expect(await rig.ask(ZHANG.openId, `/延期 #${no} 12月11日 材料未齐`, [], ZHANG_P2P)).toContain(
      '申请延期',
    );
    const request = () => about(WANG.openId, `#${no} 修改汇报材料`, '申请延期');
    await rig.settle();
    expect(request()).toEqual([]);

    await moveTo('2026-12-07 08:59'); // Monday, a minute before office start: still nothing
    expect(request()).toEqual([]);
    await moveTo('2026-12-07 09:00');
    await rig.fake.waitFor(() => request()[0]);
    await rig.settle();
    expect(request()).toHaveLength(1);
    // The card he gets can still be decided on.
    expect(request()[0]).toContain('[批准]');
  }, 30_000);

  it('a group item finished from a private chat on a Saturday is told to its group on Monday', async () => {
    await moveTo('2026-12-07 10:00'); // Monday
    const no = numberIn(await rig.ask(STAFF, '/任务 报送用地台账 @张三 12月31日', [ZHANG]));
    await moveTo('2026-12-12 10:00'); // Saturday
    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已报送`, [], ZHANG_P2P)).toContain('已办结');
    const line = () => texts(CHAT).filter((t) => t.startsWith(`✅ 张三 已办结 #${no} `));
    await rig.settle();
    expect(line()).toEqual([]);

    await moveTo('2026-12-14 08:59');
    expect(line()).toEqual([]);
    await moveTo('2026-12-14 09:00');
    await rig.fake.waitFor(() => line()[0]);
    await rig.settle();
    expect(line()).toEqual([`✅ 张三 已办结 #${no} 报送用地台账（按期办结）。`]);
  }, 30_000);

  it('an owner hears of her cancelled item at the next office start', async () => {
    await moveTo('2026-12-14 10:00'); // Monday: 王主任 gives 李四 work in his private chat
    const no = numberIn(await rig.ask(WANG.openId, '/任务 整理值班表 @李四 12月31日', [LI], WANG_P2P));
    await rig.settle();
    expect(about(LI.openId, `#${no} 整理值班表`)).toHaveLength(1); // her card, at once

    await moveTo('2026-12-15 20:00'); // Tuesday evening
    expect(await rig.ask(WANG.openId, `/取消 #${no} 已另行安排`, [], WANG_P2P)).toContain('已取消');
    const cancelled = () => about(LI.openId, `#${no} 整理值班表 已取消`);
    await rig.settle();
    expect(cancelled()).toEqual([]);

    await moveTo('2026-12-16 09:00');
    await rig.fake.waitFor(() => cancelled()[0]);
    await rig.settle();
    expect(cancelled()).toHaveLength(1);
  }, 30_000);

  it('is not sent when it asks for a decision made meanwhile; the decision is told at office start', async () => {
    await moveTo('2026-12-17 10:00'); // Thursday
    const no = numberIn(
      await rig.ask(CREATOR, '/任务 准备调研提纲 @张三 12月22日 牵头 @王主任', [ZHANG, WANG], CREATOR_P2P),
    );
    await moveTo('2026-12-17 21:00');
    expect(await rig.ask(ZHANG.openId, `/延期 #${no} 12月25日 需补充数据`, [], ZHANG_P2P)).toContain(
      '申请延期',
    );
    // 王主任 finds it in /我的 that evening and decides it himself: he is answered at once.
    expect(await rig.ask(WANG.openId, `/批准 #${no}`, [], WANG_P2P)).toContain('已批准');
    const approved = () => about(ZHANG.openId, `#${no} 准备调研提纲 的延期申请已批准`);
    await rig.settle();
    expect(approved()).toEqual([]);

    await moveTo('2026-12-18 09:00');
    await rig.fake.waitFor(() => approved()[0]);
    await rig.settle();
    expect(approved()).toHaveLength(1);
    // Nobody sends him at 09:00 the request he already decided (his digest lists the item).
    expect(about(WANG.openId, `#${no} 准备调研提纲`, '延期')).toEqual([]);
  }, 30_000);
});

describe('a notice to others inside office hours', () => {
  it('goes at once', async () => {
    await moveTo('2026-12-18 10:00'); // Friday morning
    const no = numberIn(await rig.ask(WANG.openId, '/任务 汇总周报 @李四 12月31日', [LI], WANG_P2P));
    const group = numberIn(await rig.ask(STAFF, '/任务 核对台账 @张三 12月31日', [ZHANG]));
    expect(await rig.ask(WANG.openId, `/取消 #${no} 不需要了`, [], WANG_P2P)).toContain('已取消');
    await rig.fake.waitFor(() => about(LI.openId, `#${no} 汇总周报 已取消`)[0]);
    expect(await rig.ask(ZHANG.openId, `/完成 #${group} 已核对`, [], ZHANG_P2P)).toContain('已办结');
    await rig.fake.waitFor(() => texts(CHAT).find((t) => t.startsWith(`✅ 张三 已办结 #${group} `)));
  });
});

describe('a notice to a group that keeps its own office hours', () => {
  it("waits for that group's office start", async () => {
    const there = { chatId: LATE_GROUP };
    expect(await rig.ask(ADMIN, '/设置 提醒 上班 09:30 下班 17:30', [], there)).toContain('09:30-17:30');
    const no = numberIn(await rig.ask(STAFF, '/任务 核实安置名单 @张三 12月31日', [ZHANG], there));
    await moveTo('2026-12-19 10:00'); // Saturday
    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已核实`, [], ZHANG_P2P)).toContain('已办结');
    const line = () => texts(LATE_GROUP).filter((t) => t.startsWith(`✅ 张三 已办结 #${no} `));
    await moveTo('2026-12-21 09:00'); // Monday: the deployment's office start, not this group's
    expect(line()).toEqual([]);
    await moveTo('2026-12-21 09:30');
    await rig.fake.waitFor(() => line()[0]);
    await rig.settle();
    expect(line()).toHaveLength(1);
  });
});
