/**
 * The Workers edge end to end: Lark's signed, encrypted deliveries go to the edge Worker
 * (workerd through Miniflare, built by `wrangler deploy --dry-run` from `wrangler.toml`), which
 * answers at once and queues them; the queue's consumer forwards each to the real core
 * (`POST /webhook/edge`), whose reply reaches the fake Lark platform. Card presses go through
 * synchronously. The core goes down and comes back; nothing is lost or doubled.
 *
 * The queue's clock is Miniflare's fake timers (`edge.advance`), so "30 s of downtime" and
 * retry delays pass without waiting; the core keeps real time for the signature windows.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundJobId } from '../../src/transport/inboundGate.ts';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { type Edge, FAKE_EDGE_SECRET, startEdge } from '../support/edge.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import {
  cardActionEvent,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  messageEvent,
  urlVerification,
} from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
let edge: Edge;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');
/** The edge's card timeout here; `wrangler.toml` has 2500 ms, which Lark's 3 s allows. */
const CARD_TIMEOUT_MS = 1000;

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_EDGE_SECRET: FAKE_EDGE_SECRET } });
  edge = await startEdge({ coreUrl: rig.luoshi.url, cardTimeoutMs: CARD_TIMEOUT_MS });
}, 180_000);
afterAll(async () => {
  await Promise.all([rig?.close(), edge?.close()]);
});

/** A message from `sender` @-ing the bot, as Lark would deliver it (not sent yet). */
function message(sender: string, text: string, mentions = [ZHANG]) {
  const bot = { name: rig.fake.botName, openId: rig.fake.botOpenId };
  const event = messageEvent({
    text: `@${bot.name} ${text}`,
    mentions: [bot, ...mentions.filter((m) => text.includes(`@${m.name}`))],
    chatId: CHAT,
    senderOpenId: sender,
    token: FAKE_VERIFICATION_TOKEN,
    appId: rig.fake.appId,
  });
  rig.fake.seedMessage(event.event.message.message_id, CHAT);
  return event;
}

const queuedAtCore = async (eventId: string) =>
  (await rig.luoshi.queues.inbound.getJob(inboundJobId(eventId))) !== undefined;
// waitFor resolves with the first truthy value only.
const replyTo = async (messageId: string) =>
  (await rig.fake.waitFor(() => rig.fake.repliesTo(messageId)[0]))!;

