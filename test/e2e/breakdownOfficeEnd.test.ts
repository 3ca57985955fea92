/**
 * `/分解` in a group with its own office end (office-week trial): in a group of 09:30–17:30 the
 * task got 17:30 but its monthly check-ins 18:00, after the group had gone home. Each check-in
 * now falls at the group's office end on its day, like the task; check-ins already recorded
 * keep their deadline when the office end changes (recorded deadlines never move), and a task
 * split afterwards uses the new end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { ADMIN, LI } from '../support/people.ts';

let rig: Rig;
// Friday 4 December 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-12-04T10:00:00+08:00');
const CHAT = 'oc_test_chat_breakdown_office_end';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = (text: string, mentions = [LI]) => rig.ask(ADMIN, text, mentions, { chatId: CHAT });

/** The `#n title · 截止 …` lines of a confirmation or a list. */
const milestones = (text: string) => text.split('\n').filter((l) => /^#\d+ /.test(l));

describe('/分解 in a group with its own office hours', () => {
  it('puts every check-in at the group’s office end, as the task', async () => {
    expect(await ask('/设置 提醒 上班 09:30 下班 17:30', [])).toContain('17:30');
    const lines = milestones(await ask('/分解 老旧小区改造三年行动 @李四 2027年6月30日 按月'));
    expect(lines[0]).toMatch(/老旧小区改造三年行动 · 截止 2027-06-30 17:30 周三/);
    // December 2026 to May 2027: six monthly check-ins, each on its month's last working day.
    expect(lines.slice(1)).toHaveLength(6);
    expect(lines[1]).toMatch(/进展报告（2026年12月）：老旧小区改造三年行动 · 截止 2026-12-31 17:30 周四/);
    for (const line of lines.slice(1)) expect(line).toMatch(/截止 \d{4}-\d\d-\d\d 17:30 /);
  });

  it('keeps recorded check-ins where they are when the office end changes; a new split uses the new end', async () => {
    expect(await ask('/设置 提醒 下班 17:00', [])).toContain('17:00');
    const recorded = await ask('/查询 #2', []);
    expect(recorded).toContain('2026-12-31 17:30');
    const lines = milestones(await ask('/分解 背街小巷整治 @李四 2027年3月31日 按季'));
    expect(lines[0]).toMatch(/背街小巷整治 · 截止 2027-03-31 17:00 周三/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/进展报告（2026年第4季度）：背街小巷整治 · 截止 2026-12-31 17:00 周四/),
    ]);
  });
});
