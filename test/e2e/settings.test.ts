/**
 * `/设置` through the whole path: anyone sees the group's settings, only admins change them
 * (LUOSHI_ADMINS and the admins a group appoints), a malformed change applies nothing, and
 * every change is in the audit stream and visible to the reminder jobs through `deps.settings`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { FAKE_TENANT_KEY } from '../support/larkEvents.ts';
import { LI, WANG, ZHANG } from '../support/people.ts';
import { settled } from '../support/settle.ts';

const ADMIN = { name: '系统管理员', openId: 'ou_admin_000000000000000000000001' };
const OTHER_CHAT = 'oc_test_chat_other_0001';

let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN.openId } });
});
afterAll(async () => {
  await rig?.close();
});

const settings = (chatId = CHAT) => rig.luoshi.deps.settings.get(FAKE_TENANT_KEY, chatId);

describe('/设置', () => {
  it('shows the DESIGN §6 defaults to anyone', async () => {
    const text = await rig.ask(ZHANG.openId, '/设置');
    expect(text).toContain('主要负责人：未设置');
    expect(text).toContain('群管理员：未设置');
    expect(text).toContain('截止前 1 个工作日起');
    expect(text).toContain('办公时间：09:00-18:00');
    expect(text).toContain('逾期 2 个工作日后告知主要负责人');
    expect(text).toContain('日报：开　周报：开　升级加急：关');
  });

  it('refuses a change from someone who is not an admin, and changes nothing', async () => {
    const text = await rig.ask(ZHANG.openId, '/设置 提醒 日报 关');
    expect(text).toContain('只有管理员可以修改本群设置');
    expect(await rig.ask(ZHANG.openId, '/settings 领导 @王主任', [WANG])).toContain('只有管理员');
    expect((await settings()).policy.digest).toBe(true);
    expect((await settings()).principal).toBeUndefined();
  });

  it('lets an admin change several reminder rules at once, for this group only', async () => {
    const text = await rig.ask(
      ADMIN.openId,
      '/设置 提醒 提前 2 个工作日 上班 08:30 下班 17:30 升级 3 日报 关 加急 开',
    );
    expect(text).toContain('已更新本群提醒规则');
    expect(text).toContain('截止前 2 个工作日起');
    expect(text).toContain('办公时间：08:30-17:30');
    expect(text).toContain('逾期 3 个工作日后');
    expect(text).toContain('日报：关　周报：开　升级加急：开');
    expect(await rig.ask(ZHANG.openId, '/设置')).toContain('办公时间：08:30-17:30');

    expect((await settings()).policy).toMatchObject({
      approachWorkingDays: 2,
      workdayStart: '08:30',
      workdayEnd: '17:30',
      escalateAfterWorkingDays: 3,
      digest: false,
      weeklyReport: true,
      urgentEscalation: true,
    });
    expect((await settings(OTHER_CHAT)).policy.workdayStart).toBe('09:00');
    expect(await rig.ask(ZHANG.openId, '/设置', [], { chatId: OTHER_CHAT })).toContain(
      '办公时间：09:00-18:00',
    );
  });

  it.each([
    ['/设置 提醒 上班 08:00 下班 07:00', '上班时间（08:00）须早于下班时间（07:00）'],
    ['/设置 提醒 日报 开 提前 很多天', '“提前”后面的“很多天”看不懂，请写成“提前 2 个工作日”这样'],
    ['/设置 提醒 日报 开 音量 大', '看不懂“音量”'],
    ['/设置 提醒 提前 两 个工作日 升级 99', '逾期升级的工作日数须为 1 到 30 之间的整数'],
    ['/设置 提醒 上班 25:00', '上班时间“25:00”不是有效的时刻'],
    ['/设置 提醒', '请写明要修改的提醒规则'],
    ['/设置 颜色 红', '没有“颜色”这项设置'],
  ])('applies nothing from a malformed change: %s', async (command, expected) => {
    const before = await settings();
    const text = await rig.ask(ADMIN.openId, command);
    expect(text).toContain(expected);
    expect(text).toContain('用法：/设置');
    expect(await settings()).toEqual(before);
  });

  it('sets and clears the principal leader', async () => {
    expect(await rig.ask(ADMIN.openId, '/设置 领导 @王主任', [WANG])).toContain(
      '本群主要负责人已设为 王主任',
    );
    expect((await settings()).principal).toEqual(WANG);
    expect(await rig.ask(ZHANG.openId, '/设置')).toContain('主要负责人：王主任');
    expect(await rig.ask(ADMIN.openId, '/设置 领导')).toContain('请 @ 一位主要负责人');
    expect(await rig.ask(ADMIN.openId, '/设置 领导 清除')).toContain('已清除本群的主要负责人');
    expect((await settings()).principal).toBeUndefined();
  });

  it('lets an admin appoint a group admin, who may then change settings and approve, until removed', async () => {
    expect(await rig.ask(LI.openId, '/设置 提醒 周报 关')).toContain('只有管理员');
    expect(await rig.ask(ADMIN.openId, '/设置 管理员 @李四', [LI])).toContain('已将 李四 设为群管理员');
    expect(await rig.ask(ADMIN.openId, '/设置 管理员 @李四', [LI])).toContain('已经是本群管理员');

    expect(await rig.ask(LI.openId, '/设置 提醒 周报 关')).toContain('周报：关');
    const created = await rig.ask(ZHANG.openId, '/任务 核对台账 @张三 3个工作日内', [ZHANG]);
    const no = /#(\d+)/.exec(created)![1];
    await rig.ask(ZHANG.openId, `/延期 #${no} 下周五 数据未到`);
    expect(await rig.ask(LI.openId, `/批准 #${no}`)).toContain('延期申请已批准');
    // A group admin of this group is nobody special in another group.
    expect(await rig.ask(LI.openId, '/设置 提醒 周报 关', [], { chatId: OTHER_CHAT })).toContain(
      '只有管理员',
    );

    expect(await rig.ask(ADMIN.openId, `/设置 管理员 移除 @${ADMIN.name}`, [ADMIN])).toContain(
      '不是本群管理员',
    );
    expect(await rig.ask(ADMIN.openId, '/设置 管理员 移除 @李四', [LI])).toContain('已将 李四 移出群管理员');
    expect(await rig.ask(LI.openId, '/设置 提醒 周报 开')).toContain('只有管理员');
  });

  it('records every change in the tenant audit stream, with who, where and what', async () => {
    const rows = await rig.luoshi.redis.xrange(rig.luoshi.keys.audit(FAKE_TENANT_KEY), '-', '+');
    const changes = rows
      .map(([, fields]) =>
        Object.fromEntries(fields.flatMap((_, i) => (i % 2 ? [] : [[fields[i], fields[i + 1]]]))),
      )
      .filter((f) => f.action?.startsWith('settings-'));
    expect(changes.map((c) => c.action)).toEqual([
      'settings-policy',
      'settings-principal',
      'settings-principal',
      'settings-admin-add',
      'settings-policy',
      'settings-admin-remove',
    ]);
    expect(changes[0]).toMatchObject({ chat: CHAT, actor: ADMIN.openId });
    expect(changes[0]!.detail).toContain('办公时间：08:30-17:30');
    expect(changes[3]!.detail).toContain(LI.openId);
    expect(changes[4]).toMatchObject({ actor: LI.openId });
  });
});

describe('a policy change replans the group', () => {
  it('moves the approaching reminder of an open item to the new office start', async () => {
    const chat = 'oc_settings_replan_0001';
    const created = await rig.ask(ZHANG.openId, '/任务 报送年度总结 @张三 12月4日', [ZHANG], {
      chatId: chat,
    });
    const no = /#(\d+)/.exec(created)![1];
    // Past the chase of the unacknowledged item: the next reminder planned is the approaching one.
    clock.set('2026-11-27T18:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    expect(await rig.ask(ADMIN.openId, '/设置 提醒 上班 08:30', [], { chatId: chat })).toContain(
      '办公时间：08:30-18:00',
    );

    // The working day before Friday 4 December, at the group's new office start.
    clock.set('2026-12-03T08:30:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    const reminder = await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(chat)
        .map((m) => textOf(m.content))
        .find((t) => t.startsWith('🟡 临近提醒') && t.includes(`#${no} `)),
    );
    expect(reminder).toContain('报送年度总结');
  });

  it('does not send again a reminder of the morning when the office start moves later that day', async () => {
    const chat = 'oc_settings_replan_0002';
    clock.set('2026-12-07T08:50:00+08:00'); // a Monday
    const created = await rig.ask(ZHANG.openId, '/任务 报送季度台账 @张三 明天', [ZHANG], { chatId: chat });
    const no = /#(\d+)/.exec(created)![1];
    await rig.ask(ZHANG.openId, `/签收 #${no}`, [], { chatId: chat });
    const approaches = () =>
      rig.fake
        .messagesTo(chat)
        .map((m) => textOf(m.content))
        .filter((t) => t.startsWith('🟡 临近提醒') && t.includes(`#${no} `));

    clock.set('2026-12-07T09:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() => approaches().length === 1 || undefined);
    clock.set('2026-12-07T09:02:00+08:00');
    expect(await rig.ask(ADMIN.openId, '/设置 提醒 上班 09:30 下班 17:30', [], { chatId: chat })).toContain(
      '办公时间：09:30-17:30',
    );
    clock.set('2026-12-07T09:30:00+08:00');
    // The minute's reminders, then the collectors that batch them, then their sends.
    for (let pass = 0; pass < 2; pass++) {
      await rig.luoshi.deps.scheduler.promoteDue(clock.now());
      await settled([rig.luoshi.queues.reminders]);
    }
    await rig.settle();
    expect(approaches()).toHaveLength(1);

    // The next day's reminder still comes, at the new office start.
    clock.set('2026-12-08T09:30:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() => approaches().length === 2 || undefined);
  });

  it('reads a day without a time as that day at the group’s own office end, and chases it then', async () => {
    const chat = 'oc_settings_hours_0003';
    clock.set('2026-12-07T10:00:00+08:00'); // a Monday
    await rig.ask(ADMIN.openId, '/设置 提醒 上班 09:30 下班 17:30', [], { chatId: chat });
    const created = await rig.ask(ZHANG.openId, '/任务 报送安全检查表 @张三 明天', [ZHANG], { chatId: chat });
    expect(created).toContain('2026-12-08 17:30 周二');
    const no = /#(\d+)/.exec(created)![1];
    // Another group keeps the deployment's office end.
    expect(
      await rig.ask(ZHANG.openId, '/任务 报送安全检查表 @张三 明天', [ZHANG], { chatId: OTHER_CHAT }),
    ).toContain('2026-12-08 18:00 周二');
    clock.set('2026-12-08T17:30:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    const chase = await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(chat)
        .map((m) => textOf(m.content))
        .find((t) => t.startsWith('🔴 到期催办') && t.includes(`#${no} `)),
    );
    expect(chase).toContain('已到截止时间（2026-12-08 17:30 周二）');
    // A new deadline asked for from a private chat is the group's too (trial: 18:00 there).
    const asked = await rig.ask(ZHANG.openId, `/延期 #${no} 12月10日 材料未齐`, [], {
      chatId: 'oc_p2p_zhang_settings_0003',
      chatType: 'p2p',
    });
    expect(asked).toContain('2026-12-10 17:30');
    expect(asked).not.toContain('18:00');
  });

  it('does not chase a deadline twice when the office start moves later the morning it was chased', async () => {
    const chat = 'oc_settings_replan_0004';
    clock.set('2026-12-14T10:00:00+08:00'); // a Monday
    await rig.ask(ADMIN.openId, '/设置 提醒 下班 17:30', [], { chatId: chat });
    // 18:00 is after this group's office end: chased at Tuesday's office start.
    const created = await rig.ask(ZHANG.openId, '/任务 报送值班表 @张三 今天18:00', [ZHANG], {
      chatId: chat,
    });
    const no = /#(\d+)/.exec(created)![1];
    const chases = () =>
      rig.fake
        .messagesTo(chat)
        .map((m) => textOf(m.content))
        .filter((t) => t.includes('到期催办') && t.includes(`#${no} `));
    const runMinute = async (local: string) => {
      clock.set(`${local}:00+08:00`);
      for (let pass = 0; pass < 2; pass++) {
        await rig.luoshi.deps.scheduler.promoteDue(clock.now());
        await settled([rig.luoshi.queues.reminders]);
      }
      await rig.settle();
    };
    await runMinute('2026-12-15T09:00');
    expect(chases()).toHaveLength(1);
    clock.set('2026-12-15T09:02:00+08:00');
    await rig.ask(ADMIN.openId, '/设置 提醒 上班 09:30', [], { chatId: chat });
    await runMinute('2026-12-15T09:30');
    expect(chases()).toHaveLength(1);
  });
});
