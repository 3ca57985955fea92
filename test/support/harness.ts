/**
 * An end-to-end rig: the real luoshi (Hono server, BullMQ workers, Redis) talking through the
 * official SDK to the fake Lark Open Platform. Each rig has its own key prefix (items and
 * queues), deleted on `close()`.
 */
import { loadConfig } from '../../src/config.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import { type Luoshi, startLuoshi } from '../../src/server.ts';
import { cardButtons, cardText, isCard } from './cardText.ts';
import type { ManualClock } from './clock.ts';
import { type FakeLark, type FakeMessage, startFakeLark } from './fakeLark.ts';
import {
  cardActionEvent,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  type MentionInput,
  messageEvent,
} from './larkEvents.ts';
import { connectTestRedis, deleteByPrefix, testRedisUrl, uniquePrefix } from './redisPrefix.ts';
import { settled } from './settle.ts';

export interface Rig {
  luoshi: Luoshi;
  fake: FakeLark;
  prefix: string;
  webhookUrl: string;
  /** POST a payload the way Lark does (encrypted and signed unless told otherwise). */
  post(payload: object, options?: Parameters<typeof larkRequest>[1]): Promise<Response>;
  /** Post a text message event from `sender` in `chatId`, @-ing the bot first. */
  say(
    sender: string,
    text: string,
    mentions?: MentionInput[],
    extra?: SayExtra,
  ): Promise<{ response: Response; messageId: string; eventId: string }>;
  /** `say`, then wait for the bot's reply to that message. */
  answer(sender: string, text: string, mentions?: MentionInput[], extra?: SayExtra): Promise<FakeMessage>;
  /** `answer`, as the text a person reads (a card's text included). */
  ask(sender: string, text: string, mentions?: MentionInput[], extra?: SayExtra): Promise<string>;
  /**
   * `operator` presses the button `label` on `card` (in `chatId`, by default the card's chat) as
   * Lark's callback would; returns Lark's answer: the toast and, when redrawn, the card.
   */
  press(card: FakeMessage, label: string, operator: string, chatId?: string): Promise<PressAnswer>;
  /** Stops luoshi (server, workers), keeping Redis and the fake platform: the core goes down. */
  stopCore(): Promise<void>;
  /** Starts luoshi again on the same port, Redis and key prefix: the core is back. */
  startCore(): Promise<void>;
  /** Waits until every event accepted so far is handled and what it sent is delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface PressAnswer {
  toast: { type: string; content: string };
  card?: { data: unknown };
}

export type SayExtra = {
  chatId?: string;
  /** `p2p`: the sender's private chat with the bot, where Lark shows no mention of the bot. */
  chatType?: 'group' | 'p2p';
  eventId?: string;
  messageId?: string;
  tenantKey?: string;
};

export const CHAT = 'oc_test_chat_0001';

export async function startRig(options: {
  clock: ManualClock;
  env?: Record<string, string>;
  /** Runs after the fake platform is up and before luoshi starts (e.g. to serve the long connection). */
  prepare?: (fake: FakeLark) => Promise<void> | void;
  logger?: Logger;
}): Promise<Rig> {
  const fake = await startFakeLark();
  await options.prepare?.(fake);
  const prefix = uniquePrefix('e2e');
  const redisUrl = testRedisUrl();
  const config = loadConfig({
    REDIS_URL: redisUrl,
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    LARK_DOMAIN: fake.url,
    LUOSHI_KEY_PREFIX: prefix,
    ...options.env,
  });
  const start = (port: number) =>
    startLuoshi({
      config: { ...config, redisUrl },
      logger: options.logger ?? silentLogger,
      clock: options.clock,
      port,
      hostname: '127.0.0.1',
    });
  const luoshi = await start(0);
  let running = true;
  const webhookUrl = `${luoshi.url}/webhook/lark/event`;
  const post: Rig['post'] = (payload, opts) => {
    const { body, headers } = larkRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY, ...opts });
    return fetch(webhookUrl, { method: 'POST', body, headers });
  };
  const bot: MentionInput = { name: fake.botName, openId: fake.botOpenId };
  const rig: Rig = {
    luoshi,
    fake,
    prefix,
    webhookUrl,
    post,
    async say(sender, text, mentions = [], extra = {}) {
      const chatId = extra.chatId ?? CHAT;
      const p2p = extra.chatType === 'p2p';
      const event = messageEvent({
        text: p2p ? text : `@${bot.name} ${text}`,
        mentions: p2p ? mentions : [bot, ...mentions],
        chatId,
        chatType: extra.chatType ?? 'group',
        senderOpenId: sender,
        token: FAKE_VERIFICATION_TOKEN,
        appId: fake.appId,
        ...(extra.eventId ? { eventId: extra.eventId } : {}),
        ...(extra.messageId ? { messageId: extra.messageId } : {}),
        ...(extra.tenantKey ? { tenantKey: extra.tenantKey } : {}),
      });
      fake.seedMessage(event.event.message.message_id, chatId);
      const response = await post(event);
      return { response, messageId: event.event.message.message_id, eventId: event.header.event_id };
    },
    async answer(sender, text, mentions = [], extra = {}) {
      const sent = await rig.say(sender, text, mentions, extra);
      // waitFor resolves with the first truthy value only.
      return (await fake.waitFor(() => fake.repliesTo(sent.messageId)[0]))!;
    },
    async ask(sender, text, mentions = [], extra = {}) {
      return textOf((await rig.answer(sender, text, mentions, extra)).content);
    },
    async press(card, label, operator, chatId) {
      const value = cardButtons(card.content).get(label);
      if (!value) throw new Error(`no button ${label} on ${cardText(card.content)}`);
      const response = await post(
        cardActionEvent({
          operatorOpenId: operator,
          value,
          messageId: card.messageId,
          chatId: chatId ?? card.chatId ?? CHAT,
          appId: fake.appId,
        }),
      );
      return (await response.json()) as PressAnswer;
    },
    async stopCore() {
      if (!running) return;
      running = false;
      await rig.luoshi.close();
    },
    async startCore() {
      if (running) return;
      rig.luoshi = await start(Number(new URL(luoshi.url).port));
      running = true;
    },
    settle() {
      const { inbound, outbound, followUps } = rig.luoshi.queues;
      return settled([inbound, followUps, outbound], { delayedToo: [outbound] });
    },
    async close() {
      if (running) await rig.luoshi.close();
      await fake.close();
      const redis = connectTestRedis();
      await deleteByPrefix(redis, prefix);
      await redis.quit();
    },
  };
  return rig;
}

/** The text of a recorded message: a text message's `text`, or what a card shows (`cardText`). */
export function textOf(content: unknown): string {
  if (isCard(content)) return cardText(content);
  return typeof content === 'object' && content && 'text' in content
    ? String((content as { text: unknown }).text)
    : '';
}
