/**
 * Inbound events built exactly as Lark sends them over HTTP: the v2 envelope, `content` as a JSON
 * string with `@_user_N` mention keys, AES-256-CBC encryption and the `X-Lark-Signature` headers.
 * Facts in /work/shared/LARK.md; Lark's pages:
 * - envelope and encryption: https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 * - im.message.receive_v1: https://open.feishu.cn/document/server-docs/im-v1/message/events/receive
 * - card.action.trigger: https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { FAKE_APP_ID, FAKE_TENANT_KEY } from './fakeLarkTypes.ts';

export { FAKE_APP_ID, FAKE_TENANT_KEY };
/** Made-up event security settings (the console's Verification Token and Encrypt Key). */
export const FAKE_VERIFICATION_TOKEN = 'fake-verification-token-not-real';
export const FAKE_ENCRYPT_KEY = 'fake-encrypt-key-not-real';

/** Lark derives the AES key as the SHA-256 of the Encrypt Key configured in the console. */
function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

/** The `encrypt` field of an encrypted event: base64(IV ‖ AES-256-CBC(PKCS7(json))). */
export function encryptLarkPayload(payload: unknown, encryptKey: string): string {
  const plaintext = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** The plaintext of an `encrypt` field (a JSON string for real events). */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const data = Buffer.from(encrypted, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
}

export interface SignatureHeaders {
  'x-lark-request-timestamp': string;
  'x-lark-request-nonce': string;
  'x-lark-signature': string;
}

/** hex SHA-256 of timestamp + nonce + encryptKey + the raw body, as Lark signs event requests. */
export function signLarkRequest(
  rawBody: string,
  encryptKey: string,
  { timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomBytes(8).toString('hex') } = {},
): SignatureHeaders {
  const signature = createHash('sha256')
    .update(timestamp + nonce + encryptKey)
    .update(rawBody)
    .digest('hex');
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signature,
  };
}

export interface LarkEnvelope<E> {
  schema: '2.0';
  header: {
    event_id: string;
    event_type: string;
    create_time: string;
    token: string;
    app_id: string;
    tenant_key: string;
  };
  event: E;
}

interface EnvelopeOptions {
  token: string;
  eventId?: string;
  appId?: string;
  tenantKey?: string;
  createTime?: number;
}

function envelope<E>(eventType: string, options: EnvelopeOptions, event: E): LarkEnvelope<E> {
  return {
    schema: '2.0',
    header: {
      event_id: options.eventId ?? randomBytes(16).toString('hex'),
      event_type: eventType,
      create_time: String(options.createTime ?? Date.now()),
      token: options.token,
      app_id: options.appId ?? FAKE_APP_ID,
      tenant_key: options.tenantKey ?? FAKE_TENANT_KEY,
    },
    event,
  };
}

export interface MentionInput {
  name: string;
  openId: string;
  unionId?: string;
  userId?: string;
}

export interface LarkMention {
  key: string;
  id: { open_id: string; union_id: string; user_id: string };
  name: string;
  tenant_key: string;
}

/**
 * Replace each `@name` of a listed mention with `@_user_N`, numbered in the order they appear
 * (as Lark does: one key per @, so a person mentioned twice gets two keys). The longest listed
 * name wins (`@张三丰` is not `@张三`). An `@` that matches no listed name stays plain text, as
 * when a user types @ without picking anyone; a listed mention missing from the text is an error
 * in the test.
 */
export function toMentionKeys(
  text: string,
  mentions: readonly MentionInput[],
  tenantKey = FAKE_TENANT_KEY,
): { text: string; mentions: LarkMention[] } {
  const byLength = [...mentions].sort((a, b) => b.name.length - a.name.length);
  const found: LarkMention[] = [];
  const used = new Set<MentionInput>();
  let out = '';
  for (let i = 0; i < text.length; ) {
    const mention = text[i] === '@' ? byLength.find((m) => text.startsWith(m.name, i + 1)) : undefined;
    if (!mention) {
      out += text[i];
      i += 1;
      continue;
    }
    const key = `@_user_${found.length + 1}`;
    found.push({
      key,
      id: { open_id: mention.openId, union_id: mention.unionId ?? '', user_id: mention.userId ?? '' },
      name: mention.name,
      tenant_key: tenantKey,
    });
    used.add(mention);
    out += key;
    i += 1 + mention.name.length;
  }
  const missing = mentions.filter((m) => !used.has(m));
  if (missing.length > 0) {
    throw new Error(
      `messageEvent: text has no @${missing.map((m) => m.name).join(', @')}: ${JSON.stringify(text)}`,
    );
  }
  return { text: out, mentions: found };
}

export interface MessageEventInput extends EnvelopeOptions {
  text: string;
  chatId: string;
  senderOpenId: string;
  mentions?: MentionInput[];
  messageId?: string;
  chatType?: 'group' | 'p2p';
  /** For a message sent as a reply in Lark. */
  parentId?: string;
  rootId?: string;
}

