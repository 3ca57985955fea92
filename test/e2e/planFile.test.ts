/**
 * A plan sent as a spreadsheet (issue 12 §1): `/计划 导入 <年度> 单位 <名称>` with no lines waits
 * for its sender's `.xlsx`; the file — sent in a private chat, since a file in a group cannot @
 * the bot — is downloaded through the message resource API, its 负责人 names matched to the
 * group's members, and previewed like a pasted plan; 确认导入 records the items in the group the
 * command came from. Files that are not a plan, too large, or not awaited are answered plainly.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_COOKIE, DashboardSessions } from '../../src/web/dashboard/sessions.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLarkTypes.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { FAKE_VERIFICATION_TOKEN, fileMessageEvent } from '../support/larkEvents.ts';
import { CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Friday 20 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-20T10:00:00+08:00');
const GROUP = 'oc_test_chat_plan_file_0001';
const DM = 'oc_test_p2p_creator_plans_01';

beforeAll(async () => {
  rig = await startRig({ clock });
  for (const p of [ZHANG, LI, WANG]) rig.fake.addUser({ openId: p.openId, name: p.name });
  rig.fake.addUser({ openId: CREATOR, name: '孙科员' });
  rig.fake.addChat(GROUP, [CREATOR, ZHANG.openId, LI.openId, WANG.openId]);
});
afterAll(async () => {
  await rig?.close();
});

/** A workbook as people make one: a header, then rows; `Date` cells are dates. */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('计划');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The creator sends `bytes` as `name` in their private chat with the bot; returns the reply. */
async function sendFile(name: string, bytes: Buffer): Promise<FakeMessage> {
  const messageId = await postFile(name, bytes, DM);
  return (await rig.fake.waitFor(() => rig.fake.repliesTo(messageId)[0]))!;
}

/** Posts the file message event; returns its message id. */
async function postFile(name: string, bytes: Buffer, chatId: string): Promise<string> {
  const messageId = `om_${randomBytes(12).toString('hex')}`;
  const fileKey = `file_v3_${randomBytes(8).toString('hex')}`;
  rig.fake.sendFile(messageId, chatId, fileKey, bytes);
  await rig.post(
    fileMessageEvent({
      chatId,
      chatType: chatId === DM ? 'p2p' : 'group',
      senderOpenId: CREATOR,
      messageId,
      fileKey,
      fileName: name,
      token: FAKE_VERIFICATION_TOKEN,
      appId: rig.fake.appId,
    }),
  );
  return messageId;
}

