/**
 * The playground must hand the bot exactly what Lark would: the same envelope, the same
 * `@_user_N` keys, the bot's mention first in a group. These tests read the result back through
 * the bot's own envelope schemas and message context, as the dispatcher does.
 */
import { describe, expect, it } from 'vitest';
import type { Messenger } from '../../src/bot/delivery/messenger.ts';
import { createMessageContext } from '../../src/bot/dispatch/context.ts';
import { messageText } from '../../src/bot/dispatch/messageText.ts';
import { cardActionEnvelope, messageEnvelope, toMentionKeys } from '../../src/playground/events.ts';
import { envelopeSchema, messageEventSchema } from '../../src/transport/envelope.ts';

const BOT = { openId: 'ou_bot', name: '落实' };
const ZHANG = { openId: 'ou_zhang', name: '张三' };
const ZHANGFENG = { openId: 'ou_zhangfeng', name: '张三丰' };
const WANG = { openId: 'ou_wang', name: '王主任' };
const people = [ZHANG, ZHANGFENG, WANG];
const noMessenger: Messenger = { send: async () => {} };

function groupMessage(text: string, chatType: 'group' | 'p2p' = 'group') {
  return messageEnvelope({
    tenant: 'playground',
    chatId: chatType === 'group' ? 'oc_group' : 'oc_pg_dm_ou_wang',
    chatType,
    sender: WANG,
    text,
    people,
    bot: BOT,
    eventId: 'ev_1',
    messageId: 'om_1',
    now: Date.parse('2026-11-26T10:00:00+08:00'),
  });
}

/** What a handler sees, built by the bot's own code from the envelope. */
function contextOf(envelope: ReturnType<typeof groupMessage>) {
  const event = messageEventSchema.parse(envelope.event);
  const read = messageText(event.message.message_type, event.message.content);
  if (!read.ok) throw new Error('the playground sent a message the bot cannot read');
  return createMessageContext({
    eventId: 'ev_1',
    tenant: 'playground',
    event,
    senderOpenId: event.sender.sender_id!.open_id!,
    text: read.text,
    botOpenId: BOT.openId,
    messenger: noMessenger,
  });
}

describe('a typed line becomes im.message.receive_v1', () => {
  it('puts the bot first, keys every mention in order, and passes the bot’s own schemas', () => {
    const envelope = groupMessage('/任务 核对报表 @张三 明天 牵头 @王主任');
    expect(envelopeSchema.safeParse(envelope).success).toBe(true);
    const message = envelope.event?.message;
    expect(JSON.parse(message.content)).toEqual({
      text: '@_user_1 /任务 核对报表 @_user_2 明天 牵头 @_user_3',
    });
    expect(
      message.mentions.map((m: { key: string; id: { open_id: string } }) => [m.key, m.id.open_id]),
    ).toEqual([
      ['@_user_1', 'ou_bot'],
      ['@_user_2', 'ou_zhang'],
      ['@_user_3', 'ou_wang'],
    ]);
    expect(envelope.header.event_type).toBe('im.message.receive_v1');
    expect(envelope.event?.sender.sender_id.open_id).toBe('ou_wang');

    const ctx = contextOf(envelope);
    expect(ctx.text).toBe('/任务 核对报表 @_user_2 明天 牵头 @_user_3');
    expect(ctx.readable(ctx.text)).toBe('/任务 核对报表 @张三 明天 牵头 @王主任');
    expect([...ctx.mentions.values()].map((p) => p.name)).toEqual(['张三', '王主任']);
  });

  it('does not mention the bot twice when the person typed it', () => {
    const message = groupMessage('@落实 /列表').event?.message;
    expect(JSON.parse(message.content).text).toBe('@_user_1 /列表');
    expect(message.mentions).toHaveLength(1);
  });

  it('picks the longest name, keeps an @ that names nobody, and knows @所有人', () => {
    const { text, mentions } = toMentionKeys('@张三丰 和 @张三 @路人甲 @所有人', people, 't');
    expect(text).toBe('@_user_1 和 @_user_2 @路人甲 @_all');
    expect(mentions.map((m) => m.name)).toEqual(['张三丰', '张三', '所有人']);
  });

  it('sends a private chat without the bot’s mention, as Lark does for p2p', () => {
    const envelope = groupMessage('/列表', 'p2p');
    const message = envelope.event?.message;
    expect(message.chat_type).toBe('p2p');
    expect(JSON.parse(message.content).text).toBe('/列表');
    expect(message.mentions).toBeUndefined();
    expect(contextOf(envelope).text).toBe('/列表');
  });
});

describe('a pressed button becomes card.action.trigger', () => {
  it('carries the operator, the value, the form and the card’s message and chat', () => {
    const envelope = cardActionEnvelope({
      tenant: 'playground',
      operator: 'ou_zhang',
      value: { action: 'done', no: 3, planVersion: 1 },
      formValue: { result: '已报送' },
      name: 'done',
      messageId: 'om_pg_1_0',
      chatId: 'oc_group',
      eventId: 'ev_2',
      cardToken: 'c-123',
      now: 0,
    });
    expect(envelopeSchema.safeParse(envelope).success).toBe(true);
    expect(envelope.header.event_type).toBe('card.action.trigger');
    expect(envelope.event).toMatchObject({
      operator: { open_id: 'ou_zhang', tenant_key: 'playground' },
      token: 'c-123',
      action: {
        tag: 'button',
        value: { action: 'done', no: 3, planVersion: 1 },
        form_value: { result: '已报送' },
      },
      context: { open_message_id: 'om_pg_1_0', open_chat_id: 'oc_group' },
    });
  });
});