async function pressViaEdge(card: FakeMessage, label: string, operator: string) {
  const value = cardButtons(card.content).get(label);
  if (!value) throw new Error(`no button ${label}`);
  const response = await edge.post(
    cardActionEvent({
      operatorOpenId: operator,
      value,
      messageId: card.messageId,
      chatId: CHAT,
      appId: rig.fake.appId,
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { toast: { type: string; content: string }; card?: unknown };
}

describe('the edge answers Lark itself', () => {
  it('echoes URL verification challenges with the right token only', async () => {
    const plain = await edge.post(urlVerification({ token: FAKE_VERIFICATION_TOKEN, challenge: 'c-1' }), {
      encrypt: false,
    });
    expect(await plain.json()).toEqual({ challenge: 'c-1' });
    const encrypted = await edge.post(urlVerification({ token: FAKE_VERIFICATION_TOKEN, challenge: 'c-2' }));
    expect(await encrypted.json()).toEqual({ challenge: 'c-2' });
    const wrong = await edge.post(urlVerification({ token: 'someone-elses', challenge: 'c-3' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('c-3');
  });

  it('refuses unsigned, forged, stale and foreign events, and none of them reaches the core', async () => {
    const refused: string[] = [];
    const send = async (status: number, body: string, headers: Record<string, string>, eventId: string) => {
      const response = await fetch(edge.webhookUrl, { method: 'POST', body, headers });
      expect(response.status).toBe(status);
      refused.push(eventId);
    };
    const e1 = message(CREATOR, '/帮助');
    const unsigned = larkRequest(e1, { encryptKey: FAKE_ENCRYPT_KEY, sign: false });
    await send(401, unsigned.body, unsigned.headers, e1.header.event_id);
    const e2 = message(CREATOR, '/帮助');
    const forged = larkRequest(e2, { encryptKey: FAKE_ENCRYPT_KEY });
    forged.headers['x-lark-signature'] = 'ab'.repeat(32);
    await send(401, forged.body, forged.headers, e2.header.event_id);
    const e3 = message(CREATOR, '/帮助');
    const stale = larkRequest(e3, {
      encryptKey: FAKE_ENCRYPT_KEY,
      timestamp: String(Math.floor(Date.now() / 1000) - 6 * 60),
    });
    await send(401, stale.body, stale.headers, e3.header.event_id);
    const e4 = message(CREATOR, '/帮助');
    const otherKey = larkRequest(e4, { encryptKey: 'some-other-key' });
    await send(401, otherKey.body, otherKey.headers, e4.header.event_id);
    const e5 = message(CREATOR, '/帮助');
    e5.header.token = 'someone-elses-token';
    const foreign = larkRequest(e5, { encryptKey: FAKE_ENCRYPT_KEY });
    await send(401, foreign.body, foreign.headers, e5.header.event_id);

    await edge.advance(2000);
    for (const eventId of refused) expect(await queuedAtCore(eventId)).toBe(false);
  });
});

describe('events: edge → queue → core → reply', () => {
  it('answers Lark before the core sees the event, then the core replies; a re-delivery is dropped', async () => {
    const event = message(CREATOR, '/任务 报送年度总结 @张三 3个工作日内');
    const response = await edge.post(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    // Queued at the edge, not yet forwarded: the batch waits up to max_batch_timeout (1 s).
    expect(await queuedAtCore(event.header.event_id)).toBe(false);

    await edge.advance(1000);
    const reply = await replyTo(event.event.message.message_id);
    expect(textOf(reply.content)).toMatch(/已登记 #\d+/);

    // Lark delivers at least once: the same event again, and the same message under a new id.
    expect((await edge.post(event)).status).toBe(200);
    const again = structuredClone(event);
    again.header.event_id = `${event.header.event_id}-redelivered`;
    expect((await edge.post(again)).status).toBe(200);
    await edge.advance(1000);
    expect(await queuedAtCore(again.header.event_id)).toBe(false);
    expect(rig.fake.repliesTo(event.event.message.message_id)).toHaveLength(1);
  });

  it('forwards an event too big for a queue message directly, while Lark waits', async () => {
    const long = '请看附件说明'.repeat(7500); // 45,000 characters, about 135 KB in UTF-8
    const event = message(CREATOR, `/帮助 ${long}`, []);
    const response = await edge.post(event);
    expect(response.status).toBe(200);
    // No queue clock moved: it went straight to the core, which answers it.
    expect(await queuedAtCore(event.header.event_id)).toBe(true);
    const reply = await replyTo(event.event.message.message_id);
    // The core answers it: too long to be a command, it is refused without being parsed.
    expect(textOf(reply.content)).toContain('消息太长了');
  });

  it('sends an event the core finds malformed to the dead-letter queue at once, never retrying it', async () => {
    const event = message(CREATOR, '/帮助');
    // The edge checks only what it needs; the core's schema caps event ids at 200 characters.
    event.header.event_id = 'x'.repeat(300);
    expect((await edge.post(event)).status).toBe(200);
    await edge.advance(1000);
    await edge.advance(1000); // the dead-letter queue's own batch
    expect(edge.deadLetters).toHaveLength(1);
    expect(edge.deadLetters[0]).toMatchObject({ header: { event_id: event.header.event_id } });
    edge.deadLetters.length = 0;
  });
});

describe('card presses go through the edge synchronously', () => {
  let card: FakeMessage;

  beforeAll(async () => {
    const event = message(CREATOR, '/任务 整理会议纪要 @张三 3个工作日内');
    await edge.post(event);
    await edge.advance(1000);
    card = await replyTo(event.event.message.message_id);
  });

  it('answers with the core’s toast and redrawn card', async () => {
    const answer = await pressViaEdge(card, '签收', ZHANG.openId);
    expect(answer.toast.type).toBe('success');
    expect(answer.toast.content).toMatch(/已签收 #\d+/);
    expect(cardButtons((answer.card as { data: unknown }).data).has('签收')).toBe(false);
  });

  it('answers a polite warning toast when the core is down or does not answer in time', async () => {
    await rig.stopCore();
    try {
      const refused = await pressViaEdge(card, '完成', ZHANG.openId);
      expect(refused).toEqual({
        toast: { type: 'warning', content: '落实服务暂时连接不上，本次操作没有生效，请稍后再试。' },
      });
      // A core that accepts the connection and never answers: the edge stops waiting.
      const port = Number(new URL(rig.luoshi.url).port);
      const sockets: Socket[] = [];
      const hanging: Server = createTcpServer((s) => sockets.push(s));
      await new Promise<void>((ok) => hanging.listen(port, '127.0.0.1', ok));
      try {
        const silent = await pressViaEdge(card, '完成', ZHANG.openId);
        expect(silent.toast.type).toBe('warning');
        expect(sockets.length).toBeGreaterThan(0);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((ok) => hanging.close(ok));
      }
    } finally {
      await rig.startCore();
    }
  });
});

describe('the core down for 30 s', () => {
  it('loses nothing: queued events are retried until the core is back, each replied to once', async () => {
    await rig.stopCore();
    const events = Array.from({ length: 5 }, (_, i) =>
      message(CREATOR, `/任务 停机期间的事项${i + 1} @张三 明天`),
    );
    try {
      for (const event of events) {
        const response = await edge.post(event);
        expect(response.status).toBe(200);
      }
      // 30 s of queue time: attempts at 1 s, 6 s and 16 s find the core down.
      for (let t = 0; t < 30; t += 1) await edge.advance(1000);
      expect(
        rig.fake.messages.filter((m) => events.some((e) => m.parentId === e.event.message.message_id)),
      ).toEqual([]);
    } finally {
      await rig.startCore();
    }
    // The next attempt (at 36 s) finds it back.
    for (let t = 30; t < 40; t += 1) await edge.advance(1000);
    for (const event of events) {
      const reply = await replyTo(event.event.message.message_id);
      expect(textOf(reply.content)).toMatch(/已登记 #\d+/);
    }
    for (const event of events) expect(rig.fake.repliesTo(event.event.message.message_id)).toHaveLength(1);
    expect(edge.deadLetters).toEqual([]);
  });
});
