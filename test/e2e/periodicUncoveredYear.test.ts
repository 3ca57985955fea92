/**
 * `/周期` set in December when next year's 放假调休安排 is not yet recorded (README: every
 * confirmation whose deadline touches that year carries a warning): the next occurrence falls
 * due on 2027-01-01 — 元旦 in every year, but counted as a Friday until the notice is imported —
 * so the confirmation says the year is not yet known, as /任务's does; and so does `/周期 恢复`'s,
 * by the calendar as it is then: once the year's notice is imported, neither says it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { NOTICE_2027 } from '../support/notice2027.ts';
import { ADMIN, ZHANG } from '../support/people.ts';

let rig: Rig;
// Friday 4 December 2026, 10:00 in Beijing; the packaged data has no 2027.
const clock = new ManualClock('2026-12-04T10:00:00+08:00');
const CHAT = 'oc_test_chat_periodic_uncovered_01';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string, mentions = [ZHANG]) =>
  textOf((await rig.answer(who, text, mentions, { chatId: CHAT })).content);

describe('/周期 across into a year not yet recorded', () => {
  it('warns that the next occurrence falls in a year whose arrangement is not yet recorded', async () => {
    const reply = await ask(ADMIN, '/周期 报送月度统计数据 @张三 每月1日前');
    expect(reply).toContain('下一期（2027-01）截止 2027-01-01 18:00 周五');
    expect(reply).toContain('⚠️ 2027年的放假调休安排尚未收录');
    expect(reply).toContain('/日历 导入');
  });

  it('says nothing of the kind when the next occurrence falls in a recorded year', async () => {
    const reply = await ask(ADMIN, '/周期 报送周报 @张三 每周五前');
    expect(reply).toContain('下一期');
    expect(reply).toContain('2026-12-');
    expect(reply).not.toMatch(/尚未收录/);
  });

  it('says the same when the schedule is resumed, until the year’s notice is imported', async () => {
    expect(await ask(ADMIN, '/周期 暂停 S1', [])).toContain('已暂停');
    const resumed = await ask(ADMIN, '/周期 恢复 S1', []);
    expect(resumed).toContain('周期 S1 已恢复，下一期（2027-01）截止 2027-01-01 18:00 周五');
    expect(resumed).toContain('⚠️ 2027年的放假调休安排尚未收录');

    const card = await rig.answer(ADMIN, `/日历 导入\n${NOTICE_2027}`, [], { chatId: CHAT });
    expect((await rig.press(card, '确认导入', ADMIN, CHAT)).toast.type).toBe('success');
    await rig.settle();
    expect(await ask(ADMIN, '/周期 暂停 S1', [])).toContain('已暂停');
    const again = await ask(ADMIN, '/周期 恢复 S1', []);
    // 元旦 is now a holiday: due the working day before it, and nothing said of 2027.
    expect(again).toContain('周期 S1 已恢复，下一期（2027-01）截止 2026-12-31 18:00 周四');
    expect(again).not.toMatch(/尚未收录/);
  });
});
