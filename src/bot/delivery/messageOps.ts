/**
 * Changes to messages already sent, as jobs on the outbound queue beside the sends, so they
 * share its retries, its pacing and its crash safety:
 * - `patch`: show an item's current state on a card sent earlier (another copy of a card a
 *   button just changed, or any card of an item a chat command changed), or a speech timer's;
 * - `urgent`: make a message urgent (加急) for some people, once the send returned its id.
 *
 * A patch carries which item and which view, not the card: the card is drawn when the job
 * runs, so two patches of one message can never leave an older state on top.
 */
import type { Queue } from 'bullmq';
import type { SpeechTimer } from '../../domain/speechTimer.ts';
import type { ExtensionView } from '../../lark/cards/extensionCard.ts';
import { messageUuid, QUEUE_PRIORITY, type Target } from './messenger.ts';

/** Which item a card shows, and as which view. */
export type ItemView =
  | { no: number; view: 'item' | 'status' }
  | { no: number; view: 'ext'; ext: ExtensionView };

/** A card of an item, and where it is. */
export type ItemCopy = ItemView & { to: Target };

/** A `/计时` countdown card: drawn from the timer and the time the patch runs. */
export type TimerView = { view: 'timer'; timer: SpeechTimer };

/** What a card message shows and where, so that it can be drawn again as things are now. */
export type CardCopy = ItemCopy | (TimerView & { to: Target });

export type MessageOp =
  | { kind: 'patch'; messageId: string; copy: CardCopy }
  | { kind: 'urgent'; messageId: string; openIds: string[] };

/** A job on the outbound queue that acts on a sent message (`jobs/outbound.ts` passes it to the delivery). */
export interface MessageOpJob {
  tenant: string;
  /** Where the message is: the pacer counts the call against that chat or person. */
  to: Target;
  key: string;
  uuid: string;
  op: MessageOp;
}

export function isMessageOpJob(job: object): job is MessageOpJob {
  return 'op' in job;
}

/** The platform side: Lark's PATCH and urgent_app, or the playground's log. */
export interface MessageOps {
  patchCard(messageId: string, card: object): Promise<void>;
  makeUrgent(messageId: string, openIds: readonly string[]): Promise<{ invalid: string[] }>;
}

/**
 * Queues `op`. `key` names the logical change (e.g. the item revision it shows), so a retried
 * caller queues it once; BullMQ ids may not contain ':'.
 */
export async function enqueueMessageOp(
  outbound: Queue,
  job: Omit<MessageOpJob, 'uuid'>,
  delayMs = 0,
): Promise<void> {
  const uuid = messageUuid(job.key);
  await outbound.add(job.op.kind, { ...job, uuid } satisfies MessageOpJob, {
    jobId: `${job.op.kind}-${uuid}`,
    // A 加急 goes with the chases; a card redrawn after a press is what the presser waits for.
    priority: QUEUE_PRIORITY[job.op.kind === 'urgent' ? 'urgent' : 'reply'],
    ...(delayMs > 0 ? { delay: delayMs } : {}),
  });
}
