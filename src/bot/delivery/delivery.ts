/**
 * The far end of the outbound queue: something that actually shows a message to people.
 * `LarkDelivery` calls the Open Platform; the playground stores messages for its page.
 */
import type { OutboundJob } from './messenger.ts';

export interface DeliveryResult {
  messageId: string;
}

export interface Delivery {
  deliver(job: OutboundJob): Promise<DeliveryResult>;
}
