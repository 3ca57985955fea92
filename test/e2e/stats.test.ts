/**
 * `/统计` (issue 11 §1) through the whole path: the figures of who asks where — a group's own
 * items in the group, a leader's across groups in his private chat, nothing for a stranger,
 * everything for an organisation admin — and the weekly report saying the same numbers as
 * `/统计 本周` at the same moment; `/台账`, the same scope as an Excel file in the chat, whose
 * 统计 sheet says what the card says; and the 看板, which says it too.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, LI, STRANGER, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Monday 30 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-30T10:00:00+08:00');
const GROUP_A = 'oc_test_chat_stats_a_001';
const GROUP_B = 'oc_test_chat_stats_b_001';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const read = (s: string) => s.replaceAll('**', '');
const ask = async (who: string, text: string, mentions: (typeof ZHANG)[] = [], chatId = GROUP_A) =>
  read(await rig.ask(who, text, mentions, { chatId }));
const askPrivately = async (who: string, text: string) =>
  read(await rig.ask(who, text, [], { chatId: `oc_p2p_${who.slice(3, 20)}`, chatType: 'p2p' }));
const record = async (text: string, mentions: (typeof ZHANG)[], chatId: string) =>
  Number(/#(\d+)/.exec(await ask(CREATOR, text, mentions, chatId))?.[1]);

async function moveTo(local: string) {
  clock.set(`${local.replace(' ', 'T')}:00+08:00`);
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
}

describe('/统计', () => {
  beforeAll(async () => {
    const onTime = await record(
      '/任务 报送年度总结 @张三 明天 牵头 @王主任 单位 办公室',
      [ZHANG, WANG],
      GROUP_A,
    );
    await record('/任务 整理会议纪要 @李四 今天 单位 财政局', [LI], GROUP_A);
    await record('/任务 核对台账 @李四 周三 牵头 @王主任', [LI, WANG], GROUP_B);
    expect(await ask(ZHANG.openId, `/完成 #${onTime} 已报送`)).toContain(`#${onTime}`);
    // Thursday: 整理会议纪要 (due Monday) and 核对台账 (due Wednesday) are overdue.
    await moveTo('2026-12-03 10:00');
  });

  it('in a group counts that group’s items only, the worst unit first', async () => {
    const card = await ask(CREATOR, '/统计 上月');
    expect(card).toContain('📊 督办统计 · 上月');
    expect(card).toContain('范围：本群');
    expect(card).toContain('登记 2 项　在办 1 项　已办结 1 项（按期 1，逾期 0）　逾期未办结 1 项');
    expect(card).toContain('按期办结率 50%');
    // 财政局 has nothing done and one overdue: it comes before 办公室.
    expect(card.indexOf('财政局')).toBeLessThan(card.indexOf('办公室'));
    expect(card).toContain('逾期最久\n1. #');
    expect(card).toContain('李四（财政局）');
    expect(card).not.toContain('核对台账');
  });

  it('gives a leader in his private chat what he leads, across groups', async () => {
    const card = await askPrivately(WANG.openId, '/统计 上月');
    expect(card).toContain('范围：我的范围　时间：上月（2026-11-01 至 2026-11-30）');
    // Read at the month's end: 核对台账 (group B, due 2 December) was not overdue yet.
    expect(card).toContain('登记 2 项　在办 1 项　已办结 1 项（按期 1，逾期 0）　逾期未办结 0 项');
    expect(card).not.toContain('整理会议纪要');
  });

  it('shows a stranger nothing, and an organisation admin everything', async () => {
    expect(await askPrivately(STRANGER, '/统计 上月')).toContain('这段时间在这个范围里没有事项');
    const all = await askPrivately(ADMIN, '/统计 上月');
    expect(all).toContain('范围：全部');
    expect(all).toContain('登记 3 项　在办 2 项　已办结 1 项（按期 1，逾期 0）　逾期未办结 1 项');
    expect(all).toContain('按期办结率 50%');
    expect(await askPrivately(ADMIN, '/统计 本月')).toContain(
      '（2026-12-01 至 2026-12-31，截至 2026-12-03 10:00 周四）',
    );
  });

  it('narrows to a unit, and explains a word it cannot read', async () => {
    expect(await ask(CREATOR, '/统计 本月 单位 财政局')).toContain('范围：本群 · 单位 财政局');
    // The period after the unit is still the period, and a unit nobody here has is named as such.
    expect(await ask(CREATOR, '/统计 单位 财政局 上月')).toContain('📊 督办统计 · 上月');
    expect(await ask(CREATOR, '/统计 单位 不存在局')).toContain(
      '这个范围里没有单位“不存在局”的事项。已有的单位：',
    );
    expect(await ask(CREATOR, '/统计 下个月')).toContain('看不懂“下个月”');
  });

  it('says in the weekly report what /统计 本周 says at the same moment', async () => {
    await moveTo('2026-12-04 16:00');
    const weekly = read(
      textOf(
        (await rig.fake.waitFor(() =>
          rig.fake.messagesTo(GROUP_A).find((m) => textOf(m.content).includes('本周工作周报')),
        ))!.content,
      ),
    );
    const stats = await ask(CREATOR, '/统计 本周');
    const figure = (text: string, re: RegExp) => Number(re.exec(text)?.[1]);
    expect(figure(weekly, /新登记 (\d+) 项/)).toBe(figure(stats, /登记 (\d+) 项/));
    expect(figure(weekly, /办结 (\d+) 项（按期/)).toBe(figure(stats, /已办结 (\d+) 项/));
    expect(figure(weekly, /未办结 (\d+) 项，/)).toBe(figure(stats, /在办 (\d+) 项/));
    expect(figure(weekly, /其中逾期 (\d+) 项/)).toBe(figure(stats, /逾期未办结 (\d+) 项/));
    expect(figure(weekly, /按期办结率 (\d+)%/)).toBe(figure(stats, /按期办结率 (\d+)%/));
    expect(figure(weekly, /其中逾期 (\d+) 项/)).toBe(1);
    // 整理会议纪要, due Monday 18:00, is 3 whole working days late on Friday at 16:00 in both.
    const late = /截止 2026-11-30 18:00 周一，逾期 (\d+) 个工作日/;
    expect(figure(stats, late)).toBe(3);
    expect(figure(weekly, late)).toBe(figure(stats, late));
  });

  it('sends the 台账 as an Excel file into the chat, with the card’s figures', async () => {
    const before = rig.fake.messagesTo(GROUP_A).length;
    const asked = await rig.say(CREATOR, '/台账 上月', [], { chatId: GROUP_A });
    // The promise of the file, then the file, both answering the command.
    await rig.fake.waitFor(() =>
      rig.fake.repliesTo(asked.messageId).find((m) => textOf(m.content).includes('正在生成上月的督办台账')),
    );
    const message = await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(GROUP_A)
        .slice(before)
        .find((m) => m.msgType === 'file'),
    );
    const file = rig.fake.files.get(String((message!.content as { file_key: string }).file_key))!;
    expect(file).toMatchObject({ name: '督办台账-本群-上月.xlsx', type: 'xls' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ledger = book.getWorksheet('台账')!;
    const titles = [3, 4, 5].map((r) => ledger.getRow(r).getCell(3).value);
    expect(titles).toEqual(['报送年度总结', '整理会议纪要', null]);
    // Each row as it stood at the month's end, as the 统计 sheet counts it.
    expect([3, 4].map((r) => ledger.getRow(r).getCell(10).value)).toEqual(['已办结', '逾期未办结']);
    const total = (book.getWorksheet('统计')!.getSheetValues() as unknown[][]).find(
      (r) => r?.[1] === '合计' && typeof r[2] === 'number',
    )!;
    const card = await ask(CREATOR, '/统计 上月');
    const figure = (re: RegExp) => Number(re.exec(card)?.[1]);
    expect(total.slice(2, 5)).toEqual([
      figure(/登记 (\d+) 项/),
      figure(/在办 (\d+) 项/),
      figure(/已办结 (\d+) 项/),
    ]);
    expect(total[7]).toBe(figure(/逾期未办结 (\d+) 项/));
  });

  it('shows on the 看板 the figures /统计 gives the same person for the same period', async () => {
    const card = await askPrivately(ADMIN, '/统计 上月');
    const answer = await askPrivately(ADMIN, '/看板');
    const link = /\((http[^)]+)\)/.exec(answer)![1]!;
    const login = await fetch(link, { redirect: 'manual' });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const page = await (
      await fetch(`${rig.luoshi.url}/dashboard?period=${encodeURIComponent('上月')}`, { headers: { cookie } })
    ).text();
    const shown = (label: string) => Number(new RegExp(`<dt>${label}</dt><dd>(\\d+)`).exec(page)?.[1]);
    const said = (re: RegExp) => Number(re.exec(card)?.[1]);
    expect(shown('登记')).toBe(said(/登记 (\d+) 项/));
    expect(shown('在办')).toBe(said(/在办 (\d+) 项/));
    expect(shown('已办结')).toBe(said(/已办结 (\d+) 项/));
    expect(shown('逾期未办结')).toBe(said(/逾期未办结 (\d+) 项/));
    expect(/<dt>按期办结率<\/dt><dd>(\d+)%/.exec(page)?.[1]).toBe(/按期办结率 (\d+)%/.exec(card)?.[1]);
  });
});
