/**
 * What follows a change to an item, after its author has been answered: the reminder plan is
 * redone when the plan version moved, every other card that shows the item is redrawn, and the
 * item's chat is told what others must act on or hear of (a request to decide, a decision).
 *
 * A chat command runs it right after its reply, in the inbound worker. A card press must be
 * answered within a second and Lark never retries it, so the press answers first and queues
 * the follow-up as a job of its own type on the `follow-ups` queue (`jobs/followUp.ts`), with
 * the queue's retries. Every step is idempotent: the scheduler replans from the item as it is
 * now, redraws are keyed by message and item revision, the message by a stable key.
 */
import type { Queue } from 'bullmq';
import type { ItemView } from '../delivery/messageOps.ts';
import { messageUuid, type OutgoingMessage, type Target } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';
import type { Applied } from './itemActions.ts';

export interface FollowUp {
  tenant: string;
  no: number;
  /** The plan version moved (deadline, owners or status): plan the reminders again. */
  replan: boolean;
  /** Redraw every remembered copy of the item's card… */
  refresh: boolean;
  /** …but this message, already answered with the new state. */
  except?: string;
  /** Posted in the item's chat, or `to`. `key` names it, so a retry posts it once. */
  announce?: { message: OutgoingMessage; showsItem?: ItemView; key: string; to?: Target };
}

/** The follow-up of an applied action. `announce`: post its message in the item's chat. */
export function followUpOf(
  result: Applied,
  options: { announce: boolean; key: string; except?: string },
): FollowUp {
  const { after, before, changed } = result;
  return {
    tenant: after.tenant,
    no: after.no,
    replan: changed && after.planVersion !== before.planVersion,
    refresh: changed,
    ...(options.except ? { except: options.except } : {}),
    ...(options.announce && result.tellsOthers
      ? {
          announce: {
            message: result.message,
            key: options.key,
            ...(result.showsItem ? { showsItem: result.showsItem } : {}),
          },
        }
      : {}),
  };
}

type Deps = Pick<BotDeps, 'items' | 'scheduler' | 'cards' | 'messenger'>;

/** Runs every step; throws when one fails (the job retries; a command logs it). */
export async function runFollowUp(deps: Deps, f: FollowUp): Promise<void> {
  const item = await deps.items.get(f.tenant, f.no);
  if (!item) return;
  if (f.replan) await deps.scheduler.replan(item);
  if (f.refresh) await deps.cards.refresh(item, f.except);
  if (f.announce) {
    const to = f.announce.to ?? { chatId: item.chatId };
    await deps.messenger.send({
      tenant: f.tenant,
      to,
      message: f.announce.message,
      key: f.announce.key,
      ...(f.announce.showsItem ? { showsItem: { ...f.announce.showsItem, to } } : {}),
    });
  }
}

/** Queues a follow-up (a card press's); the key makes a retried press queue it once. */
export async function queueFollowUp(queue: Queue, f: FollowUp, key: string): Promise<void> {
  await queue.add('item-follow-up', f, { jobId: `fu-${messageUuid(key)}` });
}
