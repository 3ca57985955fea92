/**
 * The reminder engine end to end: items recorded by chat commands, the bot's clock moved by
 * hand, the delayed jobs that became due promoted (`promoteDue`, as the playground's time
 * travel does), and what people would see checked on the fake Lark platform. Reminders and
 * digests are cards: they are read as a person reads them (`textOf`: header, markdown, button
 * labels; mentions stay `<at id=…>`), with the bold marks of the item numbers left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/item.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, LI, WANG, ZHANG, ZHAO } from '../support/people.ts';

const HEADERS = ['📨 签收催办', '🟡 临近提醒', '🔴 到期催办', '🔴 逾期催办', '⚠️ 逾期上报'];
/** The title of a card batching reminders of several kinds. */
const MIXED = '⏰ 督办提醒';
/** A card mention: who is notified. */
const atCard = (p: Person) => `<at id=${p.openId}></at>`;

/** The kind a reminder card's title names (【加急】 aside), or undefined for other messages. */
const headerOf = (t: string) => [...HEADERS, MIXED].find((h) => t.replace(/^【加急】/, '').startsWith(h));

/** One rig per scenario, each with its own clock, keys and queues. */
function scenario(start: string, env: Record<string, string> = {}) {
  const clock = new ManualClock(start);
  const ctx: { rig?: Rig } = {};
  beforeAll(async () => {
    ctx.rig = await startRig({ clock, env });
  });
  afterAll(async () => {
    await ctx.rig?.close();
  });
  const rig = () => ctx.rig!;
  /** Everything `to` was shown, oldest first: texts as written, cards as read. */
  const shown = (to: string) =>
    rig()
      .fake.messagesTo(to)
      .map((m) => textOf(m.content).replaceAll('**', ''));
  return {
    clock,
    rig,
    /** Move the clock to a Beijing wall-clock time and run what became due. */
    async moveTo(local: string) {
      clock.set(`${local.replace(' ', 'T')}:00+08:00`);
      return rig().luoshi.deps.scheduler.promoteDue(clock.now());
    },
    /** Record an item by chat and return its number. */
    async record(command: string, mentions: Person[], chatId: string): Promise<number> {
      const sent = await rig().say(CREATOR, command, mentions, { chatId });
      const reply = textOf(
        (await rig().fake.waitFor(() => rig().fake.repliesTo(sent.messageId)[0]))!.content,
      );
      const no = /#(\d+)/.exec(reply);
      if (!no) throw new Error(`no item number in ${reply}`);
      return Number(no[1]);
    },
    async command(sender: string, text: string, chatId: string, mentions: Person[] = []): Promise<string> {
      const sent = await rig().say(sender, text, mentions, { chatId });
      return textOf((await rig().fake.waitFor(() => rig().fake.repliesTo(sent.messageId)[0]))!.content);
    },
    shown,
    /** Waits for a message to `to` that shows every fragment. */
    async waitText(to: string, ...fragments: string[]): Promise<string> {
      const text = await rig().fake.waitFor(() =>
        shown(to).find((t) => fragments.every((f) => t.includes(f))),
      );
      return text!;
    },
    /** The reminder messages (not replies, not digests) to `to` that mention item `no`. */
    reminders(to: string, no: number): string[] {
      return shown(to).filter((t) => headerOf(t) !== undefined && t.includes(`#${no} `));
    },
  };
}

