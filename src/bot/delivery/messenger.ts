/**
 * How the bot speaks. Handlers and jobs call `Messenger.send`; the queue-backed messenger
 * puts each logical message on the outbound queue once (deterministic job id) with a stable
 * Lark `uuid`, and `jobs/outbound.ts` delivers it through whichever `Delivery` is configured
 * (Lark, or the playground).
 */
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { ItemCopy } from './messageOps.ts';

export type OutgoingMessage =
  | { type: 'text'; text: string }
  | { type: 'card'; card: Record<string, unknown> }
  /** A file already uploaded (`files.ts`), by the key the upload returned. */
  | { type: 'file'; fileKey: string; name: string };

export type Target = { chatId: string } | { openId: string };

export interface SendRequest {
  tenant: string;
  /** Where to post; omit when replying. */
  to?: Target;
  /** Reply to this message (Lark's reply API). */
  replyTo?: string;
  message: OutgoingMessage;
  /**
   * A name for this logical message that stays the same on every retry of the code that sends
   * it (e.g. `reply:<event id>:0`, `remind:<item>:<kind>:<plan version>`).
   */
  key: string;
  /** A card showing an item: remembered once sent, so later changes update it (PATCH). */
  showsItem?: ItemCopy;
  /**
   * A name the sent message's id is kept under for a day (`SentMessages`), for a job that changes
   * the message later (a speech timer's card, patched at one minute left and at time up).
   */
  rememberAs?: string;
  /** Made urgent (加急) for these open_ids once sent, by a follow-up job. */
  urgentFor?: string[];
  /** Which messages go first when sends queue up; by default a reply, else `normal`. */
  priority?: SendPriority;
  /**
   * Keys of messages to the same person that must reach them before this one (an item's card
   * before a reminder of it): it waits while any of them is still on the outbound queue. Sends
   * are not otherwise ordered — several are delivered at once, a chase goes before a routine
   * send, one held by Lark's limits is overtaken — and a reminder about work its owner was
   * never given reads as a mistake.
   */
  after?: string[];
}

/**
 * Order of the outbound queue when Lark's limits make sends wait: a chase, an escalation or a
 * 加急 never waits behind a digest, and a person who just typed a command hears back before
 * routine reminders. Same priority: first come, first sent.
 */
export type SendPriority = 'urgent' | 'reply' | 'normal' | 'bulk';

/** BullMQ priorities: 1 is taken first. Every outbound job has one (BullMQ takes jobs without a priority before all prioritized ones). */
export const QUEUE_PRIORITY: Record<SendPriority, number> = { urgent: 1, reply: 2, normal: 3, bulk: 4 };

/** What travels on the outbound queue. */
export interface OutboundJob extends SendRequest {
  /** Lark's idempotency `uuid` (≤ 50 chars): the same for every retry of this message. */
  uuid: string;
}

export interface Messenger {
  send(request: SendRequest): Promise<void>;
}

/** A short, stable uuid for a logical message key. */
export function messageUuid(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** The outbound job of the message sent under `key` (one per message: a second send adds nothing). */
export function sendJobId(key: string): string {
  return `out-${messageUuid(key)}`;
}

export function createQueueMessenger(outbound: Queue): Messenger {
  return {
    async send(request) {
      if (!request.to && !request.replyTo)
        throw new Error('a message needs a target or a message to reply to');
      const job: OutboundJob = { ...request, uuid: messageUuid(request.key) };
      const priority = request.priority ?? (request.replyTo ? 'reply' : 'normal');
      await outbound.add('send', job, { jobId: sendJobId(request.key), priority: QUEUE_PRIORITY[priority] });
    },
  };
}
