/**
 * `/日历 导入` (issue 10 §4) through the whole path: an organisation admin pastes the State
 * Council's 2026 notice into an organisation whose 2026 calendar is empty (the packaged data set
 * aside with LUOSHI_CALENDAR_WITHOUT_DATA, as next year's will be), sees what was read, presses
 * 确认导入 — and deadlines across 春节 then count its days off and its adjusted Saturday.
 * Before that, the same deadline is counted Monday to Friday and says 2026 is not yet known;
 * after it, no card says so — not even that earlier item's, nor a pending extension request's.
 * Malformed text is listed line by line and cannot be applied; nobody else may import or confirm.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { addDays } from '../../src/domain/time.ts';
import { cardButtons, cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
// Tuesday 10 February 2026, 10:00 in Beijing: 春节 starts on Sunday the 15th.
const clock = new ManualClock('2026-02-10T10:00:00+08:00');
const CHAT = 'oc_test_chat_calendar_import_01';
const NOTICE_2026 = readFileSync('test/fixtures/notices/2026.txt', 'utf8');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN, LUOSHI_CALENDAR_WITHOUT_DATA: '2026' } });
});
afterAll(async () => {
  await rig?.close();
});

const say = (who: string, text: string, mentions: { name: string; openId: string }[] = []) =>
  rig.answer(who, text, mentions, { chatId: CHAT });

const press = (card: FakeMessage, label: string, operator: string) => rig.press(card, label, operator, CHAT);

describe('/日历 导入', () => {
  let before: string;
  let beforeCard: FakeMessage;
  let extensionNo: number;
  let extensionCard: FakeMessage;

  it('counts a deadline across 春节 Monday to Friday while 2026 is unknown, and says so', async () => {
    beforeCard = await say(CREATOR, '/任务 导入前登记的事项 @张三 5个工作日内', [ZHANG]);
    before = textOf(beforeCard.content);
    expect(before).toContain('2026-02-17 18:00 周二');
    expect(before).toContain('2026');
    expect(before).toMatch(/尚未收录|未收录/);
  });

  it('says so on an extension request across 春节 too, while it waits for a decision', async () => {
    const item = textOf((await say(CREATOR, '/任务 延期前登记的事项 @张三 2月13日', [ZHANG])).content);
    extensionNo = Number(/#(\d+)/.exec(item)![1]);
    extensionCard = await say(ZHANG.openId, `/延期 #${extensionNo} 2月27日 材料未齐`);
    const asked = textOf(extensionCard.content);
    expect(asked).toContain('新截止：2026-02-27 18:00 周五');
    expect(asked).toMatch(/2026年的放假调休安排尚未收录/);
  });

  it('is for organisation admins only', async () => {
    const answer = textOf((await say(CREATOR, `/日历 导入\n${NOTICE_2026}`)).content);
    expect(answer).toContain('只有系统管理员');
  });

  it('lists what it could not read, and offers no 确认 for a half-read notice', async () => {
    const garbled = NOTICE_2026.replace('二、春节：2月15日', '二、春节：2月35日');
    const card = await say(ADMIN, `/日历 导入\n${garbled}`);
    const text = textOf(card.content);
    expect(text).toContain('没有读全');
    expect(text).toMatch(/第\d+行没有读懂：“二、春节：2月35日/);
    expect(cardButtons(card.content).has('确认导入')).toBe(false);
  });

  it('shows the 2026 notice as read, applies it on 确认导入 once, and then counts its days', async () => {
    const card = await say(ADMIN, `/日历 导入\n${NOTICE_2026}`);
    const shown = textOf(card.content);
    expect(shown).toContain('2026年放假安排（待确认）');
    expect(shown).toContain(
      '**春节**：2月15日（周日）—2月23日（周一） 放假，共 9 天；2月14日（周六）、2月28日（周六） 上班',
    );
    expect(shown).toContain('**元旦**：1月1日（周四）—1月3日（周六） 放假，共 3 天；1月4日（周日） 上班');

    // Nothing changes before 确认导入, and nobody but an organisation admin may press it.
    expect((await rig.luoshi.deps.calendars.calendarFor(rig.fake.tenantKey)).isCovered(2026)).toBe(false);
    expect((await press(card, '确认导入', CREATOR)).toast.content).toContain('只有系统管理员');
    const applied = await press(card, '确认导入', ADMIN);
    expect(applied.toast.type).toBe('success');
    expect(cardText(applied.card?.data)).toContain('已确认导入');
    expect((await press(card, '确认导入', ADMIN)).toast.content).toContain('已经处理过');
    await rig.settle();

    // Exactly the official days: every day of 2026 answers as the packaged data does.
    const tenant = rig.fake.tenantKey;
    const imported = await rig.luoshi.deps.calendars.calendarFor(tenant);
    const official = new WorkingDayCalendar({
      timezone: 'Asia/Shanghai',
      workdayStart: '09:00',
      workdayEnd: '18:00',
    });
    const differing: string[] = [];
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1))
      if (imported.isWorkingDay(d) !== official.isWorkingDay(d)) differing.push(d);
    expect(differing).toEqual([]);
    expect(imported.isCovered(2026)).toBe(true);

    // A new deadline counts 2月14日 (adjusted Saturday) and skips 2月15日–23日.
    const after = textOf((await say(CREATOR, '/任务 导入后登记的事项 @张三 5个工作日内', [ZHANG])).content);
    expect(after).toContain('2026-02-24 18:00 周二');
    expect(after).not.toMatch(/尚未收录/);
    // The item recorded before keeps its deadline.
    const no = /#(\d+)/.exec(before)?.[1];
    const status = textOf((await say(CREATOR, `/查询 #${no}`)).content);
    expect(status).toContain('2026-02-17 18:00 周二');
    // …but no longer says 2026 is not yet known: the warning stops once the year is imported.
    expect(status).not.toMatch(/尚未收录/);
  });

  it('redraws the pending extension request without the warning', async () => {
    const patches = () => rig.fake.patches.filter((p) => p.messageId === extensionCard.messageId).length;
    const before = patches();
    expect(textOf((await say(ZHANG.openId, `/进展 #${extensionNo} 材料已收齐一半`)).content)).toContain(
      '进展',
    );
    await rig.settle();
    // The progress redrew the request card, which still waits for a decision…
    expect(patches()).toBeGreaterThan(before);
    const redrawn = cardText(rig.fake.currentContent(extensionCard.messageId));
    expect(redrawn).toContain('新截止：2026-02-27 18:00 周五');
    expect(cardButtons(rig.fake.currentContent(extensionCard.messageId)).has('批准')).toBe(true);
    // …and no longer says 2026 is not yet known.
    expect(redrawn).not.toMatch(/尚未收录/);
  });

  it('redraws a card recorded before the import without the warning', async () => {
    const no = /#(\d+)/.exec(before)?.[1];
    expect(textOf((await say(CREATOR, `/取消 #${no} 并入其他事项`)).content)).toContain('已取消');
    await rig.settle();
    const redrawn = cardText(rig.fake.currentContent(beforeCard.messageId));
    expect(redrawn).toContain('已取消');
    expect(redrawn).not.toMatch(/尚未收录/);
  });
});
