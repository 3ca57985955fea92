/**
 * Annual plans and the 10% rule (issue 12 §1) through the whole path: a unit's plan pasted line
 * by line is previewed (what was read, what was not) and recorded on 确认导入 by its importer
 * only; `/计划` shows each unit's implementation; a plan item given up is the lead leader's
 * call; and on the first working day of December the review records a 书面说明 for the unit
 * whose plan is more than 10% unimplemented — 1 of 9 — and not for the one at exactly 10% —
 * 1 of 10 — and tells the principal leader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLarkTypes.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, WANG, ZHANG, ZHAO } from '../support/people.ts';

let rig: Rig;
// Friday 20 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-20T10:00:00+08:00');
const CHAT = 'oc_test_chat_plans_00001';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
  await rig.luoshi.deps.settings.update(rig.fake.tenantKey, CHAT, (g) => ({ ...g, principal: ZHAO }), {
    actor: ADMIN,
    action: 'settings-principal',
    at: clock.now(),
  });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string, mentions: (typeof ZHANG)[] = []) =>
  (await rig.ask(who, text, mentions, { chatId: CHAT })).replaceAll('**', '');

const press = (card: FakeMessage, label: string, operator: string) => rig.press(card, label, operator, CHAT);

/** Imports a unit's plan of `count` items and confirms it; returns the item numbers' text. */
async function importPlan(unit: string, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => `${unit}计划事项${i + 1} | 11月30日`);
  const card = await rig.answer(
    CREATOR,
    `/计划 导入 2026 单位 ${unit} 牵头 @王主任\n${lines.join('\n')}`,
    [WANG],
    {
      chatId: CHAT,
    },
  );
  expect(textOf(card.content)).toContain(`读到 ${count} 项`);
  expect((await press(card, '确认导入', CREATOR)).toast.content).toContain(`已导入 ${count} 项计划`);
}

