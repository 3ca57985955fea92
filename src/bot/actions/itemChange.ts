/**
 * The steps every change to an item shares, whether it comes from a chat command or a card
 * button: who is acting (admin or not), an atomic read-transition-write with its audit entry,
 * a clear answer when the item does not exist or the transition refuses, and then the
 * follow-up — a new reminder plan when the plan version moved, and every card copy of the item
 * updated. A card callback answers inline and defers the follow-up to the inbound queue.
 */
import type { Item, Person } from '../../domain/item.ts';
import type { Actor, Transition } from '../../domain/lifecycle.ts';
import { UserError } from '../../errors.ts';
import type { BotDeps } from '../deps.ts';

export interface ItemChange {
  before: Item;
  after: Item;
  /** False when the transition left the item as it was (nothing written, nothing audited). */
  changed: boolean;
}

/** Who changes an item, and in which group their admin rights count. A `CommandContext` is one. */
export interface Changer {
  tenant: string;
  chatId: string;
  sender: Person;
}

export async function actorOf(deps: BotDeps, who: Changer): Promise<Actor> {
  return { person: who.sender, isAdmin: await deps.roles.isAdmin(who.tenant, who.chatId, who.sender.openId) };
}

export function notFound(no: number): UserError {
  return new UserError(`没有找到 #${no}，请用 /列表 查看编号。`);
}

export interface ChangeOptions {
  /**
   * Leave the follow-up (replan, card copies) to the caller: a card callback must answer
   * within a second and runs it from the inbound queue instead (`afterItemChange`).
   */
  deferFollowUp?: boolean;
}

/**
 * Applies `transition` to item `no` of the changer's tenant, audited as `action` with `detail`,
 * then runs the follow-up. Refusals become `UserError`s with `usage`.
 */
export async function changeItem(
  deps: BotDeps,
  who: Changer,
  no: number,
  transition: (item: Item, actor: Actor, now: number) => Transition,
  audit: { action: string; detail?: string; usage?: string },
  options: ChangeOptions = {},
): Promise<ItemChange> {
  const actor = await actorOf(deps, who);
  const now = deps.clock.now();
  const result = await deps.items.update(
    who.tenant,
    no,
    (item) => {
      const t = transition(item, actor, now);
      if (!t.ok) throw new UserError(t.reason, audit.usage);
      return t.item;
    },
    { actor: who.sender.openId, action: audit.action, at: now, detail: audit.detail },
  );
  if (!result) throw notFound(no);
  const change = { ...result, changed: result.after !== result.before };
  if (change.changed && !options.deferFollowUp) await afterItemChange(deps, change);
  return change;
}

/**
 * What follows a change: a new reminder plan when the plan version moved, and a PATCH of every
 * card that shows the item (except `except`, a card already answered with the new state).
 */
export async function afterItemChange(deps: BotDeps, change: ItemChange, except?: string): Promise<void> {
  if (change.after.planVersion !== change.before.planVersion) await replan(deps, change.after);
  try {
    await deps.cards.refresh(change.after, except);
  } catch (err) {
    // Older copies keep their old state until the next change; the change itself stands.
    deps.logger.error('card copies not updated after an item change', {
      tenant: change.after.tenant,
      no: change.after.no,
      err,
    });
  }
}

/**
 * The one call site that asks the reminder scheduler for a new plan after a lifecycle change
 * (deadline, owners or status moved, so `planVersion` did too).
 */
export async function replan(deps: BotDeps, item: Item): Promise<void> {
  try {
    await deps.scheduler.replan(item);
  } catch (err) {
    // The change is written and must be answered; retrying the command would refuse it as
    // already done. The scheduler's start-up reconciliation repairs a plan left behind.
    deps.logger.error('replan failed after an item change', { tenant: item.tenant, no: item.no, err });
  }
}
