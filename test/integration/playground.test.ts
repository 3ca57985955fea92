/**
 * The playground against the real server (playground mode, real Redis, real queues and
 * workers): what a person types reaches the bot through the inbound gate and the answer comes
 * back through the outbound queue into the page's live feed; private messages land in the
 * person's own pane; the feed resumes where it stopped; time travel moves the bot's clock; and
 * everything the page may be refused is refused in Chinese.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageUuid, type SendRequest } from '../../src/bot/delivery/messenger.ts';
import { PlaygroundDelivery } from '../../src/playground/delivery.ts';
import { dmChatId, PLAYGROUND_GROUP_CHAT, PLAYGROUND_TENANT } from '../../src/playground/world.ts';
import { entryMatching, FeedReader, type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

const ZHANG = 'ou_pg_zhangsan';
const LI = 'ou_pg_lisi';
const WANG = 'ou_pg_wang_lead';
const ZHAO = 'ou_pg_zhao_admin';

let rig: PlaygroundRig;
let feed: FeedReader;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
  feed = new FeedReader(`${rig.page}/events?after=0-0`);
});
afterAll(async () => {
  // With the feed still open: a live page must not keep the server from shutting down.
  await rig?.close();
  await feed?.done;
});

/** What a feed entry's html shows as text (tags dropped). */
const shownText = (html: unknown) => String(html).replace(/<[^>]*>/g, '');

/** Says something and returns the bot's answer to it as the page's feed delivered it. */
async function say(as: string, text: string, chatId = PLAYGROUND_GROUP_CHAT): Promise<string> {
  const sent = await rig.act('say', { as, chatId, text });
  expect(sent.status).toBe(200);
  const reply = await feed.next(entryMatching((e) => e.replyTo === sent.body.messageId));
  expect(JSON.parse(reply.data).chatId).toBe(chatId);
  return String(JSON.parse(reply.data).html);
}

describe('chatting through the real pipeline', () => {
  it('shows what was typed, with mentions by name, then the bot’s confirmation in the group', async () => {
    const answer = await say(WANG, '/任务 核对报表 @张三 明天');
    expect(answer).toContain('已登记 #1 核对报表');
    expect(answer).toContain('@张三');
    expect(answer).toContain('2026-11-27 18:00 周五');
    const typed = feed
      .entries()
      .find((e) => String(e.html).includes('核对报表') && !String(e.html).includes('from-bot'));
    expect(typed?.chatId).toBe(PLAYGROUND_GROUP_CHAT);
    expect(String(typed?.html)).toContain('@落实');
    expect(String(typed?.html)).toContain('>@张三</span>');
  });

  it('refuses a stranger, lets the admin act, and answers a private chat in that chat', async () => {
    expect(await say(LI, '/完成 #1 我来办')).toContain('只有');
    const privateAnswer = await say(ZHANG, '/列表', dmChatId(ZHANG));
    expect(privateAnswer).toBeTruthy();
    await say(WANG, '/任务 报送台账 @李四 3个工作日内');
    expect(await say(ZHAO, '/完成 #2 管理员代为办结')).toContain('#2 报送台账 已办结');
  });

  it('puts a message the bot sends to a person in that person’s pane, once per uuid', async () => {
    const request: SendRequest = {
      tenant: PLAYGROUND_TENANT,
      to: { openId: LI },
      message: { type: 'text', text: '🟡 临近提醒：#9 明天到期' },
      key: 'test:dm:once',
    };
    const shownOnce = async () => {
      const entries = (await rig.luoshi.playground!.log.recent(1000)).filter(
        (e) => e.record.kind === 'bot' && JSON.stringify(e.record.message).includes('临近提醒'),
      );
      expect(entries.map((e) => e.record.kind === 'bot' && e.record.chatId)).toEqual([dmChatId(LI)]);
      return entries[0]!.messageId;
    };
    await rig.luoshi.deps.messenger.send(request);
    await feed.next(entryMatching((e) => String(e.html).includes('临近提醒')));
    const shown = await shownOnce();
    // The same logical message again: the outbound queue keeps it single. Once the queues are
    // idle, a second copy would be on the log.
    await rig.luoshi.deps.messenger.send(request);
    await rig.settle();
    await shownOnce();
    // A delivery retried after it had shown the message (a worker killed before it recorded
    // the send) gets the same message back and shows nothing new.
    const delivery = new PlaygroundDelivery(rig.luoshi.redis, rig.luoshi.keys, () => rig.clock.now());
    const retried = await delivery.deliver({ ...request, uuid: messageUuid(request.key) });
    expect(retried.messageId).toBe(shown);
    await shownOnce();
  });

  it('resumes the feed after the last event the page saw', async () => {
    const all = feed.entries();
    const resumeAfter = all[all.length - 3]!.id!;
    const again = new FeedReader(`${rig.page}/events`, { 'last-event-id': resumeAfter });
    try {
      const first = await again.next((e) => e.event === 'entry');
      expect(first.id).toBe(all[all.length - 2]!.id);
    } finally {
      again.close();
    }
  });
});

