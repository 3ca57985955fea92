/**
 * A group whose office starts earlier than the deployment's (`/设置 提醒 上班 08:30`) gets its
 * daily digest at its own start, with its reminders — not at the deployment's 09:00, after the
 * day's chases (office-week trial). Leaders' digests keep the deployment's 09:00; another group
 * keeps 09:00; the group gets one digest a day however its hours change: moved earlier, the
 * planned digest moves with them; moved later than 09:00, it goes at the new start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Monday 7 December 2026, 10:00 in Beijing; the deployment keeps 09:00–18:00.
const clock = new ManualClock('2026-12-07T10:00:00+08:00');
const EARLY = 'oc_test_chat_digest_early_start';
const OTHER = 'oc_test_chat_digest_early_other';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = (chatId: string, text: string, mentions = [ZHANG]) => rig.ask(ADMIN, text, mentions, { chatId });

const texts = (to: string) =>
  rig.fake
    .messagesTo(to)
    .filter((m) => !m.parentId)
    .map((m) => textOf(m.content).replaceAll('**', ''));

/** The group digests of `date` (`2026-12-08 周二`) a chat was sent. */
const digests = (chatId: string, date: string) =>
  texts(chatId).filter((t) => t.includes(`📊 每日督办简报 · ${date}`)).length;

async function moveTo(local: string) {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
  await rig.settle();
  // The runs' own shares, added as they ran.
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
  await rig.settle();
}

describe('the digest of a group that starts before the deployment', () => {
  it('comes at the group’s 08:30 with its reminders; leaders and other groups get theirs at 09:00', async () => {
    expect(await ask(EARLY, '/设置 提醒 上班 08:30 下班 17:00', [])).toContain('08:30-17:00');
    expect(await ask(EARLY, '/任务 报送冬季安全检查表 @张三 12月9日 牵头 @王主任', [ZHANG, WANG])).toContain(
      '2026-12-09 17:00',
    );
    await ask(OTHER, '/任务 报送值班安排 @张三 12月9日');

    await moveTo('2026-12-08 08:30');
    await rig.fake.waitFor(() => digests(EARLY, '2026-12-08 周二') === 1 || undefined);
    await rig.fake.waitFor(() => texts(EARLY).some((t) => t.startsWith('🟡 临近提醒')) || undefined);
    expect(digests(OTHER, '2026-12-08 周二')).toBe(0);
    expect(texts(WANG.openId).filter((t) => t.includes('📊 每日督办简报（领导）'))).toHaveLength(0);

    await moveTo('2026-12-08 09:00');
    await rig.fake.waitFor(() => digests(OTHER, '2026-12-08 周二') === 1 || undefined);
    await rig.fake.waitFor(
      () => texts(WANG.openId).some((t) => t.includes('📊 每日督办简报（领导）')) || undefined,
    );
    expect(digests(EARLY, '2026-12-08 周二')).toBe(1);
  });

  it('comes at 08:30 the next day too, planned by the day before', async () => {
    await moveTo('2026-12-09 08:30');
    await rig.fake.waitFor(() => digests(EARLY, '2026-12-09 周三') === 1 || undefined);
    await moveTo('2026-12-09 09:00');
    expect(digests(EARLY, '2026-12-09 周三')).toBe(1);
  });

  it('moves with the office start: to 08:00, once; later than 09:00, at the new start', async () => {
    clock.set('2026-12-09T15:00:00+08:00');
    expect(await ask(EARLY, '/设置 提醒 上班 08:00', [])).toContain('08:00-17:00');
    await moveTo('2026-12-10 08:00');
    await rig.fake.waitFor(() => digests(EARLY, '2026-12-10 周四') === 1 || undefined);
    await moveTo('2026-12-10 08:30');
    await moveTo('2026-12-10 09:00');
    expect(digests(EARLY, '2026-12-10 周四')).toBe(1);

    clock.set('2026-12-10T15:00:00+08:00');
    expect(await ask(EARLY, '/设置 提醒 上班 09:30', [])).toContain('09:30-17:00');
    await moveTo('2026-12-11 08:00');
    await moveTo('2026-12-11 09:00');
    expect(digests(EARLY, '2026-12-11 周五')).toBe(0);
    await moveTo('2026-12-11 09:30');
    await rig.fake.waitFor(() => digests(EARLY, '2026-12-11 周五') === 1 || undefined);
  });
});
