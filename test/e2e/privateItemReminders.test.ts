/**
 * Work assigned in a private chat reaches each owner as a card (`privateAssignment.ts`), held
 * to the next office start when it was assigned at night. Its reminders never come first: an
 * owner is not told "临近提醒 #n" about work they were never given. A reminder planned for that
 * same office start follows the card even when the card is slow to go out, and a reminder moved
 * earlier (a Sunday made a working day) brings the card with it — one card either way, and from
 * then on the owner hears what happens to the item. Every path that records an item in a private
 * chat tells its owners so, a /周期 occurrence included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatView } from '../support/chatView.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { ADMIN, CREATOR, LI } from '../support/people.ts';

const P2P = 'oc_p2p_creator_000000000000000002';
const BANNER = '私聊中交办给你';
let rig: Rig;
const clock = new ManualClock('2026-12-07T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const { shown, moveTo, waitFor } = chatView(() => rig, clock);
const assign = async (text: string) =>
  /#(\d+)/.exec(await rig.ask(CREATOR, text, [LI], { chatId: P2P, chatType: 'p2p' }))![1]!;
/** What 李四 was sent about #no, oldest first: the card ('card') or a reminder ('remind'). */
const toLiAbout = (no: string) =>
  shown(LI.openId)
    .filter((m) => m.text.includes(`#${no} `))
    .map((m) => (m.text.includes(BANNER) ? 'card' : m.text.includes('提醒') ? 'remind' : m.text));

describe('a reminder of work assigned privately at night', () => {
  it('follows the card at the office start both are due, though the card is slow to go out', async () => {
    await moveTo('2026-12-08 22:00'); // a Tuesday night
    const no = await assign('/任务 核对会议纪要 @李四 12月9日下午5点');
    await rig.settle();
    expect(toLiAbout(no)).toEqual([]);
    // Lark takes its time over the card and then fails it: it goes out again a moment later.
    rig.fake.failNext(1, { status: 500, delayMs: 1500 }, (r) => {
      const body = JSON.stringify(r.body ?? '');
      return r.isSend && body.includes(LI.openId) && body.includes(BANNER);
    });
    await moveTo('2026-12-09 09:00'); // Wednesday's office start: the card and the 临近提醒
    await waitFor(LI.openId, '临近提醒', `#${no} 核对会议纪要`);
    await waitFor(LI.openId, BANNER, `#${no} 核对会议纪要`);
    await rig.settle();
    expect(toLiAbout(no)).toEqual(['card', 'remind']);
  });

  it('brings the card with it when it is moved before the office start the card waits for', async () => {
    await moveTo('2026-12-11 21:00'); // a Friday night
    const kept = await assign('/任务 整理年终总结 @李四 12月14日下午5点');
    const gone = await assign('/任务 统计加班时长 @李四 12月14日下午5点');
    // Both are held for Monday 09:00, and so is their 临近提醒 — until Sunday is made a working day.
    expect(await rig.ask(ADMIN, '/日历 上班 2026-12-13')).toContain('已设为调休上班');
    await moveTo('2026-12-12 10:00'); // Saturday: nothing yet
    await rig.settle();
    expect([...toLiAbout(kept), ...toLiAbout(gone)]).toEqual([]);

    await moveTo('2026-12-13 09:00'); // Sunday, now a working day: the 临近提醒 is due
    for (const no of [kept, gone]) await waitFor(LI.openId, '临近提醒', `#${no} `);
    await rig.settle();
    expect(toLiAbout(kept)).toEqual(['card', 'remind']);
    expect(toLiAbout(gone)).toEqual(['card', 'remind']);
    // She has it now, so she hears what becomes of it.
    await moveTo('2026-12-13 10:00');
    expect(
      await rig.ask(CREATOR, `/取消 #${gone} 已另行安排`, [], { chatId: P2P, chatType: 'p2p' }),
    ).toContain('已取消');
    await waitFor(LI.openId, `#${gone} 统计加班时长 已取消`);

    await moveTo('2026-12-14 09:00'); // Monday's office start: the day's 临近提醒, no second card
    await rig.fake.waitFor(() => toLiAbout(kept).length === 3);
    await rig.settle();
    expect(toLiAbout(kept)).toEqual(['card', 'remind', 'remind']);
  });
});

describe('an occurrence of a schedule set in a private chat', () => {
  it('reaches its owner as a card, as work assigned there does', async () => {
    await moveTo('2026-12-14 10:00');
    // Set by an admin (whoever sets a schedule may) in her own chat with the bot.
    const reply = await rig.ask(ADMIN, '/周期 报送安全周报 @李四 每周四前', [LI], {
      chatId: 'oc_p2p_admin_00000000000000000001',
      chatType: 'p2p',
    });
    const made = /将于 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(reply)?.[1];
    expect(made, reply).toBeDefined();
    await moveTo(made!);
    const card = await waitFor(LI.openId, '报送安全周报 · 2026-12-17期', BANNER);
    expect(card).toMatchObject({ receiveIdType: 'open_id', receiveId: LI.openId });
  });
});
