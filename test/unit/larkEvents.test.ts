import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import {
  cardActionEvent,
  decryptLarkPayload,
  encryptLarkPayload,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  messageEvent,
  signLarkRequest,
  urlVerification,
} from '../support/larkEvents.ts';

const BOT = { name: 'luoshi', openId: 'ou_bot_fake000000000000000000001' };
const ZHANG = { name: '张三', openId: 'ou_zhang000000000000000000000001' };
const silentLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const WANG = { name: '王主任', openId: 'ou_wang0000000000000000000000001' };

describe('Lark event encryption', () => {
  it('decrypts the vector from Lark’s documentation', () => {
    expect(decryptLarkPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe(
      'hello world',
    );
  });

  it('round-trips a payload, with a fresh IV each time', () => {
    const payload = { schema: '2.0', text: '起草年度工作总结 ✓' };
    const first = encryptLarkPayload(payload, FAKE_ENCRYPT_KEY);
    const second = encryptLarkPayload(payload, FAKE_ENCRYPT_KEY);
    expect(first).not.toBe(second);
    expect(JSON.parse(decryptLarkPayload(first, FAKE_ENCRYPT_KEY))).toEqual(payload);
    expect(() => decryptLarkPayload(first, 'another key')).toThrow();
  });

  it('is what the official SDK’s AESCipher decrypts', () => {
    const payload = messageEvent({
      text: '@luoshi /帮助',
      chatId: 'oc_1',
      senderOpenId: ZHANG.openId,
      mentions: [BOT],
      token: 't',
    });
    const encrypted = encryptLarkPayload(payload, FAKE_ENCRYPT_KEY);
    expect(JSON.parse(new lark.AESCipher(FAKE_ENCRYPT_KEY).decrypt(encrypted))).toEqual(payload);
  });
});

describe('Lark request signature', () => {
  it('is hex sha256 of timestamp + nonce + encrypt key + raw body', () => {
    const body = '{"encrypt":"abc"}';
    const headers = signLarkRequest(body, 'k', { timestamp: '1700000000', nonce: 'n0nce' });
    const expected = createHash('sha256').update(`1700000000n0ncek${body}`).digest('hex');
    expect(headers).toEqual({
      'x-lark-request-timestamp': '1700000000',
      'x-lark-request-nonce': 'n0nce',
      'x-lark-signature': expected,
    });
  });

  it('signs the exact encrypted body larkRequest returns', () => {
    const event = messageEvent({ text: 'hi', chatId: 'oc_1', senderOpenId: ZHANG.openId, token: 't' });
    const { body, headers } = larkRequest(event, { encryptKey: FAKE_ENCRYPT_KEY });
    const { encrypt } = JSON.parse(body) as { encrypt: string };
    expect(JSON.parse(decryptLarkPayload(encrypt, FAKE_ENCRYPT_KEY))).toEqual(event);
    const resigned = signLarkRequest(body, FAKE_ENCRYPT_KEY, {
      timestamp: headers['x-lark-request-timestamp']!,
      nonce: headers['x-lark-request-nonce']!,
    });
    expect(headers['x-lark-signature']).toBe(resigned['x-lark-signature']);
    expect(headers['content-type']).toMatch(/^application\/json/);
  });

  it('passes the official SDK’s own signature check and decryption', async () => {
    const event = messageEvent({
      text: '@luoshi /列表',
      chatId: 'oc_1',
      senderOpenId: ZHANG.openId,
      mentions: [BOT],
      token: 't',
    });
    const { body, headers } = larkRequest(event, { encryptKey: FAKE_ENCRYPT_KEY });
    const received: unknown[] = [];
    const dispatcher = new lark.EventDispatcher({
      encryptKey: FAKE_ENCRYPT_KEY,
      logger: silentLogger,
    }).register({
      'im.message.receive_v1': async (data) => {
        received.push(data.message.content);
      },
    });
    // The SDK's HTTP adapters hand it the body with the headers on its prototype.
    const invoke = (h: Record<string, string>) =>
      dispatcher.invoke(Object.assign(Object.create({ headers: h }), JSON.parse(body)));
    await invoke({ ...headers, 'x-lark-signature': '0'.repeat(64) });
    expect(received).toEqual([]);
    await invoke(headers);
    expect(received).toEqual([event.event.message.content]);
  });

  it('sends a challenge unsigned, and a plain body when there is no encrypt key', () => {
    const challenge = urlVerification({ token: FAKE_VERIFICATION_TOKEN, challenge: 'c-123' });
    const encrypted = larkRequest(challenge, { encryptKey: FAKE_ENCRYPT_KEY });
    expect(encrypted.headers['x-lark-signature']).toBeUndefined();
    expect(JSON.parse(decryptLarkPayload(JSON.parse(encrypted.body).encrypt, FAKE_ENCRYPT_KEY))).toEqual({
      challenge: 'c-123',
      token: FAKE_VERIFICATION_TOKEN,
      type: 'url_verification',
    });
    expect(JSON.parse(larkRequest(challenge).body)).toEqual(challenge);
  });
});

describe('messageEvent', () => {
  it('builds the v2 im.message.receive_v1 envelope with @_user_N keys in order', () => {
    const event = messageEvent({
      text: '@luoshi /任务 起草年度工作总结 @张三 12月10日前 牵头 @王主任',
      chatId: 'oc_group1',
      senderOpenId: 'ou_sender',
      mentions: [BOT, WANG, ZHANG],
      token: FAKE_VERIFICATION_TOKEN,
      eventId: 'ev-1',
      messageId: 'om_1',
      createTime: 1_765_000_000_000,
    });
    expect(event.schema).toBe('2.0');
    expect(event.header).toMatchObject({
      event_id: 'ev-1',
      event_type: 'im.message.receive_v1',
      token: FAKE_VERIFICATION_TOKEN,
      create_time: '1765000000000',
    });
    const { message, sender } = event.event;
    expect(sender.sender_id.open_id).toBe('ou_sender');
    expect(message).toMatchObject({
      message_id: 'om_1',
      chat_id: 'oc_group1',
      chat_type: 'group',
      message_type: 'text',
    });
    expect(typeof message.content).toBe('string');
    expect(JSON.parse(message.content)).toEqual({
      text: '@_user_1 /任务 起草年度工作总结 @_user_2 12月10日前 牵头 @_user_3',
    });
    expect(message.mentions?.map((m) => [m.key, m.name, m.id.open_id])).toEqual([
      ['@_user_1', 'luoshi', BOT.openId],
      ['@_user_2', '张三', ZHANG.openId],
      ['@_user_3', '王主任', WANG.openId],
    ]);
  });

  it('prefers the longest name, keys a repeated mention twice, and leaves unlisted @ as text', () => {
    const zhangSanFeng = { name: '张三丰', openId: 'ou_zsf' };
    const event = messageEvent({
      text: '@张三丰 和 @张三 @张三 @李四',
      chatId: 'oc_1',
      senderOpenId: 'ou_s',
      mentions: [ZHANG, zhangSanFeng],
      token: 't',
    });
    expect(JSON.parse(event.event.message.content).text).toBe('@_user_1 和 @_user_2 @_user_3 @李四');
    expect(event.event.message.mentions?.map((m) => m.id.open_id)).toEqual([
      'ou_zsf',
      ZHANG.openId,
      ZHANG.openId,
    ]);
  });

  it('omits mentions when nobody is @-ed, and refuses a listed mention missing from the text', () => {
    const plain = messageEvent({
      text: '/帮助',
      chatId: 'oc_1',
      senderOpenId: 'ou_s',
      chatType: 'p2p',
      token: 't',
    });
    expect(plain.event.message.mentions).toBeUndefined();
    expect(plain.event.message.chat_type).toBe('p2p');
    expect(() =>
      messageEvent({ text: '/帮助', chatId: 'oc_1', senderOpenId: 'ou_s', mentions: [BOT], token: 't' }),
    ).toThrow(/@luoshi/);
  });

  it('gives every event a fresh event id and message id unless told', () => {
    const a = messageEvent({ text: 'x', chatId: 'oc_1', senderOpenId: 'ou_s', token: 't' });
    const b = messageEvent({ text: 'x', chatId: 'oc_1', senderOpenId: 'ou_s', token: 't' });
    expect(a.header.event_id).not.toBe(b.header.event_id);
    expect(a.event.message.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(a.event.message.message_id).not.toBe(b.event.message.message_id);
  });
});

describe('cardActionEvent', () => {
  it('builds the v2 card.action.trigger envelope the SDK flattens', () => {
    const event = cardActionEvent({
      operatorOpenId: ZHANG.openId,
      value: { action: 'done', item: 12 },
      messageId: 'om_card',
      chatId: 'oc_1',
      cardToken: 'c-abc',
      formValue: { note: '已报送' },
    });
    expect(event.header).toMatchObject({ event_type: 'card.action.trigger', token: FAKE_VERIFICATION_TOKEN });
    expect(event.event).toEqual({
      operator: expect.objectContaining({ open_id: ZHANG.openId }),
      token: 'c-abc',
      action: { tag: 'button', value: { action: 'done', item: 12 }, form_value: { note: '已报送' } },
      host: 'im_message',
      context: { open_message_id: 'om_card', open_chat_id: 'oc_1' },
    });
  });
});
