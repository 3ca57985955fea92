/**
 * The 看板 (issue 11 §3) over real HTTP: `/看板` sends a one-time link privately; the link starts
 * a session (HttpOnly cookie) once and never again; without a session every page is 401; each
 * person sees exactly their scope — an owner their items, a lead leader what he leads, an
 * organisation admin everything — in the table, the item pages and the Excel download (its
 * 登记簿 sheet narrowed to the filter's unit or 类型 as `/台账`'s is); and
 * Feishu web login (OAuth against the fake platform) lets a bookmarked 看板 in.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Monday 30 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-30T10:00:00+08:00');
const GROUP = 'oc_test_chat_dashboard_01';
const items: Record<string, number> = {};

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
  const record = async (text: string, mentions: (typeof ZHANG)[]) =>
    Number(/#(\d+)/.exec(await rig.ask(CREATOR, text, mentions, { chatId: GROUP }))?.[1]);
  items.zhang = await record('/任务 报送年度总结 @张三 明天 牵头 @王主任 单位 办公室', [ZHANG, WANG]);
  items.li = await record('/任务 整理会议纪要 @李四 今天 单位 财政局', [LI]);
});
afterAll(async () => {
  await rig?.close();
});

/** `/看板` as this person in the group: the link the bot sent them privately. */
async function linkFor(openId: string): Promise<string> {
  const before = rig.fake.messagesTo(openId).length;
  expect(await rig.ask(openId, '/看板', [], { chatId: GROUP })).toContain('已私信发给你');
  const card = await rig.fake.waitFor(() =>
    rig.fake
      .messagesTo(openId)
      .slice(before)
      .find((m) => textOf(m.content).includes('打开我的督办看板')),
  );
  return /\((http[^)]+)\)/.exec(JSON.stringify(card!.content).replaceAll('\\', ''))![1]!;
}

async function logIn(openId: string): Promise<string> {
  const res = await fetch(await linkFor(openId), { redirect: 'manual' });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  return cookie.split(';')[0]!;
}

const get = (path: string, cookie?: string) =>
  fetch(`${rig.luoshi.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe('看板', () => {
  it('lets nobody in without a session, and a login link in once only', async () => {
    expect((await get('/dashboard')).status).toBe(401);
    expect(await (await get('/dashboard')).text()).toContain('发送 /看板');
    const link = await linkFor(ZHANG.openId);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('这个链接已经用过或已过期');
  });

  it('shows an owner his items only, with their history, and hides the rest', async () => {
    const cookie = await logIn(ZHANG.openId);
    const page = await (await get('/dashboard', cookie)).text();
    expect(page).toContain('报送年度总结');
    expect(page).not.toContain('整理会议纪要');
    const own = await get(`/dashboard/items/${items.zhang}`, cookie);
    expect(own.status).toBe(200);
    const ownText = await own.text();
    expect(ownText).toContain('全部记录（1 条）');
    expect(ownText).toContain('登记');
    const other = await get(`/dashboard/items/${items.li}`, cookie);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain(`没有找到 #${items.li}`);
    expect(own.headers.get('cache-control')).toBe('no-store');
  });

  it('gives an organisation admin everything, filtered and in Excel', async () => {
    const cookie = await logIn(ADMIN);
    const page = await (await get('/dashboard', cookie)).text();
    expect(page).toContain('报送年度总结');
    expect(page).toContain('整理会议纪要');
    expect(page).toContain('范围：全部');
    const filtered = await (await get(`/dashboard?unit=${encodeURIComponent('财政局')}`, cookie)).text();
    expect(filtered).toContain('整理会议纪要');
    expect(filtered).not.toContain('报送年度总结');
    const file = await get('/dashboard/ledger.xlsx', cookie);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    // As the page sorts them: nearest deadline first.
    const titles = [3, 4].map((r) => book.getWorksheet('台账')!.getRow(r).getCell(3).value);
    expect(titles).toEqual(['整理会议纪要', '报送年度总结']);
  });

  it('narrows the download’s 登记簿 sheet to the unit filtered on, and counts none under a 类型 or an owner', async () => {
    for (const line of [
      '/调研 财政资金使用 11月20日 暗访 单位 财政局',
      '/调研 公文办理 11月23日 安排 单位 办公室',
    ])
      expect(await rig.ask(CREATOR, line, [], { chatId: GROUP })).toContain('已登记 调研#');
    const cookie = await logIn(ADMIN);
    const registers = async (query: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await get(`/dashboard/ledger.xlsx${query}`, cookie)).arrayBuffer());
      const rows = (book.getWorksheet('登记簿')?.getSheetValues() ?? []) as unknown[][];
      return rows.filter((r) => r && typeof r[2] === 'number').map((r) => [r[4], r[5]]);
    };
    expect(await registers('')).toEqual([
      ['财政资金使用', '财政局'],
      ['公文办理', '办公室'],
    ]);
    expect(await registers(`?unit=${encodeURIComponent('财政局')}`)).toEqual([['财政资金使用', '财政局']]);
    expect(await registers('?kind=task')).toEqual([]);
    // Nobody holds a register entry as an owner holds an item: under a 负责人, none, said so.
    expect(await registers(`?owner=${ZHANG.openId}`)).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      await (await get(`/dashboard/ledger.xlsx?owner=${ZHANG.openId}`, cookie)).arrayBuffer(),
    );
    expect(JSON.stringify(book.getWorksheet('登记簿')?.getSheetValues())).toContain('按负责人统计时未计入');
  });

  it('ends a session on 退出', async () => {
    const cookie = await logIn(LI.openId);
    expect((await get('/dashboard', cookie)).status).toBe(200);
    await fetch(`${rig.luoshi.url}/dashboard/logout`, { method: 'POST', headers: { cookie } });
    expect((await get('/dashboard', cookie)).status).toBe(401);
  });

  it('lets a person in through Feishu web login, and refuses a callback whose state was changed', async () => {
    rig.fake.addUser({ openId: WANG.openId, name: WANG.name });
    rig.fake.signIn(WANG.openId);
    const start = await get('/dashboard/auth/feishu');
    expect(start.status).toBe(302);
    const stateCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const authorized = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(authorized.headers.get('location')!);
    expect(back.pathname).toBe('/dashboard/auth/feishu/callback');

    const forged = new URL(back);
    forged.searchParams.set('state', 'someone-elses-state');
    const refused = await fetch(forged, { headers: { cookie: stateCookie }, redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('登录没有完成');

    const done = await fetch(back, { headers: { cookie: stateCookie }, redirect: 'manual' });
    expect(done.status).toBe(303);
    const session = done.headers
      .getSetCookie()
      .find((c) => c.startsWith('luoshi_dashboard='))!
      .split(';')[0]!;
    const page = await (await get('/dashboard', session)).text();
    expect(page).toContain('王主任');
    expect(page).toContain('报送年度总结');
    expect(page).not.toContain('整理会议纪要');
    // The code was used: the same callback again finds no user.
    expect((await fetch(back, { headers: { cookie: stateCookie }, redirect: 'manual' })).status).toBe(401);
  });

  it('opens the queue board to an organisation admin’s session only', async () => {
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues', await logIn(ZHANG.openId))).status).toBe(403);
    const admin = await logIn(ADMIN);
    const page = await get('/admin/queues', admin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await get('/admin/queues/api/queues', admin);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues
      .map((q) => q.name)
      .sort();
    expect(names).toEqual(['follow-ups', 'inbound', 'outbound', 'reminders']);
  });
});
