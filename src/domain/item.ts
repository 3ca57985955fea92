/**
 * A tracked item (事项): the record every command and reminder works on. Pure: the functions
 * here return new values and never touch storage.
 */
import type { Escalation } from './escalation.ts';

export interface Person {
  openId: string;
  /**
   * Display name as last seen (a mention, the contact directory); may be empty when unknown.
   * What is shown comes from the people directory (`src/bot/people/`), this only as a fallback.
   */
  name: string;
}

/** Shown for a person nobody could name: never their open_id. */
export const UNNAMED = '未具名成员';

/** open → (review →) done, or cancelled. `review` is a 整改 item waiting for its 销号. */
export type ItemStatus = 'open' | 'review' | 'done' | 'cancelled';

export type ChatType = 'group' | 'p2p';

/** Lark's `chat_type` of a message as an item's `chatType`: only a private chat is `p2p`. */
export const chatTypeOf = (larkChatType: string): ChatType => (larkChatType === 'p2p' ? 'p2p' : 'group');

/** Whether the item lives in a private chat, where its owners are reached by direct message. */
export const isPrivateChatItem = (item: Pick<Item, 'chatType'>): boolean => item.chatType === 'p2p';

export type ItemKind =
  | 'task'
  | 'receipt'
  | 'feedback'
  | 'interpretation'
  | 'rectification'
  | 'breakdown'
  | 'checkin'
  /** An occurrence of a recurring schedule (`/周期`). */
  | 'periodic'
  /** An item of a unit's annual work plan (`/计划 导入`, notice 五). */
  | 'plan'
  /** A unit's written explanation (书面说明) of a plan more than 10% unimplemented. */
  | 'explanation';

export interface Item {
  tenant: string;
  /** Short number per tenant, shown as `#n`. */
  no: number;
  kind: ItemKind;
  chatId: string;
  /**
   * `p2p` when the item was recorded in someone's private chat with the bot: nobody else is in
   * that chat, so its owners are told and reminded by direct message. Absent (older items) or
   * `group`: a group chat, where the owners are @-ed.
   */
  chatType?: ChatType;
  /**
   * An item of a private chat recorded outside office hours: when its owners are sent it (the
   * next office start, `src/bot/views/privateAssignment.ts`). Until then they have not heard of
   * it and are sent nothing about it. Absent: they were told when it was recorded.
   */
  ownersToldAt?: number;
  title: string;
  owners: Person[];
  creator: Person;
  lead?: Person;
  unit?: string;
  /** 整改 requirement (工作要求). */
  requirement?: string;
  parentNo?: number;
  /** Deadline instant (epoch ms) and whether the user named only a day. */
  due: number;
  allDay: boolean;
  /** Years the working-day data did not cover when the deadline was resolved. */
  uncoveredYears?: number[];
  status: ItemStatus;
  createdAt: number;
  updatedAt: number;
  acknowledgedAt?: number;
  doneAt?: number;
  result?: string;
  /** The owner who acknowledged (签收) first; `acknowledgedAt` says when. */
  acknowledgedBy?: string;
  /** The latest progress report (/进展); earlier ones live in the audit stream. */
  progress?: ProgressNote;
  progressCount?: number;
  /** An extension request (/延期) waiting for the lead leader or an admin. */
  extension?: ExtensionRequest;
  /** How many times the deadline was extended. */
  extensionCount?: number;
  /** When each extension was approved (kept since the statistics; older items lack it). */
  extendedAt?: number[];
  /**
   * The latest decided extension requests, newest last (at most `EXTENSION_DECISIONS_KEPT`): a
   * request card is redrawn from them on every later change, so it keeps saying who decided.
   */
  extensionDecisions?: ExtensionDecision[];
  cancelledAt?: number;
  cancelReason?: string;
  /** 整改: when and by whom it was reported done and handed over for 销号, and why it was last sent back. */
  reviewRequestedAt?: number;
  reviewRequestedBy?: string;
  returnedReason?: string;
  /** 整改: the opinion of whoever signed it off (销号), beside the owners' 整改情况 in `result`. */
  signoffOpinion?: string;
  signedOffBy?: Person;
  /** Escalations made (逾期上报), one per level and deadline (`escalation.ts`). */
  escalations?: Escalation[];
  /** Bumped whenever a change invalidates the reminder plan (deadline, owners, status). */
  planVersion: number;
  /** Storage revision, for compare-and-set writes. */
  rev: number;
  /** The chat message that created it (replies go there). */
  sourceMessageId?: string;
  /** A plan item's year and unit (`/计划`); `notImplemented` once marked 不再实施. */
  plan?: { year: number; unit: string; notImplemented?: { reason: string; by: string; at: number } };
  /** An occurrence of schedule `S<no>` (`/周期`), by the occurrence's key (`2026-12`). */
  schedule?: { no: number; key: string };
}

export interface ProgressNote {
  text: string;
  at: number;
  by: string;
}

export interface ExtensionRequest {
  /** The deadline asked for (epoch ms) and whether it named only a day. */
  due: number;
  allDay: boolean;
  uncoveredYears?: number[];
  reason: string;
  by: Person;
  at: number;
}

/** A decision on an extension request (批准 / 驳回), kept on the item beside the audit entry. */
export interface ExtensionDecision {
  /** The request decided, by when it was made (`ExtensionRequest.at`, what its card names). */
  requestAt: number;
  approved: boolean;
  by: Person;
  at: number;
  /** Why it was rejected. */
  reason?: string;
  /** The deadline when it was decided, and the one asked for. */
  from: number;
  to: number;
}

/**
 * As many as an item keeps copies of its cards (`MAX_COPIES`, each request has at least one), so
 * every request card still redrawn finds its decision.
 */
export const EXTENSION_DECISIONS_KEPT = 8;

/**
 * Whether a deadline has passed at `at`. Its own minute still belongs to it (as for pushes: a
 * deadline at 16:00 is chased at 16:00, and 16:00:40 is not late): a weekly report run at 16:00
 * does not call a 16:00 deadline overdue, and a result reported at 16:00:30 was on time.
 */
export function isPastDue(due: number, at: number): boolean {
  return at >= due + 60_000;
}

export type NewItem = Omit<Item, 'no' | 'status' | 'createdAt' | 'updatedAt' | 'planVersion' | 'rev'>;

export const STATUS_CN: Record<ItemStatus, string> = {
  open: '办理中',
  review: '待销号',
  done: '已完成',
  cancelled: '已取消',
};

export function isClosed(item: Pick<Item, 'status'>): boolean {
  return item.status === 'done' || item.status === 'cancelled';
}

export function completeItem(item: Item, result: string | undefined, now: number): Item {
  return {
    ...item,
    status: 'done',
    doneAt: now,
    result: result || undefined,
    updatedAt: now,
    planVersion: item.planVersion + 1,
  };
}

/** Open items first by deadline, for lists. */
export function byDeadline(a: Item, b: Item): number {
  return a.due - b.due || a.no - b.no;
}
