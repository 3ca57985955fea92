/**
 * The notice's registers (issue 12) through the whole path, each rule tested on both sides of
 * its line: a policy document of 10 pages passes and one of 11 needs a reason (十六); an
 * unplanned inspection 10 days ahead passes and 9 days ahead is refused with the earliest day
 * (十七), the same matter twice in a quarter is refused; a 纪要 is refused until its meeting has
 * begun, then one of 2000 characters is recorded and 2001 refused, its 议定 lines becoming items (十五); surveys at 50% random pass and below
 * it the principal leader is told (四); a topic after its day goes to the host, who alone accepts
 * or declines it; and last year's totals are the organisation admins' to set. /统计 and the
 * 台账's 登记簿 sheet count each register for its period, under a unit only that unit's entries,
 * and under a 类型 (a kind of item) none, saying so.
 */
import type { Job } from 'bullmq';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpeechTimerProcessor, type SpeechTimerJob } from '../../jobs/meetingTimers.ts';
import { cardButtons, cardText } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, LI, WANG, ZHANG, ZHAO } from '../support/people.ts';

let rig: Rig;
// Thursday 3 December 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-12-03T10:00:00+08:00');
const CHAT = 'oc_test_chat_registers_1';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string, mentions: (typeof ZHANG)[] = []) =>
  (await rig.ask(who, text, mentions, { chatId: CHAT })).replaceAll('**', '');

describe('/帮助 for one command', () => {
  it('gives a register’s whole usage with its example, and says when there is no such command', async () => {
    expect(await ask(CREATOR, '/帮助 发文')).toContain('例如：/发文 关于加强安全生产的通知 6页 政策性');
    expect(await ask(CREATOR, '/帮助 /督查')).toContain('用法：/督查 <事项> 单位 <被检查单位> <日期>');
    expect(await ask(CREATOR, '/帮助 开会')).toContain('没有“/开会”这个命令');
  });
});