describe('the whole plan of an item, across the National Day break', () => {
  const s = scenario('2026-09-29T10:00:00+08:00');
  const CHAT = 'oc_reminders_plan_0001';

  it('chases, approaches, calls the deadline, chases daily and escalates, in order, never on a holiday', async () => {
    const rig = s.rig();
    await rig.luoshi.deps.settings.update(rig.fake.tenantKey, CHAT, (g) => ({ ...g, principal: ZHAO }), {
      actor: CREATOR,
      action: 'settings-principal',
      at: s.clock.now(),
    });
    const no = await s.record('/任务 报送国庆值班表 @张三 10月9日 牵头 @王主任', [ZHANG, WANG], CHAT);

    await s.moveTo('2026-09-30 10:00');
    expect(await s.waitText(CHAT, '📨 签收催办', `#${no} 报送国庆值班表`, atCard(ZHANG))).toContain('[签收]');
    // Wednesday 30 September is the last working day of its week: the weekly report goes out.
    await s.moveTo('2026-09-30 16:00');
    expect(await s.waitText(CHAT, '📅 本周工作周报')).toContain('新登记 1 项');
    // Nothing at all is due during the break (1–7 October): the next job is 8 October, 09:00.
    expect(await rig.luoshi.deps.scheduler.nextDueAt()).toBe(Date.parse('2026-10-08T09:00:00+08:00'));

    await s.moveTo('2026-10-08 09:00');
    await s.waitText(CHAT, '🟡 临近提醒', `#${no}`, '将于 2026-10-09 18:00 周五 到期');
    const digest = await s.waitText(CHAT, '📊 每日督办简报 · 2026-10-08 周四');
    expect(digest).toContain(`🟡 黄灯：临近截止（1 项）\n#${no} 报送国庆值班表`);
    expect(await s.waitText(WANG.openId, '📊 每日督办简报（领导）')).toContain(`#${no} 报送国庆值班表`);

    await s.moveTo('2026-10-09 09:00');
    await s.waitText(CHAT, '🟡 临近提醒', `#${no}`, '将于 今天 18:00 到期');
    await s.moveTo('2026-10-09 18:00');
    await s.waitText(CHAT, '🔴 到期催办', `#${no}`, atCard(ZHANG), '[完成]');

    // Saturday 10 October is a worked day (调休): the first overdue chase comes then, and the
    // lead leader reads of the missed deadline in his digest, not in a message of its own.
    // The count is of whole working days since the deadline, as the escalation rule counts:
    // Saturday morning is not yet one (no count), Monday morning one, Tuesday morning two.
    await s.moveTo('2026-10-10 09:00');
    await s.waitText(CHAT, '🔴 逾期催办', `#${no}`, '已逾期（截止 2026-10-09 18:00 周五）');
    expect(await s.waitText(WANG.openId, '📊 每日督办简报（领导） · 2026-10-10 周六')).toContain(
      `#${no} 报送国庆值班表 · 张三 · 截止 2026-10-09 18:00 周五（已逾期）`,
    );
    expect(s.shown(WANG.openId).filter((t) => headerOf(t) !== undefined)).toEqual([]);
    await s.moveTo('2026-10-12 09:00');
    await s.waitText(CHAT, '🔴 逾期催办', `#${no}`, '已逾期 1 个工作日');
    await s.moveTo('2026-10-13 09:00');
    await s.waitText(CHAT, '🔴 逾期催办', `#${no}`, '已逾期 2 个工作日');
    // The line of 2 working days was crossed on Monday at 18:00; told at the next office start.
    const escalation = await s.waitText(ZHAO.openId, '⚠️ 逾期上报', `#${no}`);
    expect(escalation).toContain('牵头领导：王主任');
    expect(escalation).toContain('已逾期 2 个工作日');

    expect(s.reminders(CHAT, no).map(headerOf)).toEqual([
      '📨 签收催办',
      '🟡 临近提醒',
      '🟡 临近提醒',
      '🔴 到期催办',
      '🔴 逾期催办',
      '🔴 逾期催办',
      '🔴 逾期催办',
    ]);
    expect(s.shown(ZHAO.openId).filter((t) => headerOf(t) === '⚠️ 逾期上报')).toHaveLength(1);
    // Not urgent: this group's policy leaves 加急 off.
    expect(rig.fake.urgents).toEqual([]);
  }, 90_000);
});

