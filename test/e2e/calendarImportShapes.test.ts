/**
 * `/日历 导入` as admins actually send it (a playground trial, late November 2026): the notice's
 * title straight after the command with none of its preamble, a blank line after the title (or
 * none, as the chat transport may drop it), the title on the command line itself, and every line
 * joined by spaces. Each must read as the title (which gives the year) and seven holidays.
 *
 * And days an admin entered by hand before the notice came (`/日历 放假 2027-01-01 …`), which
 * the notice then confirms, keep the holiday's name: `/日历` lists 元旦, and a deadline on
 * 1月1日 says it is 元旦 — not 管理员设置.
 *
 * The 2027 arrangement is made up (it was not published when this was written), self-consistent:
 * 1 January 2027 is a Friday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardButtons, cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { NOTICE_2027_ITEMS, NOTICE_2027_TITLE } from '../support/notice2027.ts';
import { ADMIN, CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing: 2027 is not in the packaged data.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');
const CHAT = 'oc_test_chat_calendar_import_shapes_01';

const TITLE = NOTICE_2027_TITLE;
const ITEMS = NOTICE_2027_ITEMS;

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const say = (who: string, text: string, mentions: { name: string; openId: string }[] = []) =>
  rig.answer(who, text, mentions, { chatId: CHAT });

describe('/日历 导入 of the 2027 notice, after days entered by hand', () => {
  it('takes the days an admin enters before the notice', async () => {
    const answer = textOf((await say(ADMIN, '/日历 放假 2027-01-01 2027-01-02 2027-01-03')).content);
    expect(answer).toContain('已设为放假');
  });

  let card: FakeMessage;

  it.each([
    ['the title on the line after the command', `/日历 导入\n${TITLE}\n${ITEMS.join('\n')}`],
    ['a blank line after the title', `/日历 导入\n${TITLE}\n\n${ITEMS.join('\n')}`],
    ['the title on the command line', `/日历 导入 ${TITLE}\n${ITEMS.join('\n')}`],
    ['every line joined by a space', `/日历 导入 ${[TITLE, ...ITEMS].join(' ')}`],
  ])('reads the title and all seven holidays: %s', async (_shape, text) => {
    card = await say(ADMIN, text);
    const shown = textOf(card.content);
    expect(shown).not.toContain('没有读懂');
    expect(shown).not.toContain('没有找到这些节日');
    expect(shown).toContain('2027年放假安排（待确认）');
    expect(shown).toContain('**元旦**：1月1日（周五）—1月3日（周日） 放假，共 3 天');
    expect(shown).toContain('**国庆节**：10月1日（周五）—10月7日（周四） 放假，共 7 天');
    expect(cardButtons(card.content).has('确认导入')).toBe(true);
  });

  it('says which line it could not read, by its line in the message, without the title', async () => {
    const wrong = ITEMS.map((l) => l.replace('1月1日（周五）', '1月1日（周四）'));
    const shown = textOf((await say(ADMIN, `/日历 导入\n${TITLE}\n${wrong.join('\n')}`)).content);
    expect(shown).toContain('第2行没有读懂：“一、元旦：1月1日（周四）至3日（周日）放假调休，共3天。”');
    expect(shown).toContain('1月1日是周五，不是周四');
    expect(shown).not.toContain('没有找到这些节日');
  });

  it('once applied, the hand-entered days are 元旦 in /日历 and in a deadline’s note', async () => {
    const applied = await rig.press(card, '确认导入', ADMIN, CHAT);
    expect(cardText(applied.card?.data)).toContain('已确认导入');
    await rig.settle();

    const overview = textOf((await say(CREATOR, '/日历')).content);
    expect(overview).toMatch(/2027年1月1日（周五）—.*1月3日（周日） 元旦放假/);
    expect(overview).not.toContain('管理员设置');

    const answer = textOf((await say(CREATOR, '/任务 跨年测试五 @张三 2027年1月1日', [ZHANG])).content);
    expect(answer).toContain('2027年1月1日是周五（元旦，休息日）');
  });
});
