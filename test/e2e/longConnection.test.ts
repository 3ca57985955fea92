/**
 * LARK_TRANSPORT=ws end to end: the SDK's own `WSClient` asks the fake platform for the
 * gateway URL, connects to a local WebSocket server speaking the SDK's protobuf frames, and
 * the events it pushes go through the same gate (deduplicated, queued) and handlers as the
 * webhook's; a card callback's toast and card come back in the frame's answer. A dropped link
 * is redialled and logged, and /readyz reports the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { type FakeLongConnection, startFakeLongConnection } from '../support/fakeLarkWs.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent, FAKE_TENANT_KEY, messageEvent } from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
let gateway: FakeLongConnection;
const logs: string[] = [];
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({
    clock,
    env: { LARK_TRANSPORT: 'ws' },
    logger: createLogger({ level: 'info', write: (line) => logs.push(line) }),
    prepare: async (fake) => {
      gateway = await startFakeLongConnection({
        appId: fake.appId,
        appSecret: fake.appSecret,
        pingIntervalSeconds: 0.2,
      });
      fake.serveLongConnection((body) => gateway.endpoint(body));
    },
  });
  await gateway.waitForConnects(1);
});
afterAll(async () => {
  await rig?.close();
  await gateway?.close();
});

const readyz = async () => {
  const res = await fetch(`${rig.luoshi.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** Polls /readyz until `check` holds (the connection state changes on its own schedule). */
async function readyzUntil(check: (body: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 200; i++) {
    const r = await readyz();
    if (check(r.body)) return r;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`readyz never matched: ${JSON.stringify((await readyz()).body)}`);
}

function command(text: string, mentions = [ZHANG]) {
  const event = messageEvent({
    text: `@${rig.fake.botName} ${text}`,
    mentions: [{ name: rig.fake.botName, openId: rig.fake.botOpenId }, ...mentions],
    chatId: CHAT,
    senderOpenId: CREATOR,
    token: 'not-checked-on-the-long-connection',
    appId: rig.fake.appId,
  });
  rig.fake.seedMessage(event.event.message.message_id, CHAT);
  return event;
}

describe('the long connection', () => {
  it('connects with the app credentials, pings, and says so on /readyz; no webhook is served', async () => {
    expect(gateway.sockets).toBe(1);
    const { status, body } = await readyzUntil((b) => b.longConnection === true);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ready: true, longConnection: true });
    expect(logs.some((l) => l.includes('long connection established'))).toBe(true);
    await rig.fake.waitFor(() => gateway.pings > 0);
    expect((await rig.post({})).status).toBe(404);
  });

  it('takes events into the same inbound path: handled once, even when Lark pushes one twice', async () => {
    const event = command('/任务 核对报表 @张三 明天');
    expect(await gateway.push(event)).toEqual({ code: 200, result: undefined });
    const reply = await rig.fake.waitFor(() => rig.fake.repliesTo(event.event.message.message_id)[0]);
    expect(textOf(reply?.content)).toMatch(/已登记 #\d+ 核对报表/);

    expect((await gateway.push(event)).code).toBe(200);
    const marker = command('/帮助', []);
    await gateway.push(marker);
    await rig.fake.waitFor(() => rig.fake.repliesTo(marker.event.message.message_id)[0]);
    expect(rig.fake.repliesTo(event.event.message.message_id)).toHaveLength(1);
  });

  it('answers a card callback in the frame: the toast and the redrawn card', async () => {
    const event = command('/任务 报送台账 @张三 明天');
    await gateway.push(event);
    const card = (await rig.fake.waitFor(() => rig.fake.repliesTo(event.event.message.message_id)[0]))!;
    const no = Number(/#(\d+)/.exec(textOf(card.content))![1]);
    const pressed = cardActionEvent({
      operatorOpenId: ZHANG.openId,
      value: cardButtons(card.content).get('签收')!,
      messageId: card.messageId,
      chatId: CHAT,
      appId: rig.fake.appId,
    });
    const answer = await gateway.push(pressed);
    expect(answer.code).toBe(200);
    expect(answer.result).toMatchObject({
      toast: { type: 'success', content: `已签收 #${no}。` },
      card: { type: 'raw', data: { schema: '2.0' } },
    });
    expect((await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))?.acknowledgedBy).toBe(ZHANG.openId);
  });

  it('redials a dropped link, logs it, and /readyz follows the state', async () => {
    gateway.drop();
    await gateway.waitForConnects(2);
    await rig.fake.waitFor(() => logs.some((l) => l.includes('long connection re-established')));
    expect(logs.some((l) => l.includes('long connection lost; reconnecting'))).toBe(true);
    await readyzUntil((b) => b.longConnection === true);
    const event = command('/任务 整理纪要 @张三 明天');
    await gateway.push(event);
    await rig.fake.waitFor(() => rig.fake.repliesTo(event.event.message.message_id)[0]);
  });
});
