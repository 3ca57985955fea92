/**
 * The steps every command that changes an item shares: who is acting (admin or not), an
 * atomic read-transition-write with its audit entry, a clear answer when the item does not
 * exist or the transition refuses, and a new reminder plan when the plan version moved.
 */
import type { Item } from '../domain/item.ts';
import type { Actor, Transition } from '../domain/lifecycle.ts';
import { UserError } from '../errors.ts';
import type { BotDeps } from './deps.ts';
import type { CommandContext } from './router.ts';

export interface ItemChange {
  before: Item;
  after: Item;
  /** False when the transition left the item as it was (nothing written, nothing audited). */
  changed: boolean;
}

export async function actorOf(deps: BotDeps, ctx: CommandContext): Promise<Actor> {
  return { person: ctx.sender, isAdmin: await deps.roles.isAdmin(ctx.tenant, ctx.chatId, ctx.sender.openId) };
}

export function notFound(no: number): UserError {
  return new UserError(`没有找到 #${no}，请用 /列表 查看编号。`);
}

/**
 * Applies `transition` to item `no` of the sender's tenant, audited as `action` with `detail`,
 * then replans when the reminder plan changed. Refusals become `UserError`s with `usage`.
 */
export async function changeItem(
  deps: BotDeps,
  ctx: CommandContext,
  no: number,
  transition: (item: Item, actor: Actor, now: number) => Transition,
  audit: { action: string; detail?: string; usage?: string },
): Promise<ItemChange> {
  const actor = await actorOf(deps, ctx);
  const now = deps.clock.now();
  const result = await deps.items.update(
    ctx.tenant,
    no,
    (item) => {
      const t = transition(item, actor, now);
      if (!t.ok) throw new UserError(t.reason, audit.usage);
      return t.item;
    },
    { actor: ctx.sender.openId, action: audit.action, at: now, detail: audit.detail },
  );
  if (!result) throw notFound(no);
  const change = { ...result, changed: result.after !== result.before };
  if (change.changed && change.after.planVersion !== change.before.planVersion) {
    await replan(deps, change.after);
  }
  return change;
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
