/**
 * The office-hours promise, replayed as the trial saw it (issue 9 §2): the real luoshi in
 * playground mode, items typed into the group, and the clock moved with the page's own time
 * travel through more than a week. Everything the bot pushes on its own (reminders, chases,
 * escalations, digests, reports — every bot message that answers nobody) must be stamped on a
 * working day between office start and office end, 18:00 included; the chase of a deadline at
 * office end at 18:00, not 18:01; and an item is escalated once, even after an admin changes
 * the escalation policy.
 *
 * The oracle is written out here (Monday to Friday, 09:00–18:00 in Beijing; the weeks used
 * have no holidays), not taken from the code under test.
 */
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/playground/log.ts';
import { dmChatId, PLAYGROUND_ADMIN_OPEN_ID, PLAYGROUND_GROUP_CHAT } from '../../src/playground/world.ts';
import { collectorMinute } from '../../src/scheduling/jobIds.ts';
import { cardText, isCard } from '../support/cardText.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

const WANG = 'ou_pg_wang_lead';
const LIU = 'ou_pg_liu_principal';

/** Beijing wall clock of an instant: `2026-11-26 18:00 4` (weekday last, 0 = Sunday). */
function beijing(ms: number): { date: string; time: string; weekday: number } {
  const d = new Date(ms + 8 * 3600_000);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: d.getUTCDay() };
}

const inOfficeHours = (ms: number) => {
  const { time, weekday } = beijing(ms);
  return weekday >= 1 && weekday <= 5 && time >= '09:00' && time <= '18:00';
};

function textOf(e: LogEntry): string {
  if (e.record.kind !== 'bot') return '';
  const m = e.record.message;
  // Item numbers are bold on cards: read as a person reads them.
  if (m.type === 'file') return m.name;
  return m.type === 'text' ? m.text : isCard(m.card) ? cardText(m.card).replaceAll('**', '') : '';
}

let rig: PlaygroundRig;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
});
afterAll(async () => {
  await rig?.close();
});

const pg = () => rig.luoshi.playground!;

/** Types a line as `as` and waits for the bot's answer. */
async function say(as: string, text: string, chatId = PLAYGROUND_GROUP_CHAT): Promise<string> {
  const { messageId, entryId } = await pg().chat.say({ as, chatId, text });
  const reply = await pg().log.waitFor(
    entryId,
    (e) => e.record.kind === 'bot' && e.record.replyTo === messageId,
    15_000,
  );
  if (!reply) throw new Error(`no answer to ${text}`);
  return textOf(reply);
}

/** Bot messages nobody asked for (pushes), oldest first. */
async function pushes(): Promise<Array<{ at: number; chatId: string; text: string }>> {
  const all = await pg().log.recent(2000);
  return all.flatMap((e) =>
    e.record.kind === 'bot' && !e.record.replyTo
      ? [{ at: e.record.at, chatId: e.record.chatId, text: textOf(e) }]
      : [],
  );
}

/** Waits until a queue has nothing waiting or running. */
async function idle(queue: Queue): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('queue still busy after 10 s');
}

const travelTo = (local: string) =>
  pg().timeTravel!.travel({ kind: 'to', instant: Date.parse(`${local.replace(' ', 'T')}:00+08:00`) });

