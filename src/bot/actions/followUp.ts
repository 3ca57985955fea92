/**
 * What follows a change to an item, after its author has been answered: the reminder plan is
 * redone when the plan version moved, every other card that shows the item is redrawn, and the
 * item's chat is told what others must act on or hear of (a request to decide, a decision).
 * Who is told is settled here, for every action: a private-chat item's people directly — never
 * an owner who has not yet heard of the item (work assigned at night, cancelled before the office
 * start at which they would have been sent it: `hasHeardOf`); a group item finished from a
 * private chat, its group in one line (`Words.elsewhere`). When they are told is settled here
 * too: the chat acted from at once, every other chat or person within its office hours — held
 * to their next office start outside them (`heldNotice.ts`, DESIGN §6).
 *
 * A chat command runs it right after its reply, in the inbound worker. A card press must be
 * answered within a second and Lark never retries it, so the press answers first and queues
 * the follow-up as a job of its own type on the `follow-ups` queue (`jobs/followUp.ts`), with
 * the queue's retries. Every step is idempotent: the scheduler replans from the item as it is
 * now, redraws are keyed by message and item revision, the message by a stable key.
 */
import type { Queue } from 'bullmq';
import { isPrivateChatItem } from '../../domain/item.ts';
import type { ItemView } from '../delivery/messageOps.ts';
import { messageUuid, type OutgoingMessage, type Target } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';
import { hasHeardOf } from '../views/privateAssignment.ts';
import { type Asking, tellOrHold } from './heldNotice.ts';
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
  /** The chat acted from: a notice to it is an answer, sent at once; to any other, a push. */
  from?: string;
  /**
   * Told to others: posted in `to`, or in the item's chat — or, for an item of a private chat,
   * sent to each of `recipients` directly. `key` names it, so a retry sends it once.
   */
  announce?: {
    message: OutgoingMessage;
    showsItem?: ItemView;
    key: string;
    to?: Target;
    recipients?: string[];
    /** A request to decide: held to office hours, it is sent only while the item still asks it. */
    asking?: Asking;
  };
}

/**
 * The follow-up of an applied action. `announce`: tell others in the item's chat (a press, or a
 * command from another chat). A private-chat item's people are always told, directly — those
 * who have heard of it. A group item changed from outside its group is told there what
 * `elsewhere` says, when the action has such a line.
 */
export function followUpOf(
  result: Applied,
  options: { announce: boolean; key: string; except?: string },
): FollowUp {
  const { after, before, changed } = result;
  // `before`: an extension's requester is on the item until it is decided.
  const recipients = [...new Set(result.tells.map((p) => p.openId))].filter(
    (id) => id !== result.actor.person.openId && hasHeardOf(before, id, result.at),
  );
  const message = isPrivateChatItem(after)
    ? recipients.length > 0 && result.message
    : result.from !== after.chatId && result.elsewhere
      ? result.elsewhere
      : options.announce && result.tells.length > 0 && result.message;
  return {
    tenant: after.tenant,
    no: after.no,
    replan: changed && after.planVersion !== before.planVersion,
    refresh: changed,
    ...(options.except ? { except: options.except } : {}),
    from: result.from,
    ...(message
      ? {
          announce: {
            message,
            key: options.key,
            recipients,
            ...(result.showsItem && message === result.message ? { showsItem: result.showsItem } : {}),
            ...(asksToDecide(result)
              ? {
                  asking: {
                    planVersion: after.planVersion,
                    ...(after.extension ? { extensionAt: after.extension.at } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

/**
 * Whether what others are told asks them to decide: a new extension request, or a 销号 asked
 * for. Held to their office hours, such a notice goes only while the item still asks it.
 */
function asksToDecide({ before, after }: Applied): boolean {
  const requested = after.extension !== undefined && after.extension.at !== before.extension?.at;
  return requested || (after.status === 'review' && before.status !== 'review');
}

type Deps = Pick<
  BotDeps,
  | 'items'
  | 'scheduler'
  | 'cards'
  | 'messenger'
  | 'calendars'
  | 'settings'
  | 'time'
  | 'clock'
  | 'timers'
  | 'people'
>;

/** Runs every step; throws when one fails (the job retries; a command logs it). */
export async function runFollowUp(deps: Deps, f: FollowUp): Promise<void> {
  const item = await deps.items.get(f.tenant, f.no);
  if (!item) return;
  if (f.replan) await deps.scheduler.replan(item);
  if (f.refresh) await deps.cards.refresh(item, f.except);
  if (f.announce) {
    const { announce } = f;
    const targets: Target[] = announce.to
      ? [announce.to]
      : isPrivateChatItem(item)
        ? (announce.recipients ?? []).map((openId) => ({ openId }))
        : [{ chatId: item.chatId }];
    for (const [i, to] of targets.entries()) {
      const notice = {
        tenant: f.tenant,
        no: f.no,
        to,
        message: announce.message,
        key: i === 0 ? announce.key : `${announce.key}:${i}`,
        ...(announce.showsItem ? { showsItem: { ...announce.showsItem, to } } : {}),
        ...(announce.asking ? { asking: announce.asking } : {}),
      };
      await tellOrHold(deps, notice, f.from);
    }
  }
}

/** Queues a follow-up (a card press's); the key makes a retried press queue it once. */
export async function queueFollowUp(queue: Queue, f: FollowUp, key: string): Promise<void> {
  await queue.add('item-follow-up', f, { jobId: `fu-${messageUuid(key)}` });
}