describe('closing, batching, replanning and reconciling', () => {
  const s = scenario('2026-11-26T10:00:00+08:00');

  it('never chases a finished item, and sends one message for two reminders of the same minute', async () => {
    const CHAT = 'oc_reminders_done_0001';
    const done = await s.record('/任务 核对报表 @张三 12月1日', [ZHANG], CHAT);
    const first = await s.record('/任务 整理台账 @张三 12月1日', [ZHANG], CHAT);
    const second = await s.record('/任务 汇总意见 @张三 12月1日', [ZHANG], CHAT);
    expect(await s.command(ZHANG.openId, `/完成 #${done} 已核对无误`, CHAT)).toContain('已办结');
    const pending = await s.rig().luoshi.queues.reminders.getDelayed();
    expect(pending.filter((j) => j.data.no === done)).toEqual([]);

    // Monday 09:00: both open items are approached in one message; the finished one is not.
    await s.moveTo('2026-11-30 09:00');
    const batch = await s.waitText(CHAT, '🟡 临近提醒（2 项）');
    expect(batch).toContain(`#${first} 整理台账`);
    expect(batch).toContain(`#${second} 汇总意见`);
    await s.moveTo('2026-12-02 09:00');
    await s.waitText(CHAT, '🔴 逾期催办（2 项）');
    expect(s.reminders(CHAT, done)).toEqual([]);
    // The 签收 chase of Friday was overtaken by Monday's reminder: it was not sent late.
    expect(s.shown(CHAT).filter((t) => t.includes('签收催办'))).toEqual([]);
  }, 60_000);

  it('replans when an extension is approved: the old deadline is never mentioned again', async () => {
    const CHAT = 'oc_reminders_move_0001';
    const no = await s.record('/任务 编制预算草案 @李四 12月4日 牵头 @王主任', [LI, WANG], CHAT);
    // Asked by the creator on the owner's behalf: nothing says the owner has the item yet.
    expect(await s.command(CREATOR, `/延期 #${no} 12月11日 等财政局数据`, CHAT)).toContain(`#${no}`);
    expect(await s.command(WANG.openId, `/批准 #${no}`, CHAT)).toContain('2026-12-11');

    await s.moveTo('2026-12-04 09:00');
    // Thursday's 签收 chase, promoted just now, runs before the clock moves on: one that ran
    // only after the move to the 10th would rightly be dropped, overtaken by that day's reminder.
    await s.waitText(CHAT, '签收催办', `#${no} `);
    await s.moveTo('2026-12-04 18:00');
    await s.moveTo('2026-12-10 09:00');
    await s.waitText(CHAT, '🟡 临近提醒', `#${no}`, '将于 2026-12-11 18:00 周五 到期');
    expect(s.reminders(CHAT, no).filter((t) => t.includes('2026-12-04'))).toEqual([]);
    // Someone else asking for more time is not the owner's 签收: that chase still came, quoting the new deadline.
    expect(s.reminders(CHAT, no).map(headerOf)).toEqual(['📨 签收催办', '🟡 临近提醒']);
    expect(s.reminders(CHAT, no)[0]).toContain('截止 2026-12-11 18:00 周五');
  }, 60_000);

  it('restores at start-up a plan that was lost, and the reminder still comes', async () => {
    const CHAT = 'oc_reminders_lost_0001';
    const rig = s.rig();
    const no = await s.record('/任务 报送统计年报 @李四 12月16日', [LI], CHAT);
    const lost = (await rig.luoshi.queues.reminders.getDelayed()).filter((j) => j.data.no === no);
    expect(lost).toHaveLength(1);
    for (const job of lost) await job.remove();

    const report = await rig.luoshi.deps.scheduler.reconcile();
    expect(report.replanned).toBe(1);
    expect((await rig.luoshi.deps.scheduler.reconcile()).replanned).toBe(0);
    await s.moveTo('2026-12-15 09:00');
    await s.waitText(CHAT, '🟡 临近提醒', `#${no} 报送统计年报`);
  }, 60_000);
});

describe('an escalation the group marked 加急', () => {
  const s = scenario('2026-11-26T10:00:00+08:00', { LUOSHI_ADMINS: ADMIN });
  const CHAT = 'oc_reminders_urgent_0001';

  it('goes to the principal leader as a card at the very deadline hour, then is made urgent for them', async () => {
    const rig = s.rig();
    expect(await s.command(ADMIN, '/设置 领导 @赵书记', CHAT, [ZHAO])).toContain('赵书记');
    expect(await s.command(ADMIN, '/设置 提醒 加急 开', CHAT)).toContain('升级加急：开');
    const no = await s.record('/任务 报送安全台账 @张三 11月27日 牵头 @王主任', [ZHANG, WANG], CHAT);

    // Due Friday 27 November 18:00; two working days overdue on Tuesday 1 December at 18:00.
    await s.moveTo('2026-11-27 18:00');
    await s.waitText(CHAT, '🔴 到期催办', `#${no}`);
    await s.moveTo('2026-11-30 09:00');
    await s.moveTo('2026-12-01 09:00');
    // Not yet 2 whole working days late that morning: the chase does not say so before the escalation.
    await s.waitText(CHAT, '🔴 逾期催办', `#${no}`, '已逾期 1 个工作日');
    expect(s.shown(ZHAO.openId).filter((t) => headerOf(t) === '⚠️ 逾期上报')).toEqual([]);

    // Urgent escalations are not held back to the next office start: 18:00 on the dot.
    await s.moveTo('2026-12-01 18:00');
    const text = await s.waitText(ZHAO.openId, '【加急】⚠️ 逾期上报', `#${no} 报送安全台账`);
    expect(text).toContain('已逾期 2 个工作日');
    expect(text).toContain('负责人：张三；牵头领导：王主任');
    const sent = rig.fake.messagesTo(ZHAO.openId).find((m) => textOf(m.content).startsWith('【加急】'))!;
    expect(sent).toMatchObject({ kind: 'create', receiveIdType: 'open_id', receiveId: ZHAO.openId });
    expect(sent.msgType).toBe('interactive');

    const urgent = await rig.fake.waitFor(() => rig.fake.urgents.find((u) => u.messageId === sent.messageId));
    expect(urgent).toMatchObject({ userIdType: 'open_id', userIds: [ZHAO.openId], invalidUserIds: [] });
    // Only the escalation is urgent: not the group's chases.
    expect(rig.fake.urgents).toHaveLength(1);
    expect(s.shown(ZHAO.openId).filter((t) => headerOf(t) === '⚠️ 逾期上报')).toHaveLength(1);
  }, 60_000);
});