export interface MessageReceiveEvent {
  sender: {
    sender_id: { open_id: string; union_id: string; user_id: string };
    sender_type: 'user';
    tenant_key: string;
  };
  message: {
    message_id: string;
    root_id?: string;
    parent_id?: string;
    create_time: string;
    update_time: string;
    chat_id: string;
    chat_type: 'group' | 'p2p';
    message_type: 'text' | 'file';
    content: string;
    mentions?: LarkMention[];
  };
}

/** An `im.message.receive_v1` text message; write mentions as `@name` and list them in `mentions`. */
export function messageEvent(input: MessageEventInput): LarkEnvelope<MessageReceiveEvent> {
  const tenantKey = input.tenantKey ?? FAKE_TENANT_KEY;
  const createTime = String(input.createTime ?? Date.now());
  const { text, mentions } = toMentionKeys(input.text, input.mentions ?? [], tenantKey);
  return envelope('im.message.receive_v1', input, {
    sender: {
      sender_id: { open_id: input.senderOpenId, union_id: '', user_id: '' },
      sender_type: 'user',
      tenant_key: tenantKey,
    },
    message: {
      message_id: input.messageId ?? `om_${randomBytes(16).toString('hex')}`,
      ...(input.rootId ? { root_id: input.rootId } : {}),
      ...(input.parentId ? { parent_id: input.parentId } : {}),
      create_time: createTime,
      update_time: createTime,
      chat_id: input.chatId,
      chat_type: input.chatType ?? 'group',
      message_type: 'text',
      content: JSON.stringify({ text }),
      // Lark omits `mentions` when nobody was @-ed.
      ...(mentions.length > 0 ? { mentions } : {}),
    },
  });
}

/** A `file` message: someone sent a file into the chat (it cannot @ anyone). */
export function fileMessageEvent(
  input: Omit<MessageEventInput, 'text' | 'mentions'> & { fileKey: string; fileName: string },
): LarkEnvelope<MessageReceiveEvent> {
  const event = messageEvent({ ...input, text: '' });
  event.event.message.message_type = 'file';
  event.event.message.content = JSON.stringify({ file_key: input.fileKey, file_name: input.fileName });
  return event;
}

export interface CardActionEventInput extends Omit<EnvelopeOptions, 'token'> {
  operatorOpenId: string;
  /** The object the button carried (`behaviors[].value`). */
  value: Record<string, unknown>;
  messageId: string;
  chatId: string;
  /** Verification token, in the header; defaults to FAKE_VERIFICATION_TOKEN. */
  token?: string;
  /** The card update token (`event.token`, `c-…`: valid 30 min, twice). */
  cardToken?: string;
  formValue?: Record<string, unknown>;
  tag?: string;
}

export interface CardActionTriggerEvent {
  operator: { tenant_key: string; open_id: string; union_id: string; user_id: string };
  token: string;
  action: { tag: string; value: Record<string, unknown>; form_value?: Record<string, unknown> };
  host: 'im_message';
  context: { open_message_id: string; open_chat_id: string };
}

/** A `card.action.trigger` callback: a user clicked a button on a card the bot sent. */
export function cardActionEvent(input: CardActionEventInput): LarkEnvelope<CardActionTriggerEvent> {
  const tenantKey = input.tenantKey ?? FAKE_TENANT_KEY;
  return envelope(
    'card.action.trigger',
    { ...input, token: input.token ?? FAKE_VERIFICATION_TOKEN },
    {
      operator: { tenant_key: tenantKey, open_id: input.operatorOpenId, union_id: '', user_id: '' },
      token: input.cardToken ?? `c-${randomBytes(20).toString('hex')}`,
      action: {
        tag: input.tag ?? 'button',
        value: input.value,
        ...(input.formValue ? { form_value: input.formValue } : {}),
      },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  );
}

export interface UrlVerification {
  challenge: string;
  token: string;
  type: 'url_verification';
}

/** The challenge Lark posts when the request URL is saved in the console. */
export function urlVerification({ token, challenge }: { token: string; challenge: string }): UrlVerification {
  return { challenge, token, type: 'url_verification' };
}

export interface LarkRequestOptions {
  /** When set, the body is encrypted and (except for a challenge) signed with it. */
  encryptKey?: string;
  /** Encrypt the body when an encrypt key is set; default true. */
  encrypt?: boolean;
  /** Add signature headers; default: whenever an encrypt key is set, except for URL verification. */
  sign?: boolean;
  timestamp?: string;
  nonce?: string;
}

/** `{ body, headers }` of the HTTP request Lark would make, ready for `fetch` or Hono's `app.request()`. */
export function larkRequest(
  payload: object,
  options: LarkRequestOptions = {},
): { body: string; headers: Record<string, string> } {
  const { encryptKey } = options;
  const body =
    encryptKey && options.encrypt !== false
      ? JSON.stringify({ encrypt: encryptLarkPayload(payload, encryptKey) })
      : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  // Lark sends no signature headers with a URL verification challenge (LARK.md).
  const isChallenge = (payload as { type?: unknown }).type === 'url_verification';
  const sign = options.sign ?? (encryptKey !== undefined && !isChallenge);
  if (sign) {
    if (!encryptKey) throw new Error('larkRequest: signing needs an encryptKey');
    const timing = {
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    };
    Object.assign(headers, signLarkRequest(body, encryptKey, timing));
  }
  return { body, headers };
}
