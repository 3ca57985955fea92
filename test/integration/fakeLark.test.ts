/**
 * The fake Lark Open Platform, driven by the official SDK over real HTTP: if these pass, tests
 * that point luoshi at the fake exercise the same requests and responses the SDK sees in production.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLark, LarkCode, startFakeLark } from '../support/fakeLark.ts';

const GROUP = 'oc_group000000000000000000000001';
const ZHANG = 'ou_zhang000000000000000000000001';
const WANG = 'ou_wang0000000000000000000000001';
const silentLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

let fake: FakeLark;
let client: lark.Client;

/** The axios error the SDK rethrows on a non-2xx answer. */
interface HttpError {
  response: { status: number; data: { code: number; msg: string }; headers: Record<string, string> };
}

async function httpError(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error) throw new Error('expected the call to fail');
  return error as HttpError;
}

const text = (value: string) => JSON.stringify({ text: value });
const sendText = (value: string, uuid?: string) =>
  client.im.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: GROUP, msg_type: 'text', content: text(value), ...(uuid ? { uuid } : {}) },
  });

beforeAll(async () => {
  fake = await startFakeLark({
    users: [
      { openId: ZHANG, name: '张三', userId: 'zhangsan', leaderOpenId: WANG },
      { openId: WANG, name: '王主任', userId: 'wangzr' },
    ],
    chats: { [GROUP]: [ZHANG, WANG] },
  });
  client = new lark.Client({
    appId: fake.appId,
    appSecret: fake.appSecret,
    domain: fake.url,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => fake.reset());

describe('fake Lark with the official SDK', () => {
  it('sends a text message to a chat with a token it issued', async () => {
    const res = await sendText('hello 落实');
    expect(res.code).toBe(0);
    expect(res.data?.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(res.data?.chat_id).toBe(GROUP);
    expect(fake.textsTo(GROUP)).toEqual(['hello 落实']);
    const send = fake.requests.find((r) => r.path === '/open-apis/im/v1/messages');
    expect(send?.query.receive_id_type).toBe('chat_id');
    expect(fake.issuedTokens).toHaveLength(1);
    expect(send?.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
  });

  it('replies, and a reply to a seeded inbound message lands in its chat', async () => {
    fake.seedMessage('om_inbound0000000000000000000001', GROUP);
    const res = await client.im.message.reply({
      path: { message_id: 'om_inbound0000000000000000000001' },
      data: { msg_type: 'text', content: text('收到'), uuid: 'reply-1' },
    });
    expect(res.data?.parent_id).toBe('om_inbound0000000000000000000001');
    expect(fake.repliesTo('om_inbound0000000000000000000001')).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ kind: 'reply', chatId: GROUP, uuid: 'reply-1' });
    expect(fake.textsTo(GROUP)).toEqual(['收到']);
  });

  it('patches a card it delivered, and refuses to patch a text message', async () => {
    const card = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: '#1 待办' }] } };
    const sent = await client.im.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: GROUP, msg_type: 'interactive', content: JSON.stringify(card) },
    });
    const messageId = sent.data!.message_id!;
    const done = { ...card, body: { elements: [{ tag: 'markdown', content: '#1 已完成' }] } };
    const patched = await client.im.message.patch({
      path: { message_id: messageId },
      data: { content: JSON.stringify(done) },
    });
    expect(patched.code).toBe(0);
    expect(fake.patches).toEqual([expect.objectContaining({ messageId, content: done })]);
    expect(fake.currentContent(messageId)).toEqual(done);

    const plain = await sendText('not a card');
    const refused = await httpError(
      client.im.message.patch({ path: { message_id: plain.data!.message_id! }, data: { content: '{}' } }),
    );
    expect(refused.response.data.code).toBe(LarkCode.invalidImParameter);
  });

  it('delivers the same uuid once and answers with the same message_id', async () => {
    const first = await sendText('第一次', 'uuid-remind-12-due-v1');
    const again = await sendText('第一次', 'uuid-remind-12-due-v1');
    expect(again.data?.message_id).toBe(first.data?.message_id);
    expect(fake.messages).toHaveLength(1);
    expect(fake.sendAttempts.map((a) => a.delivered)).toEqual([true, false]);
  });

  it('forgets a uuid after an hour and, when asked, enforces the 5/s per-chat limit (own clock)', async () => {
    let clock = 1_765_000_000_000;
    const own = await startFakeLark({ now: () => clock, enforceRateLimits: true });
    const ownClient = new lark.Client({
      appId: own.appId,
      appSecret: own.appSecret,
      domain: own.url,
      logger: silentLogger,
    });
    const send = (uuid: string) =>
      ownClient.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: GROUP, msg_type: 'text', content: text(uuid), uuid },
      });
    try {
      for (let i = 0; i < 5; i++) await send(`burst-${i}`);
      const limited = await httpError(send('burst-5'));
      expect(limited.response).toMatchObject({ status: 400, data: { code: LarkCode.chatRateLimited } });
      clock += 60 * 60 * 1000;
      await send('burst-0');
      expect(own.messages.map((m) => m.uuid)).toEqual([
        'burst-0',
        'burst-1',
        'burst-2',
        'burst-3',
        'burst-4',
        'burst-0',
      ]);
    } finally {
      await own.close();
    }
  });

  it('surfaces failNext 429 as an axios error with the reset header, then recovers', async () => {
    fake.failNext(1, { status: 429, headers: { 'x-ogw-ratelimit-reset': '2' } });
    const error = await httpError(sendText('throttled', 'uuid-429'));
    expect(error.response.status).toBe(429);
    expect(error.response.headers['x-ogw-ratelimit-reset']).toBe('2');
    expect(error.response.data.code).toBe(LarkCode.rateLimited);
    expect(fake.messages).toHaveLength(0);
    expect(fake.requests.at(-1)).toMatchObject({ status: 429, fault: { status: 429 } });

    await sendText('throttled', 'uuid-429');
    expect(fake.textsTo(GROUP)).toEqual(['throttled']);
  });

  it('surfaces a 500 likewise, and a lost response (deliver) is healed by the uuid', async () => {
    fake.failNext(1, { status: 500 });
    expect((await httpError(sendText('x'))).response.status).toBe(500);
    expect(fake.messages).toHaveLength(0);

    fake.failNext(1, { status: 502, deliver: true });
    expect((await httpError(sendText('lost answer', 'uuid-lost'))).response.status).toBe(502);
    const retry = await sendText('lost answer', 'uuid-lost');
    expect(fake.messages).toHaveLength(1);
    expect(retry.data?.message_id).toBe(fake.messages[0]?.messageId);

    fake.failNext(1, { dropConnection: true });
    const dropped = (await sendText('dropped').catch((e: unknown) => e)) as {
      response?: unknown;
      code?: string;
    };
    expect(dropped.response).toBeUndefined();
    expect(dropped.code).toBe('ECONNRESET');
  });

  it('refuses tokens it expired (the SDK keeps its cached token until it ages out)', async () => {
    // A fake of its own: expiring tokens would break the shared client's cached one.
    const own = await startFakeLark();
    const connect = () =>
      new lark.Client({ appId: own.appId, appSecret: own.appSecret, domain: own.url, logger: silentLogger });
    const info = (c: lark.Client) => c.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    try {
      expect((await info(connect())).code).toBe(0);
      own.expireTokens();
      const error = await httpError(info(connect()));
      expect(error.response.data.code).toBe(LarkCode.invalidAccessToken);
      const fresh = new lark.Client({
        appId: own.appId,
        appSecret: own.appSecret,
        domain: own.url,
        logger: silentLogger,
        cache: new lark.DefaultCache(),
      });
      expect((await info(fresh)).code).toBe(0);
      expect(own.issuedTokens).toHaveLength(2);
    } finally {
      await own.close();
    }
  });

  it('answers a third of sends with 429 through setFault, recording every attempt', async () => {
    let sends = 0;
    fake.setFault((req) => (req.isSend && ++sends % 3 === 0 ? { status: 429 } : undefined));
    const outcomes = [];
    for (let i = 0; i < 6; i++)
      outcomes.push(
        await sendText(`m${i}`).then(
          () => 'ok',
          () => '429',
        ),
      );
    expect(outcomes).toEqual(['ok', 'ok', '429', 'ok', 'ok', '429']);
    expect(fake.sendAttempts).toHaveLength(6);
    expect(fake.maxSendsPerSecond(GROUP)).toBe(6);
    expect(fake.maxSendsPerSecond(GROUP, { deliveredOnly: true })).toBe(4);
  });

  it('serves bot info through client.request', async () => {
    const res = await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(res).toMatchObject({ code: 0, bot: { open_id: fake.botOpenId, activate_status: 2 } });
  });

  it('serves the seeded directory, chat members and urgent', async () => {
    const user = await client.contact.user.get({
      path: { user_id: ZHANG },
      params: { user_id_type: 'open_id' },
    });
    expect(user.data?.user).toMatchObject({ name: '张三', leader_user_id: WANG });
    const unknown = await httpError(client.contact.user.get({ path: { user_id: 'ou_nobody' } }));
    expect(unknown.response.data.code).toBe(LarkCode.userNotVisible);

    const members = await client.im.chatMembers.get({ path: { chat_id: GROUP }, params: { page_size: 1 } });
    expect(members.data).toMatchObject({
      has_more: true,
      member_total: 2,
      items: [{ member_id: ZHANG, name: '张三' }],
    });

    const sent = await sendText('加急');
    const urgent = await client.im.message.urgentApp({
      path: { message_id: sent.data!.message_id! },
      params: { user_id_type: 'open_id' },
      data: { user_id_list: [WANG, 'ou_outsider'] },
    });
    expect(urgent.data?.invalid_user_id_list).toEqual(['ou_outsider']);
    expect(fake.urgents).toHaveLength(1);
  });

  it('validates sends like Lark', async () => {
    const send = (data: Record<string, unknown>, receiveIdType = 'chat_id') =>
      httpError(
        client.request({
          method: 'POST',
          url: '/open-apis/im/v1/messages',
          params: { receive_id_type: receiveIdType },
          data: { receive_id: GROUP, msg_type: 'text', content: text('x'), ...data },
        }),
      );
    expect((await send({ content: '{not json' })).response.data.code).toBe(LarkCode.invalidImParameter);
    expect((await send({ msg_type: 'fax' })).response.data.code).toBe(LarkCode.invalidImParameter);
    expect((await send({ uuid: 'u'.repeat(51) })).response.data.code).toBe(LarkCode.fieldValidationFailed);
    expect((await send({}, 'nickname')).response.data.code).toBe(LarkCode.fieldValidationFailed);
    const hugeCard = JSON.stringify({
      body: { elements: [{ tag: 'markdown', content: '字'.repeat(11_000) }] },
    });
    const tooLong = await send({ msg_type: 'interactive', content: hugeCard });
    expect(tooLong.response).toMatchObject({ status: 400, data: { code: LarkCode.contentTooLong } });
    expect(fake.messages).toHaveLength(0);
  });

  it('refuses calls without a valid token, and the SDK cannot get one with a wrong secret', async () => {
    const bare = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { code: number }).code).toBe(LarkCode.missingAccessToken);
    const forged = await fetch(`${fake.url}/open-apis/bot/v3/info`, {
      headers: { authorization: 'Bearer t-forged' },
    });
    expect(((await forged.json()) as { code: number }).code).toBe(LarkCode.invalidAccessToken);

    const wrong = new lark.Client({
      appId: fake.appId,
      appSecret: 'wrong',
      domain: fake.url,
      logger: silentLogger,
      cache: new lark.DefaultCache(),
    });
    const error = await httpError(wrong.request({ method: 'GET', url: '/open-apis/bot/v3/info' }));
    expect(error.response.data.code).toBe(LarkCode.invalidAppSecret);
  });

  it('waitFor resolves when a matching message arrives and times out with what it saw', async () => {
    setTimeout(() => void sendText('later'), 50);
    const texts = await fake.waitFor(() => fake.textsTo(GROUP).length > 0 && fake.textsTo(GROUP));
    expect(texts).toEqual(['later']);
    await expect(fake.waitFor((messages) => messages.length > 5, { timeoutMs: 100 })).rejects.toThrow(
      /timed out after 100 ms; messages:\n {2}create text → oc_group/,
    );
  });
});
