/**
 * `/周期` (issue 10 §3) through the whole path, with the clock moved as playground time travel
 * moves it: a monthly 报送 set in a group becomes one ordinary item per month, five working days
 * before it falls due — the October one moved before 国庆节 — which is then chased like any item;
 * 暂停 makes nothing, 恢复 picks up the next; staff may not set one; and the job that makes an
 * occurrence, run again after a crash, makes it once.
 */
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOccurrenceProcessor } from '../../jobs/occurrence.ts';
import type { OccurrenceJobData } from '../../src/scheduling/occurrencePlanner.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 10 September 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-09-10T10:00:00+08:00');
const CHAT = 'oc_test_chat_periodic_0001';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string, mentions = [ZHANG]) =>
  textOf((await rig.answer(who, text, mentions, { chatId: CHAT })).content);

/** Everything the group was shown, as read. */
const shown = () =>
  rig.fake
    .messagesTo(CHAT)
    .filter((m) => !m.parentId)
    .map((m) => textOf(m.content).replaceAll('**', ''));

async function moveTo(local: string) {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
}

describe('/周期', () => {
  it('is set by an admin or a leader, not by staff', async () => {
    expect(await ask(CREATOR, '/周期 报送月度统计数据 @张三 每月1日前')).toContain('周期事项由本群管理员');
  });

  it('says when the next one falls due and when it will be recorded, moved before 国庆节', async () => {
    const reply = await ask(ADMIN, '/周期 报送月度统计数据 @张三 每月1日前');
    expect(reply).toContain('已设周期 S1');
    // 10月1日 is a holiday: due the last working day before it, recorded five working days ahead
    // (中秋节 takes 9月25日: 29, 28, 24, 23, 22).
    expect(reply).toContain('下一期（2026-10）截止 2026-09-30 18:00 周三');
    expect(reply).toContain('将于 2026-09-22 09:00 周二 自动登记');
    expect(shown().some((t) => t.includes('报送月度统计数据 · 2026-10期'))).toBe(false);
  });

  it('records the occurrence as an item when its day comes, and chases it like any item', async () => {
    await moveTo('2026-09-21 18:00');
    await rig.settle();
    expect(shown().some((t) => t.includes('2026-10期'))).toBe(false);
    await moveTo('2026-09-22 09:00');
    const card = await rig.fake.waitFor(() =>
      shown().find((t) => t.includes('报送月度统计数据 · 2026-10期')),
    );
    expect(card).toContain('2026-09-30 18:00 周三');
    expect(card).toContain('遇节假日提前');
    const no = Number(/#(\d+)/.exec(card!)?.[1]);
    expect((await ask(CREATOR, '/列表', [])).replaceAll('**', '')).toContain(
      `#${no} 报送月度统计数据 · 2026-10期`,
    );

    await moveTo('2026-09-30 18:00');
    await rig.fake.waitFor(() => shown().find((t) => t.includes(`#${no} `) && t.includes('到期')));
  });

  it('plans the next month, makes nothing while paused, and picks up again on 恢复', async () => {
    expect(await ask(CREATOR, '/周期 列表', [])).toContain(
      'S1 报送月度统计数据 · 每月1日前 · 负责人 张三 · 进行中',
    );
    expect(await ask(ADMIN, '/周期 暂停 S1', [])).toContain('已暂停');
    // November's (11月1日 is a Sunday: due Friday 10月30日) would be recorded on 10月23日.
    await moveTo('2026-10-23 09:00');
    await rig.settle();
    expect(shown().some((t) => t.includes('2026-11期'))).toBe(false);

    expect(await ask(ADMIN, '/周期 恢复 S1', [])).toContain('下一期（2026-11）截止 2026-10-30 18:00 周五');
    await rig.fake.waitFor(() => shown().find((t) => t.includes('报送月度统计数据 · 2026-11期')));
  });

  it('makes an occurrence once even when its job runs again after a crash', async () => {
    const listed = async () => (await ask(CREATOR, '/列表', [])).split('2026-11期').length - 1;
    expect(await listed()).toBe(1);
    const job = {
      data: { tenant: rig.fake.tenantKey, scheduleNo: 1, key: '2026-11', fireAt: clock.now() },
    } as Job<OccurrenceJobData>;
    await createOccurrenceProcessor(rig.luoshi.deps)(job);
    await createOccurrenceProcessor(rig.luoshi.deps)(job);
    await rig.settle();
    expect(await listed()).toBe(1);
    expect(shown().filter((t) => t.includes('报送月度统计数据 · 2026-11期'))).toHaveLength(1);
  });
});
