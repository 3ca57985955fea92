/**
 * Recurring work, meetings' topic deadlines and plans keep the group's own office hours
 * (`/设置 提醒 上班 09:30 下班 17:00`), as /任务's deadlines do (trial): an occurrence without a
 * time falls due at the group's office end and its card goes out no earlier than the group's
 * office start; a 常务会's topics are called for at the group's office start and are late after
 * its office end; a plan's deadlines end at its office end. And after `/日历 导入` moves an
 * occurrence's due day, its item is made five working days before the new day, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { NOTICE_2027 } from '../support/notice2027.ts';
import { ADMIN, ZHANG } from '../support/people.ts';

let rig: Rig;
// Friday 4 December 2026, 10:00 in Beijing; the packaged data has no 2027.
const clock = new ManualClock('2026-12-04T10:00:00+08:00');
const CHAT = 'oc_test_chat_periodic_office_01';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (text: string, mentions = [ZHANG]) =>
  textOf((await rig.answer(ADMIN, text, mentions, { chatId: CHAT })).content);

const shown = () =>
  rig.fake
    .messagesTo(CHAT)
    .filter((m) => !m.parentId)
    .map((m) => textOf(m.content).replaceAll('**', ''));

async function moveTo(local: string) {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
}

describe('office hours of a group of 09:30–17:00', () => {
  it('is set', async () => {
    expect(await ask('/设置 提醒 上班 09:30 下班 17:00', [])).toContain('09:30-17:00');
  });

  it('makes a weekly occurrence due at office end, recorded at office start', async () => {
    const reply = await ask('/周期 报送周报 @张三 每周四前');
    expect(reply).toContain('下一期（2026-12-10）截止 2026-12-10 17:00 周四');
    expect(reply).toContain('将于 2026-12-08 09:30 周二 自动登记');
  });

  it('makes a daily occurrence due at office end, its card not before office start', async () => {
    expect(await ask('/周期 每日安全巡查 @张三 每个工作日')).toContain('截止 2026-12-04 17:00');
    const today = await rig.fake.waitFor(() =>
      shown().find((t) => t.includes('已登记') && t.includes('每日安全巡查 · 2026-12-04期')),
    );
    expect(today).toContain('2026-12-04 17:00');

    await moveTo('2026-12-07 09:00');
    await rig.settle();
    expect(shown().some((t) => t.includes('2026-12-07期'))).toBe(false);
    await moveTo('2026-12-07 09:30');
    const card = await rig.fake.waitFor(() =>
      shown().find((t) => t.includes('已登记') && t.includes('每日安全巡查 · 2026-12-07期')),
    );
    expect(card).toContain('2026-12-07 17:00');
    expect(card).not.toContain('18:00');
  });

  it('previews a plan’s deadlines at the group’s office end', async () => {
    const preview = await ask('/计划 导入 2027 单位 县住建委\n老旧小区改造 | 2027年12月15日\n危房排查', []);
    expect(preview).toContain('老旧小区改造 · 截止 2027-12-15 17:00');
    expect(preview).toContain('危房排查 · 截止 2027-12-31 17:00');
  });

  it('calls for a 常务会’s topics at office start, and they are late after office end', async () => {
    expect(await ask('/会议 第12次常务会 12月11日 9:00 常务会', [])).toContain(
      '议题请于 2026-12-08 下班前提交',
    );
    const called = () =>
      shown().some((t) => t.includes('会议#1 第12次常务会（2026-12-11）的议题今天下班前截止提交'));
    await moveTo('2026-12-08 09:00');
    await rig.settle();
    expect(called()).toBe(false);
    await moveTo('2026-12-08 09:30');
    await rig.fake.waitFor(() => called() || undefined);

    clock.set('2026-12-08T17:30:00+08:00');
    expect(await ask('/会议 第13次常务会 12月11日 15:00 常务会', [])).toContain('议题提交已截止');
    // A topic for the first meeting at 17:30 is late too: the group's office end was 17:00.
    expect(await ask('/议题 会议#1 城区停车规划 @张三')).toContain('下班前提交，已经过了');
  });

  it('makes an occurrence moved by an imported notice five working days before its new day, once', async () => {
    const reply = await ask('/周期 报送月度统计数据 @张三 每月1日前');
    expect(reply).toContain('下一期（2027-01）截止 2027-01-01 17:00 周五');
    expect(reply).toContain('将于 2026-12-25 09:30 周五 自动登记');

    const card = await rig.answer(ADMIN, `/日历 导入\n${NOTICE_2027}`, [], { chatId: CHAT });
    expect((await rig.press(card, '确认导入', ADMIN, CHAT)).toast.type).toBe('success');
    await rig.settle();

    const monthly = () =>
      shown().filter((t) => t.includes('已登记') && t.includes('报送月度统计数据 · 2027-01期'));
    await moveTo('2026-12-24 09:30');
    const made = await rig.fake.waitFor(() => monthly()[0]);
    expect(made).toContain('2026-12-31 17:00 周四');
    await moveTo('2026-12-25 09:30');
    await rig.settle();
    await moveTo('2026-12-28 09:30');
    await rig.settle();
    expect(monthly()).toHaveLength(1);
  });
});
