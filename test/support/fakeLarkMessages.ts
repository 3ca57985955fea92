/**
 * Lark's message APIs as the fake answers them: send (create, reply) with its validation and
 * `uuid` idempotency, card patch and urgent. Shapes follow `@larksuiteoapi/node-sdk` and the API
 * pages linked below.
 */
import {
  type FakeLarkConfig,
  fieldInvalid,
  type Handler,
  invalidParam,
  larkError,
  ok,
  type RouteRequest,
  type RouteResponse,
  record,
} from './fakeLarkResponses.ts';
import { type FakeLarkStore, larkId } from './fakeLarkStore.ts';
import {
  type FakeMessage,
  LarkCode,
  MSG_TYPES,
  type MsgType,
  RECEIVE_ID_TYPES,
  type ReceiveIdType,
} from './fakeLarkTypes.ts';

const KB = 1024;
const MAX_UUID_LENGTH = 50;

export const CREATE_PATH = /^\/open-apis\/im\/v1\/messages$/;
export const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/;

export function isSendRequest(method: string, path: string): boolean {
  return method === 'POST' && (CREATE_PATH.test(path) || REPLY_PATH.test(path));
}

/** Whom a send is addressed to, for pacing: the chat (a reply: its parent's chat) or the user. */
export function sendTargetOf(request: RouteRequest, store: FakeLarkStore): string {
  const replyTo = REPLY_PATH.exec(request.path)?.[1];
  if (replyTo) return store.known(replyTo)?.chatId ?? `reply:${replyTo}`;
  return String(record(request.body).receive_id ?? '?');
}

