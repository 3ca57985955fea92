/**
 * The one door into the bot for every transport (webhook, long connection, playground):
 * drop duplicates, then put the event on the inbound queue — in one Redis round trip.
 *
 * Lark delivers at least once, even after a 200, and may re-send a message under a new event
 * id. So the job id comes from the event id, and BullMQ's deduplication key from the message
 * id (the event id for other events), kept for longer than Lark's retry schedule (15 s, 5 min,
 * 1 h, 6 h). Both checks run inside BullMQ's own add script: an event is either queued and
 * remembered, or neither — a failed enqueue leaves nothing that would block the re-delivery.
 */
import type { Queue } from 'bullmq';
import type { LarkEnvelope } from './envelope.ts';

export const DEDUPE_TTL_MS = 12 * 3600 * 1000;

interface Pending {
  envelope: LarkEnvelope;
  done: (error?: unknown) => void;
}

export class InboundGate {
  private pending: Pending[] = [];

  constructor(private readonly queue: Queue) {}

  /**
   * Queues the event unless it (or its message) was seen within the dedupe window. Events
   * accepted in the same turn of the event loop go to Redis together (one MULTI), which halves
   * the webhook's cost under load and adds no waiting when it is idle.
   */
  accept(envelope: LarkEnvelope): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ envelope, done: (e) => (e === undefined ? resolve() : reject(e)) });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.queue.addBulk(batch.map(({ envelope }) => toJob(envelope)));
      for (const p of batch) p.done();
    } catch (e) {
      for (const p of batch) p.done(e ?? new Error('enqueue failed'));
    }
  }
}

function toJob(envelope: LarkEnvelope) {
  const eventId = envelope.header.event_id;
  const messageId = envelope.event?.message?.message_id;
  const dedupeId = typeof messageId === 'string' ? `msg-${messageId}` : `ev-${eventId}`;
  return {
    name: envelope.header.event_type,
    data: envelope,
    opts: { jobId: inboundJobId(eventId), deduplication: { id: dedupeId, ttl: DEDUPE_TTL_MS } },
  };
}

/** BullMQ job ids may not contain ':' and may not be integers. */
export function inboundJobId(eventId: string): string {
  return `ev-${eventId.replace(/:/g, '_')}`;
}
