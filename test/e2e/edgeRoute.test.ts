/**
 * The core's side of the Workers edge, `POST /webhook/edge`, without the Worker: requests
 * signed here the way the edge signs them (HMAC-SHA-256 over `<ms timestamp>\n<body>` with
 * `LUOSHI_EDGE_SECRET`). A good one is treated like a Lark delivery; anything else is refused
 * and leaves no trace; with no secret configured the route does not exist.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundJobId } from '../../src/transport/inboundGate.ts';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent, FAKE_VERIFICATION_TOKEN, messageEvent } from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';

/** Made-up. */
const FAKE_EDGE_SECRET = 'made-up-edge-secret-for-the-route-test-0001';
let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_EDGE_SECRET: FAKE_EDGE_SECRET } });
});
afterAll(async () => {
  await rig?.close();
});

const edgeUrl = () => `${rig.luoshi.url}/webhook/edge`;

function signed(body: string, { secret = FAKE_EDGE_SECRET, timestamp = String(Date.now()) } = {}) {
  const signature = createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-luoshi-edge-timestamp': timestamp,
    'x-luoshi-edge-signature': signature,
  };
}

function event(text: string, mentions = [ZHANG]) {
  const bot = { name: rig.fake.botName, openId: rig.fake.botOpenId };
  const e = messageEvent({
    text: `@${bot.name} ${text}`,
    mentions: [bot, ...mentions],
    chatId: CHAT,
    senderOpenId: CREATOR,
    token: FAKE_VERIFICATION_TOKEN,
    appId: rig.fake.appId,
  });
  rig.fake.seedMessage(e.event.message.message_id, CHAT);
  return e;
}

const queued = async (eventId: string) =>
  (await rig.luoshi.queues.inbound.getJob(inboundJobId(eventId))) !== undefined;

describe('POST /webhook/edge', () => {
  it('takes a signed envelope like a Lark delivery: replied to once, however often it comes', async () => {
    const e = event('/任务 核对预算执行情况 @张三 3个工作日内');
    const body = JSON.stringify(e);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(edgeUrl(), { method: 'POST', body, headers: signed(body) });
      expect(response.status).toBe(200);
    }
    const reply = (await rig.fake.waitFor(() => rig.fake.repliesTo(e.event.message.message_id)[0]))!;
    expect(textOf(reply.content)).toMatch(/已登记 #\d+/);
    expect(rig.fake.repliesTo(e.event.message.message_id)).toHaveLength(1);
  });

  it('answers a card press inline with the toast and the card', async () => {
    const e = event('/任务 通知各科室 @张三 明天');
    const body = JSON.stringify(e);
    await fetch(edgeUrl(), { method: 'POST', body, headers: signed(body) });
    const card = (await rig.fake.waitFor(() => rig.fake.repliesTo(e.event.message.message_id)[0]))!;
    const press = JSON.stringify(
      cardActionEvent({
        operatorOpenId: ZHANG.openId,
        value: cardButtons(card.content).get('签收')!,
        messageId: card.messageId,
        chatId: CHAT,
        appId: rig.fake.appId,
      }),
    );
    const response = await fetch(edgeUrl(), { method: 'POST', body: press, headers: signed(press) });
    const answer = (await response.json()) as { toast: { type: string; content: string }; card?: unknown };
    expect(answer.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/已签收 #\d+/) });
    expect(answer.card).toBeDefined();
  });

  it('refuses missing, forged, foreign, stale and tampered signatures, leaving no trace', async () => {
    const cases: Array<[string, (body: string) => Record<string, string>, string?]> = [
      ['missing', () => ({ 'content-type': 'application/json' })],
      ['forged', (b) => ({ ...signed(b), 'x-luoshi-edge-signature': 'ab'.repeat(32) })],
      ['another secret', (b) => signed(b, { secret: 'some-other-secret-of-enough-length-000' })],
      ['6 minutes old', (b) => signed(b, { timestamp: String(Date.now() - 6 * 60_000) })],
      ['6 minutes ahead', (b) => signed(b, { timestamp: String(Date.now() + 6 * 60_000) })],
      ['not a number', (b) => signed(b, { timestamp: 'yesterday' })],
      ['body changed after signing', (b) => signed(b), ' '],
    ];
    for (const [why, headers, extra = ''] of cases) {
      const e = event('/帮助', []);
      const body = JSON.stringify(e);
      const response = await fetch(edgeUrl(), { method: 'POST', body: body + extra, headers: headers(body) });
      expect(response.status, why).toBe(401);
      expect(await queued(e.header.event_id), why).toBe(false);
    }
  });

  it('refuses a signed body that is not a Lark envelope with 400, which the edge dead-letters', async () => {
    for (const body of [
      'not json',
      '[1,2]',
      JSON.stringify({ schema: '2.0', header: { event_id: 'x'.repeat(300) } }),
    ]) {
      const response = await fetch(edgeUrl(), { method: 'POST', body, headers: signed(body) });
      expect(response.status).toBe(400);
    }
  });
});

describe('without LUOSHI_EDGE_SECRET', () => {
  it('has no /webhook/edge at all', async () => {
    const plain = await startRig({ clock });
    try {
      const e = event('/帮助', []);
      const body = JSON.stringify(e);
      const response = await fetch(`${plain.luoshi.url}/webhook/edge`, {
        method: 'POST',
        body,
        headers: signed(body),
      });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
