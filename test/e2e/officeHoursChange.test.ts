/**
 * A group that changes its office hours (`/设置 提醒 上班 …`) has what was already planned for it
 * moved too (office-week trial): its schedules' next occurrence cards and its meetings' topic
 * calls go out at the new office start, not the old one — once, however often the change is
 * sent. Moved to a time already past, they go at once. Another group's keep their time. The
 * same replanning follows a calendar change: a day off moves a topic call with its due day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, ZHANG } from '../support/people.ts';

let rig: Rig;
// Friday 4 December 2026, 10:00 in Beijing; every group keeps the deployment's 09:00–18:00.
const clock = new ManualClock('2026-12-04T10:00:00+08:00');
const LATER = 'oc_test_chat_office_change_later';
const BACK = 'oc_test_chat_office_change_back';
const OTHER = 'oc_test_chat_office_change_other';
const CHATS = [LATER, BACK, OTHER];

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (chatId: string, text: string, mentions = [ZHANG]) =>
  textOf((await rig.answer(ADMIN, text, mentions, { chatId })).content);

const shown = (chatId: string) =>
  rig.fake
    .messagesTo(chatId)
    .filter((m) => !m.parentId)
    .map((m) => textOf(m.content).replaceAll('**', ''));

/** The weekly occurrence's card and the meeting's topic call, as sent to the chat so far. */
const sent = (chatId: string) => ({
  cards: shown(chatId).filter((t) => t.includes('已登记') && t.includes('报送周报 · 2026-12-10期')).length,
  calls: shown(chatId).filter((t) => t.includes('（2026-12-11）的议题今天下班前截止提交')).length,
});

async function moveTo(local: string) {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
  await rig.settle();
}

describe('a group that changes its office start', () => {
  it('has its card and topic call planned for Tuesday 09:00, as every group', async () => {
    for (const chat of CHATS) {
      const reply = await ask(chat, '/周期 报送周报 @张三 每周四前');
      expect(reply).toContain('下一期（2026-12-10）截止 2026-12-10 18:00 周四');
      expect(reply).toContain('将于 2026-12-08 09:00 周二 自动登记');
      expect(await ask(chat, '/会议 第12次常务会 12月11日 9:00 常务会', [])).toContain(
        '议题请于 2026-12-08 下班前提交',
      );
    }
  });

  it('moves them to its new office start when it changes it the afternoon before, once however often', async () => {
    clock.set('2026-12-07T15:00:00+08:00');
    for (const chat of [LATER, BACK]) {
      expect(await ask(chat, '/设置 提醒 上班 09:30', [])).toContain('09:30');
      // Sent again (a retry, or an admin who was not sure): nothing more is planned.
      expect(await ask(chat, '/设置 提醒 上班 09:30', [])).toContain('没有变化');
    }
    await moveTo('2026-12-08 09:00');
    // The group that kept 09:00 has its own at 09:00; the two that moved have nothing yet.
    await rig.fake.waitFor(() => {
      const other = sent(OTHER);
      return other.cards === 1 && other.calls === 1;
    });
    expect(sent(LATER)).toEqual({ cards: 0, calls: 0 });
    expect(sent(BACK)).toEqual({ cards: 0, calls: 0 });
  });

  it('sends them at once when the new office start has already passed', async () => {
    clock.set('2026-12-08T09:10:00+08:00');
    expect(await ask(BACK, '/设置 提醒 上班 09:00', [])).toContain('09:00');
    // No time travel: the jobs, now late, run by themselves.
    await rig.fake.waitFor(() => {
      const back = sent(BACK);
      return back.cards === 1 && back.calls === 1;
    });
    expect(sent(LATER)).toEqual({ cards: 0, calls: 0 });
  });

  it('sends each group its card and call once, the moved ones at 09:30', async () => {
    await moveTo('2026-12-08 09:30');
    await rig.fake.waitFor(() => {
      const later = sent(LATER);
      return later.cards === 1 && later.calls === 1;
    });
    await moveTo('2026-12-08 10:00');
    for (const chat of CHATS) expect(sent(chat)).toEqual({ cards: 1, calls: 1 });
  });
});

describe('a calendar change', () => {
  it('moves a meeting’s topic call with the day its topics are due', async () => {
    // 18 December: topics due 3 working days before, Tuesday 15 December — until it is a day off.
    expect(await ask(OTHER, '/会议 第13次常务会 12月18日 9:00 常务会', [])).toContain(
      '议题请于 2026-12-15 下班前提交',
    );
    expect(await ask(OTHER, '/日历 放假 2026-12-15', [])).toContain('已设为放假');
    const called = () =>
      shown(OTHER).some((t) => t.includes('第13次常务会（2026-12-18）的议题今天下班前截止提交'));
    await moveTo('2026-12-14 09:00');
    await rig.fake.waitFor(() => called() || undefined);
  });
});
