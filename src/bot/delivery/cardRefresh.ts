/**
 * After an item changed, every card that shows it is redrawn: one `patch` job per remembered
 * copy on the outbound queue, named after the message and the item's revision, so a retried
 * follow-up queues nothing twice and each revision is drawn at most once per message.
 */
import type { Queue } from 'bullmq';
import type { Item } from '../../domain/item.ts';
import type { SpeechTimer } from '../../domain/speechTimer.ts';
import type { CardCopies } from '../../storage/cardCopies.ts';
import { enqueueMessageOp } from './messageOps.ts';
import type { Target } from './messenger.ts';

export interface CardRefresher {
  /** Queues a redraw of every copy of `item`'s card but `except` (already showing the new state). */
  refresh(item: Item, except?: string): Promise<void>;
  /**
   * Queues a redraw of a speech timer's card, once per `moment`; false when the card's send has
   * not been answered (no message id to patch).
   */
  redrawTimer(tenant: string, timer: SpeechTimer, to: Target, moment: string): Promise<boolean>;
}

/** The name a timer's card is sent as (`SendRequest.rememberAs`). */
export const timerCardName = (timerId: string) => `timer:${timerId}`;

export function createCardRefresher(copies: CardCopies, outbound: Queue): CardRefresher {
  return {
    async refresh(item, except) {
      const found = await copies.of(item.tenant, item.no);
      await Promise.all(
        found
          .filter((c) => c.messageId !== except)
          .map(({ messageId, copy }) =>
            enqueueMessageOp(outbound, {
              tenant: item.tenant,
              to: copy.to,
              key: `patch:${messageId}:${item.rev}`,
              op: { kind: 'patch', messageId, copy },
            }),
          ),
      );
    },
    async redrawTimer(tenant, timer, to, moment) {
      const messageId = await copies.sentId(tenant, timerCardName(timer.id));
      if (!messageId) return false;
      await enqueueMessageOp(outbound, {
        tenant,
        to,
        key: `patch:${messageId}:${moment}`,
        op: { kind: 'patch', messageId, copy: { view: 'timer', timer, to } },
      });
      return true;
    },
  };
}
