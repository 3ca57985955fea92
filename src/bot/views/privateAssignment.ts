/**
 * An item recorded in someone's private chat with the bot (`chat_type` p2p) is seen by nobody
 * else there, so its owners are told by direct message: each owner but the one who recorded it
 * gets the item's card in their own chat with the bot, with its buttons, remembered as a copy
 * so later changes redraw it. Its reminders follow the same way (`reminderCards.ts`). A retried
 * command sends each owner's card once (its key names the item and the owner).
 *
 * The card is a push like any reminder, so office hours hold for it (DESIGN §6): work assigned
 * at 22:00 on a Friday reaches its owners at Monday's office start, through a delayed job on the
 * `reminders` queue (`jobs/privateAssignment.ts`) that reads the item again and sends nothing
 * once it is closed. The one who assigned it is answered at once: that is a reply, not a push.
 *
 * Until that office start its owners have not heard of the item, so they hear nothing about it
 * either: a change made meanwhile (cancelled at night) is not told to them (`hasHeardOf`, applied
 * where an action's notices are addressed, `actions/followUp.ts`); the card they get at office
 * start shows the item as it is then. The moment is recorded on the item (`ownersToldAt`) when
 * it is created, so the job and that rule read the same instant whatever the office hours or
 * the calendar become later.
 *
 * A reminder is the one notice that can come sooner: one planned for that same office start, or
 * for an earlier one after the calendar or the office hours changed (a Sunday made a working
 * day). An owner is never reminded of work they were never given: a reminder to one who has
 * not heard of the item brings its card first (`cardsBeforeReminder`, called by the reminder
 * collector) — under the key the job uses, so each owner gets one card whoever sends it first —
 * and the reminder follows that card into their chat (`SendRequest.after`). The item then
 * records that its owners were told at that moment, so the job at office start sends nothing
 * more and from then on they hear of every change.
 */
import type { Job } from 'bullmq';
import { type Item, isClosed, isPrivateChatItem, type NewItem, type Person } from '../../domain/item.ts';
import { BOT_ACTOR } from '../../storage/audit.ts';
import { officeHoursIn } from '../args/deadlineOptions.ts';
import type { BotDeps } from '../deps.ts';
import { privateAssignmentBanner } from '../texts/privateAssignmentTexts.ts';
import { currentItemCard } from './itemCards.ts';

/** The delayed job that tells the owners at office start (`fireAt`, as playground time travel reads it). */
export const PRIVATE_ASSIGNMENT_JOB = 'private-assignment';

export interface PrivateAssignmentJob {
  tenant: string;
  no: number;
  /** The open_id of whoever recorded it: they are not told of their own item. */
  recordedBy: string;
  fireAt: number;
}

type Deps = Pick<BotDeps, 'items' | 'calendars' | 'clock' | 'time' | 'messenger' | 'settings' | 'timers'>;

/** The audited action of owners told before the office start they were to be told at. */
const TOLD_BEFORE_REMINDER = 'tell-owners';

/**
 * The new item as it is to be recorded: one of a private chat, recorded outside office hours,
 * names the office start at which its owners will be told (`ownersToldAt`). Call it before
 * creating the item; `tellOwnersOfPrivateItem` then keeps that moment.
 */
export async function withOwnersToldAt(
  deps: Pick<BotDeps, 'calendars' | 'settings' | 'clock'>,
  input: NewItem,
): Promise<NewItem> {
  if (!isPrivateChatItem(input)) return input;
  const { office } = await officeHoursIn(deps, input.tenant, input.chatId);
  const now = deps.clock.now();
  const at = office.pushAt(now);
  return at > now ? { ...input, ownersToldAt: at } : input;
}

/** Tells the owners now, or queues it for the moment recorded on the item; returns how many owners. */
export async function tellOwnersOfPrivateItem(deps: Deps, item: Item, recordedBy: Person): Promise<number> {
  if (!isPrivateChatItem(item)) return 0;
  const owners = ownersToldOf(item, recordedBy.openId);
  if (owners.length === 0) return 0;
  const now = deps.clock.now();
  const at = item.ownersToldAt;
  if (at !== undefined && at > now) {
    const job: PrivateAssignmentJob = {
      tenant: item.tenant,
      no: item.no,
      recordedBy: recordedBy.openId,
      fireAt: at,
    };
    await deps.timers.add(PRIVATE_ASSIGNMENT_JOB, job, {
      jobId: assignmentJobId(item),
      delay: at - now,
    });
    return owners.length;
  }
  await sendAssignmentCards(deps, item, owners);
  return owners.length;
}

