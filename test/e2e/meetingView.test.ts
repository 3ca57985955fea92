/**
 * One meeting as it stands, through the whole path (notice 十五): `/会议 会议#n` and `/会议 #n`
 * show its day with the weekday, host and registrar by name, the topic deadline and whether it
 * has passed, each topic on time or late with the host's decision (同意上会, 不同意, 待定), and
 * the minutes — who recorded them, when, and the 议定 items. Shown in the meeting's chat and
 * privately, refused in another group — as are its topics and minutes, and `/会议` lists a group
 * only its own meetings. The registration names the host; `/议题 会议#n` alone
 * points to `/会议 会议#n` rather than asking for an @ (trial: there was no way to see topics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 3 December 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-12-03T10:00:00+08:00');
const CHAT = 'oc_test_chat_meeting_view_1';
const OTHER = 'oc_test_chat_meeting_view_2';

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string, mentions: (typeof ZHANG)[] = [], chatId = CHAT) =>
  (await rig.ask(who, text, mentions, { chatId })).replaceAll('**', '');

describe('/会议 会议#n (notice 十五)', () => {
  it('names the host on registering, and shows the meeting with its deadline before any topic', async () => {
    const registered = await ask(LI.openId, '/会议 第12次常务会 12月18日 9:00 主持 @王主任 常务会', [WANG]);
    expect(registered).toContain('已登记 会议#1 第12次常务会 · 2026-12-18 09:00 · 常务会 · 主持：王主任。');
    const shown = await ask(ZHANG.openId, '/会议 会议#1');
    expect(shown).toContain('会议#1 第12次常务会（常务会）');
    expect(shown).toContain('时间：2026-12-18（周五） 09:00');
    expect(shown).toContain('主持：王主任');
    // 18 December less three working days: 15 December, by the group's office end.
    expect(shown).toMatch(/议题截止：2026-12-15（周二） \d\d:\d\d 下班前（会前 3 个工作日），尚未截止/u);
    expect(shown).toContain('议题：暂无');
    expect(shown).toContain('纪要：尚未记录');
    // A meeting without topics to call for has no deadline line.
    expect(await ask(CREATOR, '/会议 情况通报会 12月10日 座谈会')).toContain('已登记 会议#2');
    expect(await ask(CREATOR, '/会议 #2')).not.toContain('议题截止');
    expect(await ask(CREATOR, '/会议 会议#9')).toContain('没有找到 会议#9');
  });

  it('answers /议题 会议#n alone with the usage and where to see the topics', async () => {
    const answer = await ask(ZHANG.openId, '/议题 会议#1');
    expect(answer).toContain('查看 会议#1 已有的议题：/会议 会议#1');
    expect(answer).toContain('/议题 会议#<编号> <议题> @汇报单位负责人');
    expect(answer).not.toContain('请 @ 汇报单位负责人');
  });

  it('lists each topic, on time or late with the host’s decision, and the minutes with their items', async () => {
    expect(await ask(CREATOR, '/议题 会议#1 老旧小区改造方案 @李四', [LI])).toContain('登记第 1 个议题');
    // After 15 December the topics are late: put to the host.
    clock.set('2026-12-16T10:00:00+08:00');
    const accepted = await rig.answer(CREATOR, '/议题 会议#1 背街小巷整治 @张三', [ZHANG], { chatId: CHAT });
    const declined = await rig.answer(CREATOR, '/议题 会议#1 停车场改造 @张三', [ZHANG], { chatId: CHAT });
    expect(cardText((await rig.press(accepted, '同意上会', WANG.openId)).card!.data)).toContain('同意上会');
    expect((await rig.press(declined, '不同意', WANG.openId)).toast.content).toContain('已不同意上会');
    await rig.answer(CREATOR, '/议题 会议#1 公厕改造 @李四', [LI], { chatId: CHAT });
    expect(await ask(WANG.openId, '/议题 会议#1 城市更新总体方案 @李四', [LI])).toContain('主持人本人补交');

    const shown = await ask(ZHANG.openId, '/会议 #1');
    // Who registered it, by name (the directory knows 李四 from the mentions).
    expect(shown).toContain('登记：李四');
    expect(shown).toMatch(/议题截止：2026-12-15（周二） \d\d:\d\d 下班前（会前 3 个工作日），已截止/u);
    expect(shown).toContain('1. 老旧小区改造方案 · 汇报：李四 · 按时提交');
    expect(shown).toContain('2. 背街小巷整治 · 汇报：张三 · 逾期，主持人同意上会');
    expect(shown).toContain('3. 城市更新总体方案 · 汇报：李四 · 逾期，主持人本人补交');
    expect(shown).toContain('· 停车场改造 · 汇报：张三 · 逾期，主持人不同意（未上会）');
    expect(shown).toContain('· 公厕改造 · 汇报：李四 · 逾期，主持人待定（未上会）');

    clock.set('2026-12-18T09:30:00+08:00');
    expect(
      await ask(WANG.openId, '/纪要 会议#1 会议纪要\n议定：报送老旧小区改造方案 @张三 12月25日', [ZHANG]),
    ).toContain('已记录 会议#1');
    const after = await ask(ZHANG.openId, '/会议 会议#1');
    expect(after).toMatch(/纪要：已记录（\d+ 字，王主任 记录于 2026-12-18 09:30 周五）；议定事项 1 项：#1/u);
    // Past the meeting's day the undecided one is said to be so.
    clock.set('2026-12-19T09:00:00+08:00');
    expect(await ask(ZHANG.openId, '/会议 会议#1')).toContain('· 公厕改造 · 汇报：李四 · 逾期，主持人未决定');
    clock.set('2026-12-03T10:00:00+08:00');
  });

  it('shows the meeting privately, and refuses it in another group as other commands refuse', async () => {
    const elsewhere = await ask(ZHANG.openId, '/会议 会议#1', [], OTHER);
    expect(elsewhere).toContain('会议#1 不是本群的会议');
    expect(elsewhere).not.toContain('老旧小区改造方案');
    const privately = (
      await rig.ask(ZHANG.openId, '/会议 会议#1', [], { chatId: 'oc_p2p_zhang_meeting', chatType: 'p2p' })
    ).replaceAll('**', '');
    expect(privately).toContain('1. 老旧小区改造方案 · 汇报：李四 · 按时提交');
  });

  it('takes no topic or minutes for another group’s meeting, and lists a group only its own', async () => {
    const topic = await ask(ZHANG.openId, '/议题 会议#1 外群的议题 @李四', [LI], OTHER);
    expect(topic).toContain('会议#1 不是本群的会议');
    const minutes = await ask(WANG.openId, '/纪要 会议#1 外群写的纪要', [], OTHER);
    expect(minutes).toContain('会议#1 不是本群的会议');
    expect(await ask(ZHANG.openId, '/会议 会议#1')).not.toContain('外群');
    // The year's list: in the meeting's group, not in another; privately, to whoever has a part.
    expect(await ask(ZHANG.openId, '/会议')).toContain('会议#1 2026-12-18');
    expect(await ask(ZHANG.openId, '/会议', [], OTHER)).not.toContain('会议#1 ');
    const privately = (who: string) =>
      rig.ask(who, '/会议', [], { chatId: `oc_p2p_${who}_meetings`, chatType: 'p2p' });
    expect(await privately(WANG.openId)).toContain('会议#1 2026-12-18');
    expect(await privately(ZHANG.openId)).not.toContain('会议#1 ');
  });
});