describe('/计时 (notice 十五)', () => {
  it('posts a countdown card, redrawn at one minute left and at the end; over 30 minutes is refused', async () => {
    expect(await ask(CREATOR, '/计时 @张三 31分钟', [ZHANG])).toContain('发言计时为 1—30 分钟');
    const card = await rig.answer(CREATOR, '/计时 @张三 5分钟', [ZHANG], { chatId: CHAT });
    const shown = () => cardText(rig.fake.currentContent(card.messageId));
    expect(shown()).toContain(`发言人：<at id=${ZHANG.openId}></at>`);
    expect(shown()).toContain('5 分钟（10:00 至 10:05）');
    expect(shown()).toContain('计时中');
    clock.set('2026-12-03T10:03:59+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.settle();
    expect(rig.fake.patches.filter((p) => p.messageId === card.messageId)).toHaveLength(0);
    clock.set('2026-12-03T10:04:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() => shown().includes('还剩 1 分钟，请准备结束'));
    clock.set('2026-12-03T10:05:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() => shown().includes('时间到，请结束发言'));
    // The card changed in place: no new lines in the chat.
    expect(rig.fake.messagesTo(CHAT).filter((m) => /的发言(还剩|时间到)/u.test(textOf(m.content)))).toEqual(
      [],
    );
    clock.set('2026-12-03T10:00:00+08:00');
  });

  it('says it in a line when the card’s send has not been answered, so the speaker still hears', async () => {
    const timer = {
      id: 'om_never_answered',
      speaker: { name: '李局长' },
      minutes: 30,
      startedAt: 0,
      endsAt: 1,
    };
    const run = createSpeechTimerProcessor(rig.luoshi.deps);
    const data = { tenant: rig.fake.tenantKey, chatId: CHAT, timer, stage: 'time-up' as const, fireAt: 1 };
    expect(await run({ data } as Job<SpeechTimerJob>)).toBe('time-up: told in a line');
    await rig.fake.waitFor(() =>
      rig.fake.messagesTo(CHAT).some((m) => textOf(m.content).includes('李局长 的发言时间到（30 分钟）')),
    );
    // A timer the version before cards queued (a deploy mid-speech) is still said, as a line.
    const earlier = {
      tenant: rig.fake.tenantKey,
      chatId: CHAT,
      speaker: '孙主任',
      minutes: 5,
      stage: 'one-minute',
      timerId: 'om_old',
      fireAt: 1,
    };
    expect(await run({ data: earlier } as unknown as Job<SpeechTimerJob>)).toBe('one-minute: told in a line');
    await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(CHAT)
        .some((m) => textOf(m.content).includes('孙主任 的发言还剩 1 分钟（共 5 分钟）')),
    );
  });
});

describe('发文 (notice 十六)', () => {
  it('takes a policy document of 10 pages, and asks a reason of one of 11', async () => {
    expect(await ask(CREATOR, '/发文 关于加强安全生产的通知 10页 政策性')).toContain('已登记 发文#1');
    const refused = await ask(CREATOR, '/发文 关于优化营商环境的意见 11页 政策性');
    expect(refused).toContain('政策性文件原则上不超过 10 页，这份有 11 页');
    expect(
      await ask(CREATOR, '/发文 关于优化营商环境的意见 11页 政策性 理由 含 12 条配套措施清单'),
    ).toContain('已登记 发文#2');
    expect(await ask(CREATOR, '/发文 工作简报 12页')).toContain('已登记 发文#3');
  });

  it('asks a 配套 document for the superior requirement it answers', async () => {
    expect(await ask(CREATOR, '/发文 实施方案 3页 配套')).toContain('配套文件须写明上级的明确要求');
  });

  it('counts the year against the baseline only an organisation admin sets', async () => {
    expect(await ask(CREATOR, '/设置 发文基数 100')).toContain('只有系统管理员可以设置');
    expect(await ask(ADMIN, '/设置 发文基数 4')).toContain('今年目标不超过 2');
    const register = await ask(CREATOR, '/发文');
    expect(register).toContain('今年已发文 3 件；上年 4 件，今年目标不超过 2 件');
    // Three against a target of two: over it already, not merely off pace.
    expect(register).toContain('⚠️ 已超过今年目标（比上年减少 30%）1 件');
  });
});

describe('督查 (notice 十七)', () => {
  it('takes an unplanned inspection 10 days ahead and refuses one 9 days ahead, naming the earliest day', async () => {
    expect(await ask(CREATOR, '/督查 消防安全检查 单位 县商务委 2026-12-13')).toContain('已登记 督查#1');
    const refused = await ask(CREATOR, '/督查 食品安全检查 单位 县商务委 2026-12-12');
    expect(refused).toContain('计划外的督查须提前 10 日报备');
    expect(refused).toContain('最早可安排在 2026-12-13');
    // 计划内 lifts the rule, so only those who keep the plan may say it.
    expect(await ask(CREATOR, '/督查 食品安全检查 单位 县商务委 2026-12-12 计划内')).toContain(
      '由本群管理员或系统管理员登记',
    );
    expect(await ask(ADMIN, '/督查 食品安全检查 单位 县商务委 2026-12-12 计划内')).toContain('已登记 督查#2');
  });

  it('lets only an organisation admin through early, with a reason', async () => {
    expect(await ask(ADMIN, '/督查 汛期安全检查 单位 县水利局 12月5日 特批')).toContain('请写明特批理由');
    expect(await ask(CREATOR, '/督查 汛期安全检查 单位 县水利局 12月5日 特批 理由 汛情')).toContain(
      '特批只能由系统管理员登记',
    );
    expect(await ask(ADMIN, '/督查 汛期安全检查 单位 县水利局 12月5日 特批 理由 汛情紧急')).toContain(
      '计划外（特批：汛情紧急）',
    );
  });

  it('refuses the same matter for the same unit twice in a quarter, pointing to the first', async () => {
    const refused = await ask(CREATOR, '/督查 消防安全检查 单位 县商务委 2026-12-28');
    expect(refused).toContain('督查#1');
    expect(refused).toContain('合并督查');
    expect(await ask(CREATOR, '/督查 计划')).toContain('2026 年督查：共 3 次，计划内 1 次，计划外 2 次');
  });
});

describe('会议 (notice 十五)', () => {
  it('refuses a 纪要 before the meeting, records one of 2000 characters, refuses 2001, and makes items of its 议定 lines', async () => {
    expect(await ask(CREATOR, '/会议 第12次常务会 12月18日 9:00 主持 @王主任 常务会', [WANG])).toContain(
      '已登记 会议#1',
    );
    const decision = '议定：报送老旧小区改造方案 @张三 12月25日';
    const filler = (n: number) => '研'.repeat(n);
    const length = (text: string) => [...text.replace('@_user_1', `@${ZHANG.name}`)].length;
    const fits = `${filler(2000 - length(`\n${decision}`))}\n${decision}`;
    expect(length(fits)).toBe(2000);
    // Not before the meeting has begun: refused with its day and time, and nothing recorded.
    const early = await ask(CREATOR, `/纪要 会议#1 ${fits}`, [ZHANG]);
    expect(early).toContain('会议#1 第12次常务会 在12月18日（周五）09:00召开，会后再记录纪要。');
    clock.set('2026-12-18T08:59:00+08:00');
    expect(await ask(CREATOR, `/纪要 会议#1 ${fits}`, [ZHANG])).toContain('会后再记录纪要');
    const meeting = await rig.luoshi.deps.registers.get(rig.fake.tenantKey, 'meeting', 1);
    expect(meeting?.minutesChars).toBeUndefined();
    expect(meeting?.decisions).toBeUndefined();
    clock.set('2026-12-18T09:00:00+08:00');
    const recorded = await ask(CREATOR, `/纪要 会议#1 ${fits}`, [ZHANG]);
    expect(recorded).toContain('已记录 会议#1 第12次常务会 的纪要（2000 字）');
    // The first item of this tenant: the refused attempts made none.
    expect(recorded).toMatch(/议定事项已登记 1 项：\n#1 报送老旧小区改造方案/);
    const refused = await ask(CREATOR, `/纪要 会议#1 研${fits}`, [ZHANG]);
    expect(refused).toContain('纪要有 2001 字，超过了 2000 字的上限');
    // The record is the host's, the registrar's or an admin's; a second one says it replaces the first.
    expect(await ask(LI.openId, '/纪要 会议#1 另一份纪要')).toContain('由主持人或登记会议的人记录');
    expect(await ask(WANG.openId, '/纪要 会议#1 修订后的纪要')).toContain(
      '已替换 会议#1 第12次常务会 的纪要：原 2000 字，现 6 字',
    );
    clock.set('2026-12-03T10:00:00+08:00');
  });

  it('asks for the host by @ rather than taking the words into the name', async () => {
    expect(await ask(CREATOR, '/会议 周例会 12月20日 主持 王主任')).toContain('请用 @ 选人');
  });

  it('reminds the group the morning its topics are due', async () => {
    clock.set('2026-12-15T09:00:00+08:00');
    await rig.luoshi.deps.scheduler.promoteDue(clock.now());
    await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(CHAT)
        .find((m) => textOf(m.content).includes('会议#1 第12次常务会（2026-12-18）的议题今天下班前截止提交')),
    );
  });

  it('puts a late topic to the host, who alone accepts or declines it; the host’s own is added at once', async () => {
    // 18 December: three working days before is 15 December; at 16 December it is late.
    clock.set('2026-12-16T10:00:00+08:00');
    const card = await rig.answer(CREATOR, '/议题 会议#1 老旧小区改造方案 @李四', [LI], { chatId: CHAT });
    const asked = cardText(card.content);
    expect(asked).toContain('议题已于 2026-12-15 下班前截止');
    expect(asked).toContain('老旧小区改造方案');
    expect(asked).toContain(`<at id=${WANG.openId}></at>`);
    // Nothing is on the meeting until the host decides, and only the host may.
    expect((await rig.luoshi.deps.registers.get(rig.fake.tenantKey, 'meeting', 1))?.topics ?? []).toEqual([]);
    expect((await rig.press(card, '同意上会', CREATOR)).toast.content).toContain('由会议主持人决定');
    const accepted = await rig.press(card, '同意上会', WANG.openId);
    expect(accepted.toast.content).toContain('已同意上会：第 1 个议题');
    expect(cardText(accepted.card!.data)).toContain('主持人已同意上会');
    expect(cardButtons(accepted.card!.data).size).toBe(0);
    // A second press (another copy of the card) changes nothing.
    expect((await rig.press(card, '同意上会', WANG.openId)).toast.content).toContain('已经处理过');

    // Typed in full-width mode (＃１) and with a space: the same meeting.
    const second = await rig.answer(CREATOR, '/议题 会议 ＃１ 背街小巷整治 @张三', [ZHANG], { chatId: CHAT });
    expect((await rig.press(second, '不同意', WANG.openId)).toast.content).toContain('已不同意上会');

    const own = await ask(WANG.openId, '/议题 会议#1 城市更新总体方案 @李四', [LI]);
    expect(own).toContain('登记第 2 个议题：城市更新总体方案');
    expect(own).toContain('逾期提交，主持人本人补交');
    const topics = (await rig.luoshi.deps.registers.get(rig.fake.tenantKey, 'meeting', 1))!.topics!;
    expect(topics.map((t) => [t.title, t.late, t.acceptedBy])).toEqual([
      ['老旧小区改造方案', true, WANG.openId],
      ['城市更新总体方案', true, undefined],
    ]);

    // Once the meeting's day is over, a card still waiting decides nothing.
    const third = await rig.answer(CREATOR, '/议题 会议#1 停车场改造 @张三', [ZHANG], { chatId: CHAT });
    clock.set('2026-12-19T09:00:00+08:00');
    expect((await rig.press(third, '同意上会', WANG.openId)).toast.content).toContain('已于 2026-12-18 召开');
    expect(await ask(WANG.openId, '/议题 会议#1 会后补充 @李四', [LI])).toContain('已于 2026-12-18 召开');
    expect((await rig.luoshi.deps.registers.get(rig.fake.tenantKey, 'meeting', 1))!.topics).toHaveLength(2);
    clock.set('2026-12-16T10:00:00+08:00');
  });

  it('@-s the owners of each 议定 item with its deadline, and a corrected 纪要 records only the new ones', async () => {
    clock.set('2026-12-16T10:00:00+08:00');
    // A chat of its own: the counts of /统计 below are of CHAT.
    const askIn = async (who: string, text: string, mentions: (typeof ZHANG)[] = []) =>
      (await rig.ask(who, text, mentions, { chatId: 'oc_test_chat_registers_minutes' })).replaceAll('**', '');
    const registered = await askIn(CREATOR, '/会议 项目推进会 12月16日 9:00 主持 @王主任 专题会', [WANG]);
    const meetingNo = Number(/会议#(\d+)/u.exec(registered)![1]);
    const atText = (p: typeof ZHANG) => `<at user_id="${p.openId}">${p.name}</at>`;
    const first = await askIn(
      WANG.openId,
      `/纪要 会议#${meetingNo} 研究部署项目推进工作。\n议定：完善重点项目清单 @张三 12月22日\n议定：加强项目储备 @李四 12月23日`,
      [ZHANG, LI],
    );
    const [listNo, reserveNo] = [...first.matchAll(/^#(\d+) /gmu)].map((m) => Number(m[1]));
    // Each new item in the one reply: its owners @-ed (they hear of it now) and its deadline with the weekday.
    expect(first).toContain(
      [
        '议定事项已登记 2 项：',
        `#${listNo} 完善重点项目清单｜负责人 ${atText(ZHANG)}｜截止 2026-12-22 18:00 周二`,
        `#${reserveNo} 加强项目储备｜负责人 ${atText(LI)}｜截止 2026-12-23 18:00 周三`,
      ].join('\n'),
    );

    // The host corrects the second line and sends the minutes again: the first line is the same item.
    const second = await askIn(
      WANG.openId,
      `/纪要 会议#${meetingNo} 研究部署项目推进工作（修订）。\n议定：完善重点项目清单 @张三 12月22日\n议定：加强重点项目储备 @李四 12月24日`,
      [ZHANG, LI],
    );
    const newNo = Number(/议定事项已登记 1 项：\n#(\d+) /u.exec(second)![1]);
    expect(second).toContain(`#${newNo} 加强重点项目储备｜负责人 ${atText(LI)}｜截止 2026-12-24 18:00 周四`);
    expect(second).toContain(
      `与原纪要相同、未重复登记 1 项（照原登记）：\n#${listNo} 完善重点项目清单｜办理中｜截止 2026-12-22 18:00 周二`,
    );
    expect(second).toContain(
      `原纪要的其他议定事项照旧在办：#${reserveNo} 加强项目储备。如不再办理，请用 /取消 #编号 <理由>。`,
    );

    // A different date on a repeated line does not move the deadline: that is /延期's, approved.
    const third = await askIn(
      WANG.openId,
      `/纪要 会议#${meetingNo} 研究部署项目推进工作（再修订）。\n议定：完善重点项目清单 @张三 12月25日`,
      [ZHANG],
    );
    expect(third).not.toContain('议定事项已登记');
    expect(third).toContain(
      `#${listNo} 完善重点项目清单｜办理中｜截止 2026-12-22 18:00 周二；本次纪要写的截止时间（2026-12-25 18:00 周五）未采用，调整截止时间请用 /延期 #${listNo}`,
    );

    const tenant = rig.fake.tenantKey;
    const meeting = await rig.luoshi.deps.registers.get(tenant, 'meeting', meetingNo);
    expect(meeting?.decisions).toEqual([listNo, reserveNo, newNo]);
    const items = await rig.luoshi.deps.items.getMany(tenant, meeting!.decisions!);
    expect(items.map((i) => i.title)).toEqual([
      '项目推进会议定：完善重点项目清单',
      '项目推进会议定：加强项目储备',
      '项目推进会议定：加强重点项目储备',
    ]);
    expect(items[0]!.due).toBe(Date.parse('2026-12-22T18:00:00+08:00'));
  });
});

describe('调研 (notice 四)', () => {
  it('holds the quarter at 50% random, and tells the principal leader when it falls below', async () => {
    await rig.luoshi.deps.settings.update(rig.fake.tenantKey, CHAT, (g) => ({ ...g, principal: ZHAO }), {
      actor: ADMIN,
      action: 'settings-principal',
      at: clock.now(),
    });
    await ask(CREATOR, '/调研 农村危房改造 12月8日 暗访');
    const half = await ask(CREATOR, '/调研 产业园区用地 12月9日 安排');
    expect(half).toContain('调研 2 次，其中随机抽查、暗访 1 次，占 50%，符合');
    const below = await ask(CREATOR, '/调研 养老服务 12月10日 安排 单位 县民政局');
    expect(below).toContain('占 33%。⚠️ 低于 50% 的要求');
    const told = await rig.fake.waitFor(() =>
      rig.fake.messagesTo(ZHAO.openId).find((m) => textOf(m.content).includes('低于 50% 的要求')),
    );
    expect(textOf(told!.content)).toContain('请安排更多随机抽查、暗访随访');
  });
});

/** The 台账 `command` sends to the chat, read back; the 登记簿 sheet's rows as [类别, 编号, …]. */
async function registerRows(command: string): Promise<{ entries: unknown[][]; notes: string[] }> {
  const before = rig.fake.messagesTo(CHAT).length;
  await ask(CREATOR, command);
  const message = await rig.fake.waitFor(() =>
    rig.fake
      .messagesTo(CHAT)
      .slice(before)
      .find((m) => m.msgType === 'file'),
  );
  const file = rig.fake.files.get(String((message!.content as { file_key: string }).file_key))!;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const rows = (book.getWorksheet('登记簿')?.getSheetValues() ?? []) as unknown[][];
  return {
    entries: rows.filter((r) => r && typeof r[2] === 'number'),
    notes: rows.flatMap((r) => (r && typeof r[1] === 'string' && r[1].startsWith('注：') ? [r[1]] : [])),
  };
}

describe('the registers in /统计 and the 台账', () => {
  it('counts each register for the period as its own kind, in the card and in a sheet of the 台账', async () => {
    const card = await ask(CREATOR, '/统计 本月');
    expect(card).toContain('登记簿');
    expect(card).toContain('会议 1 次（常务会 1）');
    expect(card).toContain('发文 3 件（政策性 2 件）');
    expect(card).toContain('督查 3 次（计划外 2 次）');
    expect(card).toContain('调研 3 次（随机、暗访占 33%，⚠️ 低于 50%）');
    const before = rig.fake.messagesTo(CHAT).length;
    await ask(CREATOR, '/台账 本月');
    const message = await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(CHAT)
        .slice(before)
        .find((m) => m.msgType === 'file'),
    );
    const file = rig.fake.files.get(String((message!.content as { file_key: string }).file_key))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('登记簿')!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter((r) => r && typeof r[2] === 'number');
    expect(rows.map((r) => r[1])).toEqual([
      '发文',
      '发文',
      '发文',
      '督查',
      '督查',
      '督查',
      '会议',
      '调研',
      '调研',
      '调研',
    ]);
  });

  it('counts under a unit only that unit’s entries, and says meetings have no unit', async () => {
    // A unit /统计 knows: an item of 县商务委, the unit two of the inspections were of.
    expect(await ask(CREATOR, '/任务 商务委整改事项 @张三 12月20日 单位 县商务委', [ZHANG])).toContain(
      '已登记',
    );
    const card = await ask(CREATOR, '/统计 本月 单位 县商务委');
    expect(card).toContain('登记簿');
    expect(card).toContain('督查 2 次（计划外 1 次）');
    expect(card).toContain('会议不分单位，未计入');
    // The documents and surveys were of no unit or another one; the group's meeting is no unit's.
    expect(card).not.toContain('发文');
    expect(card).not.toContain('调研');
    expect(card).not.toContain('会议 1 次');
  });

  it('lists in the 台账 of a unit only that unit’s entries, as /统计 counts them', async () => {
    // Inspections of two units (县商务委 twice, 县水利局 once) and a survey of 县民政局 are on record.
    const { entries, notes } = await registerRows('/台账 本月 单位 县商务委');
    expect(entries.map((r) => [r[1], r[5]])).toEqual([
      ['督查', '县商务委'],
      ['督查', '县商务委'],
    ]);
    expect(notes).toEqual(['注：会议不分单位，未计入。']);
    // The whole group's ledger still lists the other unit's inspection and the survey.
    const all = await registerRows('/台账 本月');
    expect(all.entries.map((r) => r[5])).toEqual(expect.arrayContaining(['县水利局', '县民政局']));
    expect(all.notes).toEqual([]);
  });

  it('counts no register under a 类型, the kinds of items, and says so in /统计 and the 台账', async () => {
    const card = await ask(CREATOR, '/统计 本月 类型 任务');
    expect(card).toContain('类型 任务');
    expect(card).toContain('会议、发文、督查、调研不属于任何事项类型，按类型统计时未计入');
    expect(card).not.toContain('会议 1 次');
    expect(card).not.toContain('督查 3 次');
    expect(card).not.toContain('调研 3 次');
    const { entries, notes } = await registerRows('/台账 本月 单位 县商务委 类型 任务');
    expect(entries).toEqual([]);
    expect(notes).toEqual(['注：会议、发文、督查、调研不属于任何事项类型，按类型统计时未计入。']);
  });
});
