/**
 * The playground's people are its directory: a rename (改名) shows in everything drawn after
 * it — the status card's 登记人 and history, list lines, the digest — without waiting for any
 * cache, and nobody is shown by open_id. Real server in playground mode, real Redis and queues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_GROUP_CHAT } from '../../src/playground/world.ts';
import { entryMatching, FeedReader, type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

const ZHANG = 'ou_pg_zhangsan';
const WANG = 'ou_pg_wang_lead';

let rig: PlaygroundRig;
let feed: FeedReader;

beforeAll(async () => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
  feed = new FeedReader(`${rig.page}/events?after=0-0`);
});
afterAll(async () => {
  await rig?.close();
  await feed?.done;
});

/** What a feed entry's html shows as text (tags dropped, references decoded as a browser would). */
const shownText = (html: unknown) =>
  String(html)
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replaceAll('&amp;', '&');

async function say(as: string, text: string): Promise<string> {
  const sent = await rig.act('say', { as, chatId: PLAYGROUND_GROUP_CHAT, text });
  expect(sent.status).toBe(200);
  const reply = await feed.next(entryMatching((e) => e.replyTo === sent.body.messageId));
  return shownText(JSON.parse(reply.data).html);
}

describe('renaming a playground member', () => {
  it('shows the new name as creator, in the history and on list lines', async () => {
    expect(await say(ZHANG, '/任务 核对花名册 @李四 明天 牵头 @王主任')).toContain('已登记 #1');
    const before = await say(WANG, '/查询 #1');
    expect(before).toContain('登记人：张三');
    expect(before).toContain('张三 登记');

    expect((await rig.act('rename', { openId: ZHANG, name: '张科长' })).status).toBe(200);
    expect((await rig.act('rename', { openId: 'ou_pg_lisi', name: '李科员' })).status).toBe(200);

    const after = await say(WANG, '/查询 #1');
    expect(after).toContain('登记人：张科长');
    expect(after).toContain('张科长 登记');
    expect(after).toContain('负责人：李科员');
    expect(after).not.toContain('张三');
    const list = await say(WANG, '/列表');
    expect(list).toContain('#1 核对花名册 · 李科员');
    for (const text of [before, after, list]) expect(text).not.toContain('ou_');
  });

  it('names the renamed people in the next morning’s digest', async () => {
    expect((await rig.act('clock', { to: 'office' })).status).toBe(200);
    const digest = await feed.next(entryMatching((e) => String(e.html).includes('每日督办简报')));
    const text = shownText(JSON.parse(digest.data).html);
    expect(text).toContain('#1 核对花名册 · 李科员');
    expect(text).not.toContain('ou_');
  });
});