describe('/计划 导入 with a spreadsheet', () => {
  it('waits for the sender’s .xlsx, matches owners to the group by name, and records the plan in that group', async () => {
    const asked = await rig.ask(CREATOR, '/计划 导入 2026 单位 县水利局', [], { chatId: GROUP });
    expect(asked).toContain('请在 30 分钟内发送 2026 年 县水利局 的计划表');
    expect(asked).toContain('私聊');

    const bytes = await workbook([
      ['序号', '工作事项', '完成时限', '责任人'],
      [1, '水库除险加固', new Date(Date.UTC(2026, 11, 15)), '张三'],
      [2, '河道清淤', '', ''],
      [3, '灌区改造', '12月20日', '钱七'],
      [4, '', '12月1日', '李四'],
      [5, '农村供水', '12月18日', ' 李 四 '],
    ]);
    const card = await sendFile('2026年水利局计划.xlsx', bytes);
    const preview = textOf(card.content);
    expect(preview).toContain('读到 3 项');
    expect(preview).toContain('水库除险加固 · 截止 2026-12-15');
    expect(preview).toMatch(/水库除险加固[^\n]*张三/u);
    expect(preview).toContain('河道清淤 · 截止 2026-12-31 18:00');
    // No owner named: the importer, by name.
    expect(preview).toMatch(/河道清淤[^\n]*孙科员（登记人）/u);
    expect(preview).toMatch(/农村供水[^\n]*李四/u);
    expect(preview).toContain('第 4 行：负责人“钱七”不是该群成员');
    expect(preview).toContain('第 5 行：没有事项');

    expect((await rig.press(card, '确认导入', CREATOR)).toast.content).toContain('已导入 3 项计划');
    // The group hears who owns what, each owner @-ed.
    const told = await rig.fake.waitFor(() =>
      rig.fake
        .messagesTo(GROUP)
        .find((m) => textOf(m.content).includes('已导入 县水利局 2026 年工作计划 3 项')),
    );
    expect(JSON.stringify(told!.content)).toContain(`<at user_id=\\"${ZHANG.openId}\\">`);
    expect(JSON.stringify(told!.content)).toContain(`<at user_id=\\"${LI.openId}\\">`);
    // The first items of this test's own tenant: #1—#3.
    const items = await rig.luoshi.deps.items.getMany(rig.fake.tenantKey, [1, 2, 3]);
    expect(items.every((i) => i.kind === 'plan' && i.chatId === GROUP)).toBe(true);
    expect(items.map((i) => [i.title, i.owners[0]!.openId]).sort()).toEqual(
      [
        ['水库除险加固', ZHANG.openId],
        ['河道清淤', CREATOR],
        ['农村供水', LI.openId],
      ].sort(),
    );
    expect(await rig.ask(CREATOR, '/计划 2026 单位 县水利局', [], { chatId: GROUP })).toContain(
      '县水利局：共 3 项，实施 0，未实施 0（0%），在办 3（未到期）',
    );

    // The wait ended with the preview: another file is not taken for a plan.
    const late = textOf((await sendFile('又一份.xlsx', bytes)).content);
    expect(late).toContain('没有等待导入的计划');
    // In a group, a file nobody asked the bot for is people's business: no answer.
    const shared = await postFile('会议材料.xlsx', bytes, GROUP);
    await rig.settle();
    expect(rig.fake.repliesTo(shared)).toEqual([]);
  });

  it('refuses what is not a plan spreadsheet and keeps waiting for a good one', async () => {
    await rig.ask(CREATOR, '/计划 导入 2026 单位 县林业局', [], { chatId: GROUP });
    expect(textOf((await sendFile('计划.docx', Buffer.from('not a sheet'))).content)).toContain(
      '不是 .xlsx 文件',
    );
    expect(textOf((await sendFile('计划.xlsx', Buffer.from('not a zip at all'))).content)).toContain(
      '不是有效的 Excel 文件',
    );
    expect(textOf((await sendFile('计划.xlsx', Buffer.alloc(2 * 1024 * 1024 + 1, 1))).content)).toContain(
      '超过 2 MB',
    );
    // Still waiting: the corrected file is read.
    const card = await sendFile('计划.xlsx', await workbook([['事项'], ['森林防火巡查']]));
    expect(textOf(card.content)).toContain('读到 1 项');
    expect(textOf(card.content)).toContain('森林防火巡查');
  });

  it('takes the spreadsheet uploaded on the 看板 instead, and sends the preview to the group', async () => {
    const cookie = `${DASHBOARD_COOKIE}=${await new DashboardSessions(
      rig.luoshi.redis,
      rig.luoshi.keys,
    ).start({
      tenant: rig.fake.tenantKey,
      openId: CREATOR,
    })}`;
    const page = async () =>
      (await fetch(`${rig.luoshi.url}/dashboard/plans`, { headers: { cookie } })).text();
    expect(await page()).toContain('没有等待导入的计划');
    await rig.ask(CREATOR, '/计划 导入 2026 单位 县交通局', [], { chatId: GROUP });
    const form = await page();
    expect(form).toContain('2026 年 县交通局');
    const token = /name="token" value="([^"]+)"/.exec(form)![1]!;
    const upload = async (fields: Record<string, string | Blob>, name = 'plan.xlsx') => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) {
        if (typeof v === 'string') body.append(k, v);
        else body.append(k, v, name);
      }
      return fetch(`${rig.luoshi.url}/dashboard/plans`, { method: 'POST', headers: { cookie }, body });
    };
    const bytes = await workbook([
      ['事项', '截止', '负责人'],
      ['国道养护', '12月25日', '张三'],
    ]);
    // Without the page's token (a form posted from elsewhere) nothing is read.
    const forged = await upload({ token: 'x', file: new Blob([new Uint8Array(bytes)]) });
    expect([forged.status, await forged.text()]).toEqual([400, expect.stringContaining('页面已过期')]);
    const done = await upload({ token, file: new Blob([new Uint8Array(bytes)]) });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('读到 1 项');
    const card = await rig.fake.waitFor(() =>
      rig.fake.messagesTo(GROUP).find((m) => textOf(m.content).includes('国道养护')),
    );
    expect(textOf(card!.content)).toMatch(/国道养护 · 截止 2026-12-25[^\n]*张三/u);
    expect(await page()).toContain('没有等待导入的计划');
  });
});