describe('/计划', () => {
  it('previews what it read and what it did not, and records it on 确认导入 by its importer', async () => {
    const card = await rig.answer(
      CREATOR,
      '/计划 导入 2026 单位 县住建委 牵头 @王主任\n老旧小区改造 | 12月15日 | @张三\n危房排查\n多了 | 一栏 | @张三 | 出来\n燃气管网改造 | 下辈子',
      [WANG, ZHANG],
      { chatId: CHAT },
    );
    const preview = textOf(card.content);
    expect(preview).toContain('读到 2 项');
    expect(preview).toContain('老旧小区改造 · 截止 2026-12-15');
    expect(preview).toContain('危房排查 · 截止 2026-12-31 18:00');
    expect(preview).toContain('第 4 行：最多三栏');
    expect(preview).toContain('燃气管网改造');
    expect((await press(card, '确认导入', ZHANG.openId)).toast.content).toContain(
      '只有导入计划的人或系统管理员',
    );
    expect((await press(card, '确认导入', CREATOR)).toast.content).toContain('已导入 2 项计划');
    // Not yet due is not yet unimplemented.
    expect(await ask(CREATOR, '/计划')).toContain(
      '县住建委：共 2 项，实施 0，未实施 0（0%），在办 2（未到期）',
    );

    // Imported again: what the plan has is not recorded twice, and a deadline outside the year is refused.
    const again = textOf(
      (
        await rig.answer(
          CREATOR,
          '/计划 导入 2026 单位 县住建委\n老旧小区改造 | 12月15日\n道路改造 | 3月1日\n雨污分流',
          [],
          {
            chatId: CHAT,
          },
        )
      ).content,
    );
    expect(again).toContain('读到 1 项');
    expect(again).toMatch(/第 2 行：“老旧小区改造”已在 2026 年 县住建委 的计划中（#\d+）/u);
    expect(again).toContain('第 3 行：“道路改造”的截止 2027-03-01');
    expect(again).toContain('不在 2026 年内');
  });

  it('leaves giving a plan item up to its lead leader', async () => {
    const list = await ask(CREATOR, '/列表');
    const no = Number(/#(\d+)/.exec(list)?.[1]);
    expect(await ask(CREATOR, `/计划 不再实施 #${no} 资金未到位`)).toContain('由牵头领导或系统管理员决定');
    expect(await ask(WANG.openId, `/计划 不再实施 #${no} 资金未到位`)).toContain('已取消');
  });

  it('asks a 书面说明 of a unit over 10% on the first working day of December, and not of one at 10%', async () => {
    // The review's own message: the daily digest, sent the same morning in no fixed order
    // relative to it, names the plan items (and so both units) too.
    const review = (content: unknown) => (textOf(content).includes('书面说明') ? textOf(content) : '');
    await importPlan('县交通局', 9);
    await importPlan('县水利局', 10);
    const done = async (unit: string, n: number) => {
      const list = await ask(CREATOR, `/列表 单位 ${unit}`);
      const nos = [...list.matchAll(/#(\d+)/g)].map((m) => Number(m[1])).slice(0, n);
      for (const no of nos) expect(await ask(CREATOR, `/完成 #${no} 已完成`)).toContain(`#${no}`);
    };
    await done('县交通局', 8);
    await done('县水利局', 9);
    // The last items were due on 30 November: by December they are unimplemented.
    clock.set('2026-12-01T08:30:00+08:00');
    const plans = await ask(CREATOR, '/计划');
    expect(plans).toContain('县交通局：共 9 项，实施 8，未实施 1（11%），超过 10%');
    expect(plans).toContain('县水利局：共 10 项，实施 9，未实施 1（10%）');
    expect(plans).not.toMatch(/县水利局[^\n]*超过/);

    clock.set('2026-12-01T09:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    const told = await rig.fake.waitFor(() =>
      rig.fake.messagesTo(ZHAO.openId).find((m) => review(m.content).includes('县交通局')),
    );
    expect(textOf(told!.content)).toContain('9 项中 1 项未实施（11%），超过 10%');
    expect(rig.fake.messagesTo(ZHAO.openId).some((m) => review(m.content).includes('县水利局'))).toBe(false);
    const list = await ask(CREATOR, '/列表');
    expect(list).toContain('县交通局 2026年工作计划 1/9 项未实施');
    expect(list).not.toContain('县水利局 2026年工作计划');
  });

  it('lets an organisation admin move the review days, audited, and reviews on the day set', async () => {
    clock.set('2026-12-02T10:00:00+08:00');
    expect(await ask(CREATOR, '/计划 检查日')).toContain(
      '2026 年工作计划检查日：2026-12-01、2026-12-31（默认',
    );
    expect(await ask(CREATOR, '/计划 检查日 12月10日')).toContain('由系统管理员设定');
    expect(await ask(ADMIN, '/计划 检查日 12月12日')).toContain('2026-12-12 不是工作日');
    expect(await ask(ADMIN, '/计划 检查日 12月1日')).toContain('已经过了');
    expect(await ask(ADMIN, '/计划 检查日 十二月')).toContain('不是日期');
    expect(await ask(ADMIN, '/计划 检查日 12月10日 12月30日')).toContain('改为：2026-12-10、2026-12-30');
    const audit = await rig.luoshi.redis.xrange(rig.luoshi.keys.audit(rig.fake.tenantKey), '-', '+');
    expect(audit.some(([, f]) => f.includes('plan.review-days') && f.includes(ADMIN))).toBe(true);

    // A unit whose plan falls due on 8 December is reviewed on the 10th, not on the 9th; the
    // unit that still owes its 书面说明 from 1 December is not asked for a second one.
    const card = await rig.answer(
      CREATOR,
      '/计划 导入 2026 单位 县林业局\n森林防火 | 12月8日\n林长制巡查 | 12月8日',
      [],
      {
        chatId: CHAT,
      },
    );
    expect((await press(card, '确认导入', CREATOR)).toast.content).toContain('已导入 2 项计划');
    const asked = (unit: string) =>
      rig.fake
        .messagesTo(ZHAO.openId)
        .slice(before)
        .some((m) => textOf(m.content).includes(unit) && textOf(m.content).includes('已登记书面说明'));
    const before = rig.fake.messagesTo(ZHAO.openId).length;
    clock.set('2026-12-09T09:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.settle();
    expect(asked('县林业局')).toBe(false);
    clock.set('2026-12-10T09:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() => asked('县林业局'));
    expect(asked('县交通局')).toBe(false);
    // The group hears it too, the 书面说明's owner @-ed: a group without a principal still knows.
    await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(CHAT)
        .find((m) => textOf(m.content).includes('计划检查：县林业局 2026 年工作计划 2 项中 2 项未实施')),
    );
    // Asked again by hand, it says the one still owed is still owed.
    expect(await ask(ADMIN, '/计划 检查')).toMatch(/县交通局：书面说明 #\d+ 仍未办结，不重复登记/u);
    expect(await ask(ADMIN, '/计划 检查日 默认')).toContain(
      '已恢复 2026 年的默认检查日：2026-12-01、2026-12-31',
    );
  });
});