export function createMessageApis(store: FakeLarkStore, config: FakeLarkConfig) {
  const { now } = config;

  function messageView(message: FakeMessage) {
    const time = String(message.time);
    return {
      message_id: message.messageId,
      root_id: message.parentId ? (store.known(message.messageId)?.rootId ?? message.parentId) : undefined,
      parent_id: message.parentId,
      msg_type: message.msgType,
      create_time: time,
      update_time: time,
      deleted: false,
      updated: false,
      chat_id: message.chatId,
      sender: { id: config.appId, id_type: 'app_id', sender_type: 'app', tenant_key: config.tenantKey },
      body: { content: message.rawContent },
      mentions: [],
    };
  }

  /** msg_type, content and uuid checks shared by create and reply. */
  function parseSend(
    body: Record<string, unknown>,
  ): RouteResponse | { msgType: MsgType; content: unknown; rawContent: string; uuid?: string } {
    const { msg_type: msgType, content, uuid } = body;
    if (typeof msgType !== 'string' || !(MSG_TYPES as readonly string[]).includes(msgType)) {
      return invalidParam(`invalid msg_type ${JSON.stringify(msgType)}`);
    }
    if (typeof content !== 'string') return fieldInvalid('content must be a JSON string');
    // https://open.feishu.cn/document/server-docs/im-v1/message/create: cards and posts ≤ 30 KB,
    // text ≤ 150 KB. The fake measures the UTF-8 bytes of the `content` string.
    const limit = msgType === 'interactive' || msgType === 'post' ? 30 * KB : 150 * KB;
    const bytes = Buffer.byteLength(content);
    if (bytes > limit) {
      return larkError(
        400,
        LarkCode.contentTooLong,
        `The message content is too long: ${bytes} bytes > ${limit}.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return invalidParam('content is not a valid JSON string');
    }
    if (typeof parsed !== 'object' || parsed === null) return invalidParam('content must be a JSON object');
    if (msgType === 'text' && typeof record(parsed).text !== 'string')
      return invalidParam('invalid text content');
    // A file message names a file uploaded to this app before (im/v1/files).
    if (msgType === 'file' && !store.files.has(String(record(parsed).file_key)))
      return invalidParam('file_key not found');
    if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > MAX_UUID_LENGTH)) {
      return fieldInvalid(`uuid must be a string of at most ${MAX_UUID_LENGTH} characters`);
    }
    return { msgType: msgType as MsgType, content: parsed, rawContent: content, ...(uuid ? { uuid } : {}) };
  }

  /**
   * Lark's send limits, when the test asked for them: per chat (or user) first, then the app's
   * second and minute. A 429 says when to come back (`x-ogw-ratelimit-reset`, whole seconds).
   */
  function rateLimited(target: string): RouteResponse | undefined {
    const limits = config.rateLimits;
    if (!limits) return undefined;
    if (store.recentDeliveries(target, 1000) >= limits.perTargetPerSecond) {
      return larkError(400, LarkCode.chatRateLimited, 'The bot has reached the send limit of this chat.');
    }
    const throttled = (limit: number, resetSeconds: number): RouteResponse => ({
      ...larkError(429, LarkCode.rateLimited, 'request trigger frequency limit'),
      headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(resetSeconds) },
    });
    if (store.recentDeliveries(undefined, 1000) >= limits.appPerSecond)
      return throttled(limits.appPerSecond, 1);
    if (store.recentDeliveries(undefined, limits.minuteMs) >= limits.appPerMinute) {
      return throttled(limits.appPerMinute, Math.ceil(limits.minuteMs / 1000));
    }
    return undefined;
  }

  // https://open.feishu.cn/document/server-docs/im-v1/message/create
  const createMessage: Handler = (request) => {
    const body = record(request.body);
    const receiveIdType = request.query.receive_id_type;
    if (!receiveIdType || !(RECEIVE_ID_TYPES as readonly string[]).includes(receiveIdType)) {
      return fieldInvalid('receive_id_type is required: chat_id | open_id | user_id | union_id | email');
    }
    const receiveId = body.receive_id;
    if (typeof receiveId !== 'string' || receiveId === '') return fieldInvalid('receive_id is required');
    const prefix = { chat_id: 'oc_', open_id: 'ou_', union_id: 'on_' }[receiveIdType as string];
    if (prefix && !receiveId.startsWith(prefix)) return invalidParam('invalid receive_id');
    const send = parseSend(body);
    if ('status' in send) return send;
    const limited = rateLimited(receiveId);
    if (limited) return limited;
    const earlier = send.uuid ? store.messageForUuid(send.uuid) : undefined;
    if (earlier) return ok({ msg: 'success', data: messageView(earlier) });
    const message: FakeMessage = {
      messageId: larkId('om'),
      kind: 'create',
      receiveIdType: receiveIdType as ReceiveIdType,
      receiveId,
      chatId: receiveIdType === 'chat_id' ? receiveId : store.p2pChatFor(receiveId),
      ...send,
      time: now(),
    };
    store.deliver(message);
    return ok({ msg: 'success', data: messageView(message) });
  };

  // https://open.feishu.cn/document/server-docs/im-v1/message/reply
  // The parent may be a user's message the fake never saw: then the reply's chat is unknown
  // unless the test seeded it (`fake.seedMessage`).
  const replyMessage: Handler = (request, [parentId = '']) => {
    if (!parentId.startsWith('om_')) return invalidParam('invalid message_id');
    const body = record(request.body);
    const send = parseSend(body);
    if ('status' in send) return send;
    const chatId = store.known(parentId)?.chatId;
    const limited = rateLimited(chatId ?? `reply:${parentId}`);
    if (limited) return limited;
    const earlier = send.uuid ? store.messageForUuid(send.uuid) : undefined;
    if (earlier) return ok({ msg: 'success', data: messageView(earlier) });
    const message: FakeMessage = {
      messageId: larkId('om'),
      kind: 'reply',
      parentId,
      replyInThread: body.reply_in_thread === true,
      chatId,
      ...send,
      time: now(),
    };
    store.deliver(message);
    return ok({ msg: 'success', data: messageView(message) });
  };

  // https://open.feishu.cn/document/server-docs/im-v1/message-card/patch — only cards the bot sent.
  const patchMessage: Handler = (request, [messageId = '']) => {
    const known = store.known(messageId);
    if (!known?.fromBot) return invalidParam('invalid message_id');
    if (known.msgType !== 'interactive') return invalidParam('only interactive messages can be patched');
    const send = parseSend({ msg_type: 'interactive', content: record(request.body).content });
    if ('status' in send) return send;
    store.recordPatch({ messageId, content: send.content, time: now() });
    return ok({ msg: 'success', data: {} });
  };

  // https://open.feishu.cn/document/server-docs/im-v1/buzz-messages/urgent_app — the bot's own
  // messages only; people outside the (seeded) chat come back in `invalid_user_id_list`.
  const urgentApp: Handler = (request, [messageId = '']) => {
    const userIdType = request.query.user_id_type;
    if (!userIdType || !['open_id', 'user_id', 'union_id'].includes(userIdType)) {
      return fieldInvalid('user_id_type is required: open_id | user_id | union_id');
    }
    const known = store.known(messageId);
    if (!known?.fromBot) return invalidParam('invalid message_id');
    const userIds = record(request.body).user_id_list;
    if (!Array.isArray(userIds) || userIds.length === 0 || !userIds.every((id) => typeof id === 'string')) {
      return fieldInvalid('user_id_list must be a non-empty list of ids');
    }
    const members = known.chatId ? store.chatMembers.get(known.chatId) : undefined;
    const invalidUserIds =
      members && userIdType === 'open_id' ? userIds.filter((id: string) => !members.includes(id)) : [];
    store.recordUrgent({ messageId, userIdType, userIds, invalidUserIds, time: now() });
    return ok({ msg: 'success', data: { invalid_user_id_list: invalidUserIds } });
  };

  return { createMessage, replyMessage, patchMessage, urgentApp };
}