describe('many pages open at once', () => {
  it('are all fed by one Redis connection, and each sees what happens', async () => {
    const pages = Array.from({ length: 4 }, () => new FeedReader(`${rig.page}/events`));
    try {
      await Promise.all(pages.map((p) => p.next((e) => e.event === 'now')));
      const clients = String(await rig.luoshi.redis.client('LIST'));
      const readers = clients
        .split('\n')
        .filter((l) => l.includes(`name=${rig.luoshi.keys.prefix}:playground-feed`));
      // The page opened in beforeAll and these four share one.
      expect(readers).toHaveLength(1);
      const sent = await rig.act('say', { as: ZHANG, chatId: PLAYGROUND_GROUP_CHAT, text: '/帮助' });
      await Promise.all(pages.map((p) => p.next(entryMatching((e) => e.replyTo === sent.body.messageId))));
    } finally {
      for (const p of pages) p.close();
    }
  });
});

describe('the page’s own controls', () => {
  it('renders the page with the people, their roles and a strict content policy', async () => {
    const res = await fetch(rig.page);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const text of [
      '张三',
      '李四',
      '王主任',
      '刘局长',
      '赵管理员',
      '牵头领导',
      '主要负责人',
      '2026-11-26',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('renames a person everywhere the page shows them, and refuses a clash', async () => {
    const ok = await rig.act('rename', { openId: LI, name: '李科长' });
    expect(ok.status).toBe(200);
    await feed.next(entryMatching((e) => e.kind === 'member' && e.name === '李科长'));
    expect((await rig.act('rename', { openId: LI, name: '张三' })).body.error).toContain('已经有人叫');
    expect((await rig.act('rename', { openId: LI, name: '<b>x' })).status).toBe(400);
    expect(await (await fetch(rig.page)).text()).toContain('李科长');
    // Typed with the new name, the mention still reaches the same person.
    expect(await say(WANG, '/任务 整理纪要 @李科长 明天')).toContain('@李科长');
  });

  it('travels to the next office start, where the digest and reminders fire, then by a day; never backwards', async () => {
    const office = await rig.act('clock', { to: 'office' });
    expect(office.body.now).toBe('2026-11-27 09:00 周五');
    await feed.next(
      entryMatching((e) => e.kind === 'clock' && String(e.html).includes('2026-11-27 09:00 周五')),
    );
    // Everything due by then fired through the real reminder queue, under the divider.
    // Both are cards: their text is read without the markup (`<strong>#1</strong> 核对报表`).
    const digest = await feed.next(entryMatching((e) => String(e.html).includes('每日督办简报')));
    expect(JSON.parse(digest.data).chatId).toBe(PLAYGROUND_GROUP_CHAT);
    expect(shownText(JSON.parse(digest.data).html)).toContain('#1 核对报表');
    const approaching = await feed.next(
      entryMatching(
        (e) => shownText(e.html).includes('临近提醒') && shownText(e.html).includes('#1 核对报表'),
      ),
    );
    expect(shownText(JSON.parse(approaching.data).html)).toContain('@张三');
    const day = await rig.act('clock', { to: 'day' });
    expect(day.body.now).toBe('2026-11-28 09:00 周六');
    // An instant with its offset is taken as written.
    const at = await rig.act('clock', { to: 'at', at: '2026-11-28T10:00:00+08:00' });
    expect(at.body.now).toBe('2026-11-28 10:00 周六');
    const back = await rig.act('clock', { to: 'at', at: '2026-11-20T09:00' });
    expect(back.status).toBe(400);
    expect(back.body.error).toContain('只能往后');
    expect(rig.clock.now()).toBeGreaterThanOrEqual(Date.parse('2026-11-28T09:00:00+08:00'));
  });

  it('answers what it cannot do in Chinese, with no trace', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['say', { as: 'ou_nobody', chatId: PLAYGROUND_GROUP_CHAT, text: '/帮助' }, '身份'],
      ['say', { as: ZHANG, chatId: dmChatId(LI), text: '/帮助' }, '只能在群里'],
      ['say', { as: ZHANG, chatId: PLAYGROUND_GROUP_CHAT, text: '   ' }, '请输入内容'],
      ['press', { as: ZHANG, messageId: 'om_never_sent', value: {} }, '找不到这张卡片'],
      ['clock', { to: 'at', at: '2026-02-30T09:00' }, '日期不存在'],
      ['clock', { to: 'at', at: '明天九点' }, '读不懂时间“明天九点”'],
    ];
    for (const [path, body, words] of cases) {
      const res = await rig.act(path, body);
      expect(res.status).toBe(400);
      expect(String(res.body.error)).toContain(words);
    }
    const plain = await fetch(`${rig.page}/api/say`, { method: 'POST', body: 'as=x' });
    expect(plain.status).toBe(415);
  });
});

describe('a file dropped into the chat', () => {
  /** Posts bytes as the page's 📎 does; returns the response. */
  async function drop(
    as: string,
    chatId: string,
    name: string,
    bytes: Buffer,
    type = 'application/octet-stream',
  ) {
    const query = new URLSearchParams({ as, chatId, name });
    const res = await fetch(`${rig.page}/api/file?${query}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('reads a plan spreadsheet sent after /计划 导入 and previews it in that chat', async () => {
    await say(WANG, '/计划 导入 2026 单位 县交通局');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('计划').addRows([
      ['事项', '截止', '负责人'],
      ['国道养护', '12月25日', '张三'],
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const sent = await drop(WANG, PLAYGROUND_GROUP_CHAT, '交通局计划.xlsx', bytes);
    expect(sent.status).toBe(200);
    const shown = await feed.next(entryMatching((e) => String(e.html).includes('📎 交通局计划.xlsx')));
    expect(JSON.parse(shown.data).chatId).toBe(PLAYGROUND_GROUP_CHAT);
    const preview = await feed.next(entryMatching((e) => e.replyTo === sent.body.messageId));
    expect(shownText(JSON.parse(preview.data).html)).toContain('国道养护 · 截止 2026-12-25');
  });

  it('refuses a file from nobody, into someone else’s chat, empty, or sent as a form', async () => {
    const bytes = Buffer.from('x');
    expect((await drop('ou_nobody', PLAYGROUND_GROUP_CHAT, 'a.xlsx', bytes)).body.error).toContain('身份');
    expect((await drop(ZHANG, dmChatId(LI), 'a.xlsx', bytes)).body.error).toContain('只能在群里');
    expect((await drop(ZHANG, PLAYGROUND_GROUP_CHAT, 'a.xlsx', Buffer.alloc(0))).body.error).toContain('空');
    expect((await drop(ZHANG, PLAYGROUND_GROUP_CHAT, 'a.xlsx', bytes, 'multipart/form-data')).status).toBe(
      415,
    );
    const big = await drop(ZHANG, PLAYGROUND_GROUP_CHAT, 'a.xlsx', Buffer.alloc(2 * 1024 * 1024 + 1));
    expect([big.status, big.body.error]).toEqual([413, expect.stringContaining('太大')]);
  });
});

describe('demo data', () => {
  it('types a week of 收文, 整改 and 分解 into the group, in its people’s current names', async () => {
    const seeded = await rig.act('seed', {});
    expect(seeded.body).toMatchObject({ ok: true, sent: 14, skipped: 0, unanswered: 0 });
    const shown = feed.entries().map((e) => String(e.html ?? ''));
    expect(shown.some((h) => h.includes('已登记收文《关于进一步提高政府系统执行力的通知》'))).toBe(true);
    expect(shown.filter((h) => h.includes('已登记整改事项'))).toHaveLength(3);
    expect(shown.some((h) => h.includes('已分解任务（按月）'))).toBe(true);
    // 李四 was renamed above: the demo speaks of 李科长.
    expect(shown.some((h) => h.includes('@李科长') && h.includes('政务服务大厅窗口超时办结'))).toBe(true);
  });
});

describe('the playground of a web process beside worker processes', () => {
  it('answers chat but will not move the clock, which each process keeps for itself', async () => {
    const web = await startPlaygroundRig('2026-11-26T10:00:00+08:00', { LUOSHI_ROLE: 'web' });
    try {
      const moved = await web.act('clock', { to: 'office' });
      expect(moved.status).toBe(400);
      expect(String(moved.body.error)).toContain('LUOSHI_ROLE=all');
      expect(web.clock.now()).toBeLessThan(Date.parse('2026-11-26T10:01:00+08:00'));
      expect((await web.act('say', { as: ZHANG, chatId: PLAYGROUND_GROUP_CHAT, text: '/帮助' })).status).toBe(
        200,
      );
    } finally {
      await web.close();
    }
  });
});
