/**
 * The delivery the outbound worker uses, around the platform's own (Lark or the playground):
 * - sends go through unchanged; a send that shows an item's card is remembered as a copy of
 *   it (the message id is only known now), so is one sent under a name (`rememberAs`), and a
 *   send marked urgent gets a follow-up `urgent` job with that id;
 * - `patch` jobs draw the card as it is now (an item's, a timer's) and replace the copy's content;
 * - `urgent` jobs make the message urgent for the people named.
 * Failures surface as the inner delivery's do (`LarkApiError`), so `jobs/outbound.ts` retries,
 * waits or gives up the same way for all three.
 */
import type { Queue } from 'bullmq';
import type { Logger } from '../../logger.ts';
import type { CardCopies } from '../../storage/cardCopies.ts';
import type { Delivery, DeliveryResult } from './delivery.ts';
import {
  type CardCopy,
  enqueueMessageOp,
  isMessageOpJob,
  type MessageOpJob,
  type MessageOps,
} from './messageOps.ts';
import type { OutboundJob } from './messenger.ts';

export interface CardDeliveryDeps {
  ops: MessageOps;
  copies: CardCopies;
  outbound: Queue;
  /** Draws the current card of a copy; undefined when the item is gone. */
  render(tenant: string, copy: CardCopy): Promise<object | undefined>;
  logger: Logger;
}

export class CardDelivery implements Delivery {
  constructor(
    private readonly inner: Delivery,
    private readonly deps: CardDeliveryDeps,
  ) {}

  async deliver(job: OutboundJob | MessageOpJob): Promise<DeliveryResult> {
    if (isMessageOpJob(job)) return this.act(job);
    const result = await this.inner.deliver(job);
    if (job.showsItem) await this.deps.copies.remember(job.tenant, result.messageId, job.showsItem);
    if (job.rememberAs) await this.deps.copies.rememberSent(job.tenant, job.rememberAs, result.messageId);
    if (job.urgentFor && job.urgentFor.length > 0) {
      await enqueueMessageOp(this.deps.outbound, {
        tenant: job.tenant,
        to: job.to ?? job.showsItem?.to ?? { chatId: 'unknown' },
        key: `urgent:${job.uuid}`,
        op: { kind: 'urgent', messageId: result.messageId, openIds: job.urgentFor },
      });
    }
    return result;
  }

  private async act(job: MessageOpJob): Promise<DeliveryResult> {
    const { op } = job;
    if (op.kind === 'urgent') {
      const { invalid } = await this.deps.ops.makeUrgent(op.messageId, op.openIds);
      if (invalid.length > 0)
        this.deps.logger.warn('urgent not delivered to some people', { messageId: op.messageId, invalid });
      return { messageId: op.messageId };
    }
    const card = await this.deps.render(job.tenant, op.copy);
    if (card) await this.deps.ops.patchCard(op.messageId, card);
    return { messageId: op.messageId };
  }
}