describe('office hours are a promise', () => {
  it('pushes nothing outside office hours or on a day off, and chases a deadline at office end at office end', async () => {
    expect(await say(PLAYGROUND_ADMIN_OPEN_ID, '/设置 领导 @刘局长')).toContain('刘局长');
    expect(await say(PLAYGROUND_ADMIN_OPEN_ID, '/设置 提醒 加急 开')).toContain('升级加急：开');
    // Due today at office end; due on Saturday (a rest day, kept as written); due tonight at 20:00.
    expect(await say(WANG, '/任务 报送周报 @张三 今天 牵头 @王主任')).toContain('2026-11-26 18:00');
    expect(await say(WANG, '/任务 核对台账 @李四 11月28日 牵头 @王主任')).toContain('2026-11-28 18:00');
    expect(await say(WANG, '/任务 夜间值守安排 @张三 今天20点')).toContain('2026-11-26 20:00');

    await travelTo('2026-12-04 12:00');
    const pushed = await pushes();
    expect(pushed.length).toBeGreaterThan(10);
    const outside = pushed
      .filter((p) => !inOfficeHours(p.at))
      .map((p) => `${beijing(p.at).date} ${beijing(p.at).time} ${p.text.slice(0, 30)}`);
    expect(outside).toEqual([]);

    // The deadline at office end is chased at office end, in the group, on the dot.
    const dueChase = pushed.find((p) => p.chatId === PLAYGROUND_GROUP_CHAT && p.text.includes('到期催办'));
    expect(dueChase && `${beijing(dueChase.at).date} ${beijing(dueChase.at).time}`).toBe('2026-11-26 18:00');
    // The urgent escalation reached the principal leader, inside office hours too.
    const escalations = pushed.filter((p) => p.chatId === dmChatId(LIU) && p.text.includes('逾期上报'));
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.every((p) => p.text.startsWith('【加急】'))).toBe(true);
  }, 120_000);

  it('escalates an item once, even after the admin changes the escalation policy', async () => {
    const no = /#(\d+)/.exec(await say(WANG, '/任务 编制应急预案 @李四 12月7日 牵头 @王主任'))?.[1];
    expect(no).toBeDefined();
    // Due Monday 7 December; two working days late on Wednesday 9 December at 18:00.
    await travelTo('2026-12-10 10:00');
    const escalated = async () =>
      (await pushes()).filter(
        (p) => p.chatId === dmChatId(LIU) && p.text.includes('逾期上报') && p.text.includes(`#${no} `),
      );
    expect(await escalated()).toHaveLength(1);

    expect(await say(PLAYGROUND_ADMIN_OPEN_ID, '/设置 提醒 升级 3')).toContain('3');
    await travelTo('2026-12-16 10:00');
    expect(await escalated()).toHaveLength(1);
    // The chase goes on every working morning meanwhile: the item was not forgotten, only not escalated twice.
    const chases = (await pushes()).filter((p) => p.text.includes('逾期催办') && p.text.includes(`#${no} `));
    expect(chases.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('holds a reminder that fires after office end (the bot was down) to the next office start', async () => {
    const no = /#(\d+)/.exec(await say(WANG, '/任务 整理会议档案 @张三 12月16日'))?.[1];
    // The bot is down from before 18:00 until 19:30: the 18:00 chase fires when it comes back.
    rig.clock.setTo(Date.parse('2026-12-16T19:30:00+08:00'));
    expect(await rig.luoshi.deps.scheduler.promoteDue(rig.clock.now())).toBeGreaterThan(0);
    await idle(rig.luoshi.queues.reminders);
    // Its card is gathered for Thursday 09:00, not sent into the evening.
    const collectors = (await rig.luoshi.queues.reminders.getDelayed())
      .map((j) => collectorMinute(j.id ?? ''))
      .filter((m) => m !== undefined)
      .map((m) => beijing(m * 60_000));
    expect(collectors.map((c) => `${c.date} ${c.time}`)).toEqual(['2026-12-17 09:00']);

    await travelTo('2026-12-17 10:00');
    const chased = (await pushes()).filter((p) => p.text.includes('到期催办') && p.text.includes(`#${no} `));
    expect(
      chased.map((p) => `${p.chatId === PLAYGROUND_GROUP_CHAT ? 'group' : p.chatId} ${beijing(p.at).time}`),
    ).toEqual(['group 09:00']);
    expect(chased.every((p) => beijing(p.at).date === '2026-12-17')).toBe(true);
    // That morning's overdue chase of the item would say the same: the card names the item once.
    expect(chased[0]!.text.split(`#${no} `)).toHaveLength(2);
  }, 60_000);

  it('keeps to the group’s own office hours: the digest at its office start, a chase at 18:00 the next morning', async () => {
    expect(await say(PLAYGROUND_ADMIN_OPEN_ID, '/设置 提醒 上班 09:30 下班 17:30')).toContain('09:30-17:30');
    const no = /#(\d+)/.exec(await say(WANG, '/任务 汇总年度考核材料 @张三 12月18日18:00'))?.[1];
    // A day without a time is the group's own office end, chased then.
    const dayOnly = /#(\d+)/.exec(await say(WANG, '/任务 报送考核自评表 @张三 12月18日'))?.[1];
    const before = (await pushes()).length;
    await travelTo('2026-12-21 12:00');
    const after = (await pushes()).slice(before);
    const group = after.filter((p) => p.chatId === PLAYGROUND_GROUP_CHAT);
    const stamps = group.map((p) => `${beijing(p.at).date} ${beijing(p.at).time}`);
    expect(stamps.every((t) => t.slice(11) >= '09:30' && t.slice(11) <= '17:30')).toBe(true);
    // Friday's 18:00 deadline is after this group's office end: chased on Monday at 09:30.
    const chase = group.find((p) => p.text.includes('到期催办') && p.text.includes(`#${no} `));
    expect(chase && `${beijing(chase.at).date} ${beijing(chase.at).time}`).toBe('2026-12-21 09:30');
    const atOfficeEnd = group.find((p) => p.text.includes('到期催办') && p.text.includes(`#${dayOnly} `));
    expect(atOfficeEnd && `${beijing(atOfficeEnd.at).date} ${beijing(atOfficeEnd.at).time}`).toBe(
      '2026-12-18 17:30',
    );
    const digests = group.filter((p) => p.text.includes('每日督办简报'));
    expect(digests.map((p) => beijing(p.at).time)).toEqual(['09:30', '09:30']);
    // The leaders' own digests keep the deployment's hours (09:00) in their private chats.
    const leaderDigests = after.filter((p) => p.chatId === dmChatId(WANG) && p.text.includes('每日督办简报'));
    expect(leaderDigests.map((p) => beijing(p.at).time)).toEqual(['09:00', '09:00']);
  }, 60_000);

  it('drops a group’s share of the digest that comes after the group’s office hours (the bot was down)', async () => {
    // The 09:00 run holds this group's share to its 09:30 office start…
    await travelTo('2026-12-22 09:00');
    const before = (await pushes()).length;
    // …but the bot is down from 09:15 until 18:30, when the share's job finally runs.
    rig.clock.setTo(Date.parse('2026-12-22T18:30:00+08:00'));
    expect(await rig.luoshi.deps.scheduler.promoteDue(rig.clock.now())).toBeGreaterThan(0);
    await idle(rig.luoshi.queues.reminders);
    await idle(rig.luoshi.queues.outbound);
    expect((await pushes()).slice(before).filter((p) => p.chatId === PLAYGROUND_GROUP_CHAT)).toEqual([]);
    // The next morning's digest comes as usual, once.
    await travelTo('2026-12-23 10:00');
    const digests = (await pushes())
      .slice(before)
      .filter((p) => p.chatId === PLAYGROUND_GROUP_CHAT && p.text.includes('每日督办简报'));
    expect(digests.map((p) => `${beijing(p.at).date} ${beijing(p.at).time}`)).toEqual(['2026-12-23 09:30']);
  }, 60_000);
});