/**
 * Whether this person has heard of the item at `at`, so a notice about it may be sent to them.
 * Only an owner of a private-chat item can have not: before `ownersToldAt` — unless they
 * recorded it, or acted on it themselves (they found it in /我的 and signed for it, reported,
 * asked for more time): someone who acted is answered as anyone.
 */
export function hasHeardOf(item: Item, openId: string, at: number): boolean {
  if (!isPrivateChatItem(item) || item.ownersToldAt === undefined || at >= item.ownersToldAt) return true;
  if (!item.owners.some((o) => o.openId === openId) || item.creator.openId === openId) return true;
  const acted = [item.acknowledgedBy, item.progress?.by, item.extension?.by.openId, item.reviewRequestedBy];
  return acted.includes(openId);
}

/** The delayed job's work: the item as it is now, unless it was closed, or told, meanwhile. */
export async function tellOwnersLater(deps: Deps, job: PrivateAssignmentJob): Promise<string> {
  const item = await deps.items.get(job.tenant, job.no);
  if (!item || isClosed(item)) return 'closed meanwhile';
  // A reminder came first and brought the card (`cardsBeforeReminder`).
  if (item.ownersToldAt !== undefined && item.ownersToldAt < job.fireAt) return 'told before a reminder';
  await sendAssignmentCards(deps, item, ownersToldOf(item, job.recordedBy));
  return 'told';
}

/**
 * Before a reminder of these items goes to `openId`: the keys of the cards it must follow into
 * their chat. Of a private-chat item they own whose cards are still held (`cardsHeld`), the card
 * is sent now to every owner it is held for, and the item records that they have been told. The
 * key of an owner's card is returned whenever there is one — sent a moment ago by another
 * owner's reminder or by the job, it may still be on its way; one delivered holds nothing up.
 */
export async function cardsBeforeReminder(
  deps: Deps,
  items: readonly Item[],
  openId: string,
): Promise<string[]> {
  const keys: string[] = [];
  for (const item of items) {
    if (!isPrivateChatItem(item)) continue;
    const owners = ownersToldOf(item, item.creator.openId);
    if (!owners.some((o) => o.openId === openId)) continue;
    const now = deps.clock.now();
    if (await cardsHeld(deps, item, openId, now)) {
      // Sent before it is recorded: a retry after a crash in between sends under the same keys.
      await sendAssignmentCards(deps, item, owners);
      await deps.items.update(
        item.tenant,
        item.no,
        (current) =>
          current.ownersToldAt !== undefined && current.ownersToldAt > now
            ? { ...current, ownersToldAt: now }
            : current,
        { actor: BOT_ACTOR, action: TOLD_BEFORE_REMINDER, at: now, detail: '早于原定时间，随提醒一并发出' },
      );
    }
    keys.push(assignedKey(item, openId));
  }
  return keys;
}

/**
 * Whether this owner's card is still to be sent: they have not heard of the item yet, or its
 * moment has come and its job has not run yet (a reminder of that same minute got there first).
 * A job whose moment is no longer the item's found the owners told before a reminder.
 */
async function cardsHeld(deps: Deps, item: Item, openId: string, now: number): Promise<boolean> {
  const at = item.ownersToldAt;
  if (at === undefined) return false;
  if (now < at) return !hasHeardOf(item, openId, now);
  const job = (await deps.timers.getJob(assignmentJobId(item))) as Job<PrivateAssignmentJob> | undefined;
  if (job?.data.fireAt !== at) return false;
  const state = await job.getState();
  return state !== 'completed' && state !== 'failed' && state !== 'unknown';
}

/** One job per item: a retried command finds it and adds nothing. */
function assignmentJobId(item: Item): string {
  return `private-assignment.${item.tenant}.${item.no}`;
}

/** The owners sent the card: not whoever recorded it, who knows. */
function ownersToldOf(item: Item, recordedBy: string): Person[] {
  return item.owners.filter((o) => o.openId !== recordedBy);
}

/** One card per item and owner, whoever sends it (the job at office start, or a reminder). */
function assignedKey(item: Item, openId: string): string {
  return `assigned:${item.tenant}:${item.no}:${openId}`;
}

async function sendAssignmentCards(deps: Deps, item: Item, owners: readonly Person[]): Promise<void> {
  for (const owner of owners) {
    const to = { openId: owner.openId };
    // On top, for an owner who was not in the chat it was recorded in: who assigned it, and when.
    const banner = privateAssignmentBanner(item, deps.time.timezone, deps.clock.now());
    const card = await currentItemCard(deps, item, { banner });
    await deps.messenger.send({
      tenant: item.tenant,
      to,
      message: { type: 'card', card: { ...card } },
      key: assignedKey(item, owner.openId),
      showsItem: { no: item.no, view: 'item', to },
    });
  }
}
