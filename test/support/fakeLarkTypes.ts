/**
 * Shapes and constants of the fake Lark Open Platform (`fakeLark.ts`): what it records, how a
 * test injects faults, and the Lark error codes it answers with.
 */

/** Made-up credentials: nothing here ever reached a real Lark tenant. */
export const FAKE_APP_ID = 'cli_a1b2c3d4e5f60718';
export const FAKE_APP_SECRET = 'fake-secret-not-real';
export const FAKE_BOT_OPEN_ID = 'ou_bot_fake000000000000000000001';
export const FAKE_BOT_NAME = 'luoshi';
export const FAKE_TENANT_KEY = 'fake_tenant_0001';

/**
 * Lark `code` values the fake answers with. Clients key their handling on these (the HTTP status
 * varies between gateways), so tests assert on them.
 * General codes: https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code
 * Message codes: https://open.feishu.cn/document/server-docs/im-v1/message/create (error table)
 */
export const LarkCode = {
  ok: 0,
  /** Token endpoint: unknown app_id. */
  invalidAppId: 10003,
  /** Token endpoint: app_secret does not match. */
  invalidAppSecret: 10014,
  /** Gateway rate limit (app-wide 50/s, 1000/min); comes with `x-ogw-ratelimit-*` headers. */
  rateLimited: 99991400,
  /** No `Authorization` header. */
  missingAccessToken: 99991661,
  /** A token this platform never issued, or one that expired. */
  invalidAccessToken: 99991663,
  /** Request validation (missing query parameter, wrong field type, uuid too long). */
  fieldValidationFailed: 99992402,
  /** IM: invalid request parameter; `msg` says which (`ext=…`). */
  invalidImParameter: 230001,
  /** IM: per-group send limit (5/s shared by all bots in the group). */
  chatRateLimited: 230020,
  /** IM: message content over its size limit (cards and posts 30 KB, text 150 KB). */
  contentTooLong: 230025,
  /** Chat members: the bot is not in that chat (the fake: chat never seeded). */
  botNotInChat: 232011,
  /** The message resource API: no such file in that message. */
  fileNotInMessage: 234003,
  /** Contact: user unknown or outside the app's contact scope (Lark does not tell the two apart). */
  userNotVisible: 41050,
  /** The fake's default body for an injected 5xx. */
  internalError: 1500,
} as const;

export const MSG_TYPES = [
  'text',
  'post',
  'image',
  'file',
  'audio',
  'media',
  'sticker',
  'interactive',
  'share_chat',
  'share_user',
] as const;
export type MsgType = (typeof MSG_TYPES)[number];

export const RECEIVE_ID_TYPES = ['chat_id', 'open_id', 'user_id', 'union_id', 'email'] as const;
export type ReceiveIdType = (typeof RECEIVE_ID_TYPES)[number];

/** A person in the seeded directory (contact API, chat members, urgent checks). */
export interface FakeUser {
  openId: string;
  name: string;
  unionId?: string;
  userId?: string;
  enName?: string;
  departmentIds?: string[];
  /** open_id of this person's leader. */
  leaderOpenId?: string;
}

/** What a fault hook sees of a request (before it is handled). */
export interface FakeRequestInfo {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  time: number;
  /** True for message create and reply: the requests Lark's send limits count. */
  isSend: boolean;
  /** True for the token endpoints, which `failNext` skips unless told otherwise. */
  isAuth: boolean;
}

/** How to answer a request instead of handling it (or after handling it, with `deliver`). */
export interface FaultSpec {
  /** HTTP status; defaults to 500. */
  status?: number;
  headers?: Record<string, string>;
  /** JSON body; defaults to a Lark-shaped error matching the status. */
  body?: unknown;
  /** Wait this long before answering (a slow platform). */
  delayMs?: number;
  /** Handle (and deliver) the request, then answer with the fault: the response is lost, not the send. */
  deliver?: boolean;
  /** Close the socket without answering (a network failure). */
  dropConnection?: boolean;
}

export type FaultHook = (request: FakeRequestInfo) => FaultSpec | undefined;

export interface RecordedRequest extends FakeRequestInfo {
  status: number;
  /** Set when a fault answered this request. */
  fault?: FaultSpec;
}

export interface FakeMessage {
  messageId: string;
  kind: 'create' | 'reply';
  /** create: the `receive_id_type` query and `receive_id`. */
  receiveIdType?: ReceiveIdType;
  receiveId?: string;
  /** reply: the message replied to. */
  parentId?: string;
  replyInThread?: boolean;
  /** The chat it landed in, when the fake knows it (a reply to an unseeded message: undefined). */
  chatId?: string;
  msgType: MsgType;
  /** `content` parsed from its JSON string. */
  content: unknown;
  rawContent: string;
  uuid?: string;
  time: number;
}

export interface FakePatch {
  messageId: string;
  content: unknown;
  time: number;
}

export interface FakeUrgent {
  messageId: string;
  userIdType: string;
  userIds: string[];
  invalidUserIds: string[];
  time: number;
}

/** One send request (create or reply) as Lark's limits see it: delivered or not. */
export interface SendAttempt {
  time: number;
  /** The chat (or, for a direct message, the receive_id) it was addressed to. */
  target: string;
  delivered: boolean;
  status: number;
  uuid?: string;
}

export interface StartFakeLarkOptions {
  /** Defaults to a fresh random `cli_` + 16 hex id, see `fakeLark.ts` for why. */
  appId?: string;
  appSecret?: string;
  botOpenId?: string;
  botName?: string;
  tenantKey?: string;
  /** Seconds a tenant token lives; Lark says 7200. */
  tokenTtlSeconds?: number;
  users?: FakeUser[];
  /** chat_id → member open_ids. */
  chats?: Record<string, string[]>;
  /** Clock for token expiry, the uuid window and timestamps; defaults to Date.now. */
  now?: () => number;
  /**
   * Answer like Lark when sends go faster than its limits: per chat (or user) 5/s → 400 +
   * 230020, app-wide 50/s or 1000/min → 429 + 99991400. Off by default: most tests measure
   * pacing instead. `minuteMs` shortens the minute window for tests.
   */
  enforceRateLimits?:
    | boolean
    | { perTargetPerSecond?: number; appPerSecond?: number; appPerMinute?: number; minuteMs?: number };
}
