/**
 * The fake Lark platform's memory: what it issued (tokens, message ids), what it received
 * (requests, messages, patches, urgents, send attempts), what tests seeded (users, chats,
 * inbound messages) and which faults are pending. The HTTP layer is in `fakeLark.ts`, the API
 * behaviour in `fakeLarkRoutes.ts`.
 */
import { randomBytes } from 'node:crypto';
import type {
  FakeMessage,
  FakePatch,
  FakeRequestInfo,
  FakeUrgent,
  FakeUser,
  FaultHook,
  FaultSpec,
  RecordedRequest,
  SendAttempt,
} from './fakeLarkTypes.ts';

/** Lark keeps a send's `uuid` for one hour: a repeat inside it returns the first message. */
export const UUID_WINDOW_MS = 60 * 60 * 1000;

interface PendingFault {
  remaining: number;
  spec: FaultSpec;
  match: (request: FakeRequestInfo) => boolean;
}

/** A message the platform knows exists: one it delivered, or one a test seeded as inbound. */
interface KnownMessage {
  chatId: string | undefined;
  rootId: string | undefined;
  /** Sent by this bot (only those can be patched or made urgent). */
  fromBot: boolean;
  msgType: string;
}

export function larkId(prefix: 'om' | 'oc', bytes = 16): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}

export class FakeLarkStore {
  readonly requests: RecordedRequest[] = [];
  readonly messages: FakeMessage[] = [];
  /** Files uploaded through `im/v1/files`, by the key the fake answered with. */
  readonly files = new Map<string, { name: string; type: string; bytes: Buffer }>();
  /** Files people sent in chats, by `<message id>/<file key>` (the message resource API). */
  readonly sentFiles = new Map<string, Buffer>();
  readonly patches: FakePatch[] = [];
  readonly urgents: FakeUrgent[] = [];
  readonly sendAttempts: SendAttempt[] = [];
  readonly issuedTokens: string[] = [];
  /** token → expiry instant (ms). */
  readonly tokenExpiry = new Map<string, number>();
  readonly users = new Map<string, FakeUser>();
  /** Web login (OAuth): who is signed in to Feishu in "the browser", codes and user tokens issued. */
  signedIn: string | undefined;
  readonly loginCodes = new Map<string, { openId: string; redirectUri: string }>();
  readonly userTokens = new Map<string, string>();
  readonly chatMembers = new Map<string, string[]>();
  private readonly knownMessages = new Map<string, KnownMessage>();
  private readonly uuidIndex = new Map<string, { messageId: string; time: number }>();
  private readonly p2pChats = new Map<string, string>();
  private pendingFaults: PendingFault[] = [];
  private faultHook: FaultHook | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number) {}

  // --- faults ---------------------------------------------------------------------------

  failNext(count: number, spec: FaultSpec, match: (request: FakeRequestInfo) => boolean): void {
    if (count > 0) this.pendingFaults.push({ remaining: count, spec, match });
  }

  setFault(hook: FaultHook | undefined): void {
    this.faultHook = hook;
  }

  /** The fault for this request, if any; consumes one use of a `failNext`. */
  takeFault(request: FakeRequestInfo): FaultSpec | undefined {
    const pending = this.pendingFaults.find((f) => f.remaining > 0 && f.match(request));
    if (pending) {
      pending.remaining -= 1;
      this.pendingFaults = this.pendingFaults.filter((f) => f.remaining > 0);
      return pending.spec;
    }
    return this.faultHook?.(request);
  }

  // --- messages ---------------------------------------------------------------------------

  /** The message an earlier send with this uuid delivered, while Lark would still remember it. */
  messageForUuid(uuid: string): FakeMessage | undefined {
    const seen = this.uuidIndex.get(uuid);
    if (!seen || this.now() - seen.time >= UUID_WINDOW_MS) return undefined;
    return this.messages.find((m) => m.messageId === seen.messageId);
  }

  deliver(message: FakeMessage): void {
    this.messages.push(message);
    if (message.uuid) this.uuidIndex.set(message.uuid, { messageId: message.messageId, time: message.time });
    const parent = message.parentId ? this.knownMessages.get(message.parentId) : undefined;
    this.knownMessages.set(message.messageId, {
      chatId: message.chatId,
      rootId: parent ? (parent.rootId ?? message.parentId) : undefined,
      fromBot: true,
      msgType: message.msgType,
    });
    this.notify();
  }

  known(messageId: string): KnownMessage | undefined {
    return this.knownMessages.get(messageId);
  }

  /** Tell the platform about a user's message (e.g. the one an event carried) so replies find its chat. */
  seedMessage(messageId: string, chatId: string, msgType = 'text'): void {
    this.knownMessages.set(messageId, { chatId, rootId: undefined, fromBot: false, msgType });
  }

  /** The p2p chat between the bot and a user, stable per user like Lark's. */
  p2pChatFor(receiveId: string): string {
    let chatId = this.p2pChats.get(receiveId);
    if (!chatId) {
      chatId = larkId('oc');
      this.p2pChats.set(receiveId, chatId);
    }
    return chatId;
  }

  recordPatch(patch: FakePatch): void {
    this.patches.push(patch);
    this.notify();
  }

  recordUrgent(urgent: FakeUrgent): void {
    this.urgents.push(urgent);
    this.notify();
  }

  recordRequest(request: RecordedRequest): void {
    this.requests.push(request);
    this.notify();
  }

  recordSendAttempt(attempt: SendAttempt): void {
    this.sendAttempts.push(attempt);
  }

  // --- queries ----------------------------------------------------------------------------

  /** Messages that landed in a chat, or were sent directly to a user (by the id used to send). */
  messagesTo(chatOrReceiveId: string): FakeMessage[] {
    return this.messages.filter((m) => m.chatId === chatOrReceiveId || m.receiveId === chatOrReceiveId);
  }

  /** Delivered sends to a target within the last `windowMs` (Lark's sliding limit windows). */
  recentDeliveries(target: string | undefined, windowMs: number): number {
    const since = this.now() - windowMs;
    return this.sendAttempts.filter(
      (a) => a.delivered && a.time > since && (target === undefined || a.target === target),
    ).length;
  }

  /** The most sends to `target` that fell inside any window of `windowMs`. */
  maxSendsPerWindow(target: string, windowMs: number, deliveredOnly: boolean): number {
    const times = this.sendAttempts
      .filter((a) => a.target === target && (a.delivered || !deliveredOnly))
      .map((a) => a.time)
      .sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  // --- change notification (for waitFor) ----------------------------------------------------

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Forget the traffic: what was received, seeded inbound messages, remembered uuids, pending
   * faults. Issued tokens stay valid (the SDK caches them), and seeded users and chats stay: they
   * describe the tenant, not one test's traffic.
   */
  reset(): void {
    for (const list of [this.requests, this.messages, this.patches, this.urgents, this.sendAttempts]) {
      list.length = 0;
    }
    this.uuidIndex.clear();
    this.sentFiles.clear();
    this.knownMessages.clear();
    this.pendingFaults = [];
    this.faultHook = undefined;
  }
}
