/**
 * The playground switched on beside a real Lark app (`LUOSHI_PLAYGROUND=on` with `LARK_APP_ID`):
 * it listens on a loopback listener of its own, never on the public one; it asks for its token on
 * the page, the live feed and every action; and what its people type or press stays on the page —
 * the bot's answers, the redrawn card and everything they cause go to the playground's log, and
 * not one request reaches the (fake) Lark platform, while a real group is still answered there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_GROUP_CHAT } from '../../src/playground/world.ts';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { accepts, otherAddressOfThisMachine } from '../support/otherAddress.ts';
import { entryMatching, FeedReader } from '../support/playground.ts';

// In the base64 alphabet, as `openssl rand -base64` makes it: `+`, `/` and `=` too.
const TOKEN = 'made+up/playground-token-0001=';
const WANG = 'ou_pg_wang_lead';
const ZHANG = 'ou_pg_zhangsan';

let rig: Rig;
let page: string;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({
    clock,
    env: { LUOSHI_PLAYGROUND: 'on', LUOSHI_PLAYGROUND_TOKEN: TOKEN, LUOSHI_PLAYGROUND_PORT: '0' },
  });
  page = rig.luoshi.playgroundUrl!;
});
afterAll(async () => {
  await rig?.close();
});

const bearer = { authorization: `Bearer ${TOKEN}` };

async function act(path: string, body: unknown, headers: Record<string, string> = bearer) {
  const res = await fetch(`${page}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('where it listens', () => {
  it('on loopback, on a port of its own; the public listener does not serve it', async () => {
    const url = new URL(page);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).not.toBe(new URL(rig.luoshi.url).port);
    expect((await fetch(`${rig.luoshi.url}/playground`, { headers: bearer })).status).toBe(404);
    expect(await accepts('127.0.0.1', Number(url.port))).toBe(true);
    expect(await accepts(await otherAddressOfThisMachine(), Number(url.port))).toBe(false);
  });
});

describe('its token', () => {
  it('is asked for by the page, the live feed and every action', async () => {
    const bare = await fetch(page);
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('演示场需要令牌');
    expect((await fetch(`${page}/events`)).status).toBe(401);
    const say = await act('say', { as: WANG, chatId: PLAYGROUND_GROUP_CHAT, text: '/帮助' }, {});
    expect(say.status).toBe(401);
    expect(String(say.body.error)).toContain('令牌');
    expect((await act('seed', {}, { authorization: 'Bearer not-the-token-at-all' })).status).toBe(401);
    expect((await fetch(`${page}?token=not-the-token-at-all`)).status).toBe(401);
    expect(rig.luoshi.playground?.log && (await rig.luoshi.playground.log.recent(10))).toEqual([]);
  });

  it('opened once with ?token=, sets a cookie for the playground and leaves the address bar', async () => {
    const first = await fetch(`${page}?token=${TOKEN}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/playground');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/playground/i);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    const again = await fetch(page, { headers: { cookie: session } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('县政府办工作群');
  });

  it('is taken from a script whatever the case of the Bearer scheme', async () => {
    for (const scheme of ['bearer', 'BEARER']) {
      const res = await fetch(page, { headers: { authorization: `${scheme} ${TOKEN}` } });
      expect(res.status, scheme).toBe(200);
    }
  });
});

describe('what its people do', () => {
  it('stays on the page: not one request reaches Lark, while a real group is still answered there', async () => {
    const feed = new FeedReader(`${page}/events?after=0-0`, bearer);
    try {
      const requestsBefore = rig.fake.requests.length;
      const said = await act('say', {
        as: WANG,
        chatId: PLAYGROUND_GROUP_CHAT,
        text: '/任务 核对报表 @张三 明天',
      });
      expect(said.status).toBe(200);
      const reply = await feed.next(entryMatching((e) => e.replyTo === said.body.messageId));
      const confirmation = JSON.parse(reply.data) as { messageId: string; html: string };
      expect(confirmation.html).toContain('已登记 #1 核对报表');

      // 张三 presses 完成 on the card: the answer and the redrawn card come back to the page.
      const sent = (await rig.luoshi.playground!.log.recent(50)).find(
        (e) => e.messageId === confirmation.messageId,
      );
      const card =
        sent?.record.kind === 'bot' && sent.record.message.type === 'card' ? sent.record.message.card : {};
      const done = cardButtons(card).get('完成');
      expect(done).toBeDefined();
      const pressed = await act('press', {
        as: ZHANG,
        messageId: confirmation.messageId,
        value: done,
        formValue: { note: '已核对' },
      });
      expect(pressed.body.toast).toEqual({ type: 'success', content: '#1 已办结（按期办结）。' });
      await feed.next(entryMatching((e) => e.kind === 'update' && e.messageId === confirmation.messageId));
      // A private chat too, and whatever all of it queued (follow-ups, card copies) has run.
      await act('say', { as: ZHANG, chatId: `oc_pg_dm_${ZHANG}`, text: '/列表' });
      await rig.settle();
      expect(rig.fake.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`)).toEqual([]);

      // The same bot, in a real group: answered on Lark as before.
      expect(await rig.ask('ou_real_person_0000000000000000001', '/帮助')).toContain('/任务');
    } finally {
      feed.close();
    }
  });

  it('cannot move the clock of a bot people rely on', async () => {
    const moved = await act('clock', { to: 'day' });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toContain('连接飞书时不能拨动时间');
  });
});
