/**
 * A fake Lark Open Platform: a real HTTP server on 127.0.0.1 that the official SDK reaches through
 * its `domain` option (`new lark.Client({ appId, appSecret, domain: fake.url })`). It issues
 * tenant tokens, answers the APIs luoshi calls (`fakeLarkRoutes.ts`), records everything, and can
 * be told to fail. The only thing our integration and end-to-end tests fake.
 *
 * The app id defaults to a fresh random one per fake: the SDK caches tenant tokens in a
 * process-wide cache keyed by app id, so two fakes sharing an id would see each other's tokens.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSendRequest, sendTargetOf } from './fakeLarkMessages.ts';
import type { RouteResponse } from './fakeLarkResponses.ts';
import { createRoutes, isAuthPath } from './fakeLarkRoutes.ts';
import { FakeLarkStore } from './fakeLarkStore.ts';
import {
  FAKE_APP_SECRET,
  FAKE_BOT_NAME,
  FAKE_BOT_OPEN_ID,
  FAKE_TENANT_KEY,
  type FakeMessage,
  type FakePatch,
  type FakeRequestInfo,
  type FakeUrgent,
  type FakeUser,
  type FaultHook,
  type FaultSpec,
  LarkCode,
  type RecordedRequest,
  type SendAttempt,
  type StartFakeLarkOptions,
} from './fakeLarkTypes.ts';

export * from './fakeLarkTypes.ts';

export interface WaitForOptions {
  timeoutMs?: number;
}

export interface FakeLark {
  /** Base URL to pass as the SDK's `domain` (no trailing slash). */
  readonly url: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly botOpenId: string;
  readonly botName: string;
  readonly tenantKey: string;
  /** Live lists, oldest first; `reset()` empties them in place. */
  readonly requests: readonly RecordedRequest[];
  readonly messages: readonly FakeMessage[];
  readonly patches: readonly FakePatch[];
  /** Files uploaded through `im/v1/files`, by key. */
  readonly files: ReadonlyMap<string, { name: string; type: string; bytes: Buffer }>;
  readonly urgents: readonly FakeUrgent[];
  readonly sendAttempts: readonly SendAttempt[];
  readonly issuedTokens: readonly string[];
  /** `text` of the text messages delivered to a chat (or sent directly to that receive_id). */
  textsTo(chatOrReceiveId: string): string[];
  messagesTo(chatOrReceiveId: string): FakeMessage[];
  repliesTo(parentMessageId: string): FakeMessage[];
  /** A card's content after its latest patch. */
  currentContent(messageId: string): unknown;
  /**
   * Resolves with the first truthy value `check` returns, re-checked whenever something is
   * recorded (and every 25 ms). A `check` that throws counts as "not yet". Tests use this
   * instead of sleeping; on timeout it rejects with what was recorded.
   */
  waitFor<T>(
    check: (messages: readonly FakeMessage[], fake: FakeLark) => T,
    options?: WaitForOptions,
  ): Promise<T>;
  /** Most send requests to one target inside any 1 s window (attempts, or deliveries only). */
  maxSendsPerSecond(target: string, options?: { deliveredOnly?: boolean; windowMs?: number }): number;
  /**
   * Answer the next `count` matching requests with `fault` (default: 500). `match` defaults to
   * every API call except the token endpoints.
   */
  failNext(count: number, fault?: FaultSpec, match?: (request: FakeRequestInfo) => boolean): void;
  /** Consulted for every request (token endpoints included) after pending `failNext`s. */
  setFault(hook: FaultHook | undefined): void;
  addUser(user: FakeUser): void;
  /** Who is signed in to Feishu in "the browser" for web login (OAuth); undefined: nobody. */
  signIn(openId: string | undefined): void;
  addChat(chatId: string, memberOpenIds: string[]): void;
  /** Declare a user's message (e.g. the one an inbound event carried) so replies to it land in its chat. */
  seedMessage(messageId: string, chatId: string): void;
  /** A file someone sent in a chat: its message is known and its bytes can be downloaded. */
  sendFile(messageId: string, chatId: string, fileKey: string, bytes: Buffer): void;
  /** Make every issued token invalid, as when Lark rotates them: the next call gets 99991663. */
  expireTokens(): void;
  /**
   * Answer `POST /callback/ws/endpoint` (the long connection's URL, asked by the SDK's
   * `WSClient`) with `answer(body)`; see `fakeLarkWs.ts`. Unset: 404 like any unknown path.
   */
  serveLongConnection(answer: ((body: unknown) => Record<string, unknown>) | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

/** Lark-shaped default bodies and headers for injected faults. */
function faultResponse(fault: FaultSpec): RouteResponse {
  const status = fault.status ?? 500;
  if (status === 429) {
    return {
      status,
      headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1', ...fault.headers },
      body: fault.body ?? { code: LarkCode.rateLimited, msg: 'request trigger frequency limit' },
    };
  }
  return {
    status,
    headers: { ...fault.headers },
    body: fault.body ?? { code: LarkCode.internalError, msg: `fake Lark: injected ${status}` },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A `multipart/form-data` upload (`im/v1/files`) as a record: each part by its name, as a
 * string, or as `{ name, bytes }` when it is the file (the SDK sends a Buffer as a part that may
 * carry no filename, which `Response.formData()` would turn into text, so parts are cut here).
 */
function parseForm(raw: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const out: Record<string, unknown> = {};
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const body = part.subarray(split + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      if (name !== undefined)
        out[name] =
          name === 'file' || filename !== undefined
            ? { name: filename ?? '', bytes: Buffer.from(body) }
            : body.toString('utf8');
    }
    at = next;
  }
  return out;
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describeMessages(messages: readonly FakeMessage[]): string {
  if (messages.length === 0) return '  (no messages)';
  return messages
    .map((m) => `  ${m.kind} ${m.msgType} → ${m.chatId ?? m.parentId}: ${m.rawContent.slice(0, 160)}`)
    .join('\n');
}

export async function startFakeLark(options: StartFakeLarkOptions = {}): Promise<FakeLark> {
  const now = options.now ?? Date.now;
  const store = new FakeLarkStore(now);
  for (const user of options.users ?? []) store.users.set(user.openId, user);
  for (const [chatId, members] of Object.entries(options.chats ?? {}))
    store.chatMembers.set(chatId, [...members]);
  const limits = options.enforceRateLimits;
  const config = {
    appId: options.appId ?? `cli_${randomBytes(8).toString('hex')}`,
    appSecret: options.appSecret ?? FAKE_APP_SECRET,
    botOpenId: options.botOpenId ?? FAKE_BOT_OPEN_ID,
    botName: options.botName ?? FAKE_BOT_NAME,
    tenantKey: options.tenantKey ?? FAKE_TENANT_KEY,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    rateLimits: limits
      ? {
          perTargetPerSecond: (limits === true ? undefined : limits.perTargetPerSecond) ?? 5,
          appPerSecond: (limits === true ? undefined : limits.appPerSecond) ?? 50,
          appPerMinute: (limits === true ? undefined : limits.appPerMinute) ?? 1000,
          minuteMs: (limits === true ? undefined : limits.minuteMs) ?? 60_000,
        }
      : undefined,
    now,
  };
  const route = createRoutes(store, config);
  let longConnection: ((body: unknown) => Record<string, unknown>) | undefined;
  // Outside /open-apis, and answered without a tenant token: the SDK sends the app secret.
  const routeOrEndpoint = (info: FakeRequestInfo) =>
    info.method === 'POST' && info.path === '/callback/ws/endpoint' && longConnection
      ? { status: 200, body: longConnection(info.body) }
      : route(info);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const url = new URL(req.url ?? '/', 'http://fake-lark.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const info: FakeRequestInfo = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flatHeaders(req),
      body: contentType.startsWith('multipart/form-data')
        ? parseForm(rawBody, contentType)
        : parseBody(rawBody.toString('utf8')),
      time: now(),
      isSend: isSendRequest(method, url.pathname),
      isAuth: isAuthPath(url.pathname),
    };
    const fault = store.takeFault(info);
    const deliveredBefore = store.messages.length;
    const sendTarget = info.isSend ? sendTargetOf(info, store) : undefined;
    const handled = !fault || fault.deliver ? routeOrEndpoint(info) : undefined;
    const response = fault ? faultResponse(fault) : handled!;
    if (sendTarget !== undefined) {
      const uuid = (info.body as { uuid?: unknown } | undefined)?.uuid;
      store.recordSendAttempt({
        time: info.time,
        target: sendTarget,
        delivered: store.messages.length > deliveredBefore,
        status: response.status,
        ...(typeof uuid === 'string' ? { uuid } : {}),
      });
    }
    store.recordRequest({
      ...info,
      status: fault?.dropConnection ? 0 : response.status,
      ...(fault ? { fault } : {}),
    });
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.dropConnection) {
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      ...response.headers,
    });
    res.end(Buffer.isBuffer(response.body) ? response.body : JSON.stringify(response.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: LarkCode.internalError, msg: `fake Lark crashed: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeLark = {
    url: `http://127.0.0.1:${port}`,
    appId: config.appId,
    appSecret: config.appSecret,
    botOpenId: config.botOpenId,
    botName: config.botName,
    tenantKey: config.tenantKey,
    requests: store.requests,
    messages: store.messages,
    patches: store.patches,
    files: store.files,
    urgents: store.urgents,
    sendAttempts: store.sendAttempts,
    issuedTokens: store.issuedTokens,
    textsTo: (target) =>
      store
        .messagesTo(target)
        .filter((m) => m.msgType === 'text')
        .map((m) => String((m.content as { text?: unknown }).text)),
    messagesTo: (target) => store.messagesTo(target),
    repliesTo: (parentId) => store.messages.filter((m) => m.parentId === parentId),
    currentContent: (messageId) =>
      store.patches.findLast((p) => p.messageId === messageId)?.content ??
      store.messages.find((m) => m.messageId === messageId)?.content,
    waitFor: (check, { timeoutMs = 5000 } = {}) =>
      new Promise((resolve, reject) => {
        let lastError: unknown;
        const attempt = () => {
          try {
            const result = check(store.messages, fake);
            if (result) finish(() => resolve(result));
          } catch (error) {
            lastError = error;
          }
        };
        const poll = setInterval(attempt, 25);
        const unsubscribe = store.onChange(attempt);
        const timer = setTimeout(() => {
          const why = lastError instanceof Error ? `\nlast check error: ${lastError.message}` : '';
          finish(() =>
            reject(
              new Error(
                `fake Lark: waitFor timed out after ${timeoutMs} ms; messages:\n${describeMessages(store.messages)}${why}`,
              ),
            ),
          );
        }, timeoutMs);
        const finish = (settle: () => void) => {
          clearInterval(poll);
          clearTimeout(timer);
          unsubscribe();
          settle();
        };
        attempt();
      }),
    maxSendsPerSecond: (target, { deliveredOnly = false, windowMs = 1000 } = {}) =>
      store.maxSendsPerWindow(target, windowMs, deliveredOnly),
    failNext: (count, fault = { status: 500 }, match = (request) => !request.isAuth) =>
      store.failNext(count, fault, match),
    setFault: (hook) => store.setFault(hook),
    addUser: (user) => store.users.set(user.openId, user),
    signIn: (openId) => {
      store.signedIn = openId;
    },
    addChat: (chatId, members) => store.chatMembers.set(chatId, [...members]),
    seedMessage: (messageId, chatId) => store.seedMessage(messageId, chatId),
    sendFile: (messageId, chatId, fileKey, bytes) => {
      store.seedMessage(messageId, chatId, 'file');
      store.sentFiles.set(`${messageId}/${fileKey}`, bytes);
    },
    expireTokens: () => {
      for (const token of store.tokenExpiry.keys()) store.tokenExpiry.set(token, 0);
    },
    serveLongConnection: (answer) => {
      longConnection = answer;
    },
    reset: () => store.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}
