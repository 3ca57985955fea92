/**
 * Recording an item (`recordItem`, the one place every path records one), and a /任务 item
 * (`recordTask`), for the command and for its confirmation after a duplicate warning: also the
 * mark that lets the same /任务 within a minute be recognised.
 */
import type { Item, NewItem } from '../../domain/item.ts';
import { taskFingerprint } from '../../storage/recentTasks.ts';
import type { BotDeps } from '../deps.ts';
import { tellOwnersOfPrivateItem, withOwnersToldAt } from '../views/privateAssignment.ts';

export function fingerprintOf(item: Pick<NewItem, 'chatId' | 'title' | 'owners'>): string {
  return taskFingerprint(
    item.chatId,
    item.title,
    item.owners.map((o) => o.openId),
  );
}

type RecordDeps = Pick<
  BotDeps,
  'items' | 'scheduler' | 'clock' | 'calendars' | 'time' | 'messenger' | 'settings' | 'timers'
>;

/**
 * Every item is recorded here, whatever asked for it (/任务, a template's milestones, a /周期
 * occurrence, /计划 导入, the plan review, a meeting's 议定): the atomic create (idempotent by
 * `idempotencyKey`), its reminder plan, and — recorded in a private chat — its owners told
 * directly, now or at the next office start (`privateAssignment.ts`). One place, so no path can
 * leave an owner with reminders about work they were never sent.
 */
export async function recordItem(
  deps: RecordDeps,
  input: NewItem,
  audit: { detail: string; idempotencyKey: string },
): Promise<{ item: Item; created: boolean }> {
  const { item, created } = await deps.items.create(await withOwnersToldAt(deps, input), {
    actor: input.creator.openId,
    action: 'create',
    at: deps.clock.now(),
    ...audit,
  });
  // On every attempt, not only the first: a retried command completes a plan a crash interrupted.
  await deps.scheduler.replan(item);
  await tellOwnersOfPrivateItem(deps, item, item.creator);
  return { item, created };
}

export async function recordTask(
  deps: RecordDeps & Pick<BotDeps, 'recentTasks' | 'logger'>,
  input: NewItem,
  explanation: string,
  /** The message that asked for it: a retry returns the same item. */
  messageId: string,
): Promise<Item> {
  const { item, created } = await recordItem(deps, input, { detail: explanation, idempotencyKey: messageId });
  if (!created) deps.logger.info('command retried; item already recorded', { messageId, no: item.no });
  await deps.recentTasks.remember(item.tenant, fingerprintOf(item), item.no, messageId);
  return item;
}
