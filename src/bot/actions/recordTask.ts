/**
 * Recording a /任务 item, for the command and for its confirmation after a duplicate warning:
 * the atomic create (idempotent by the message that asked for it), its reminder plan, and the
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

export async function recordTask(
  deps: Pick<
    BotDeps,
    | 'items'
    | 'scheduler'
    | 'recentTasks'
    | 'clock'
    | 'logger'
    | 'calendars'
    | 'time'
    | 'messenger'
    | 'settings'
    | 'timers'
  >,
  input: NewItem,
  explanation: string,
  /** The message that asked for it: a retry returns the same item. */
  messageId: string,
): Promise<Item> {
  const { item, created } = await deps.items.create(await withOwnersToldAt(deps, input), {
    actor: input.creator.openId,
    action: 'create',
    at: deps.clock.now(),
    detail: explanation,
    idempotencyKey: messageId,
  });
  if (!created) deps.logger.info('command retried; item already recorded', { messageId, no: item.no });
  // On every attempt, not only the first: a retried command completes a plan a crash interrupted.
  await deps.scheduler.replan(item);
  await deps.recentTasks.remember(item.tenant, fingerprintOf(item), item.no, messageId);
  // Recorded in a private chat: the owners are not there, so they are told directly.
  await tellOwnersOfPrivateItem(deps, item, item.creator);
  return item;
}
