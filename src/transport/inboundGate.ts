/**
 * The one door into the bot for every transport (webhook, long connection, playground):
 * drop duplicates, then put the event on the inbound queue. Lark delivers at least once —
 * even after a 200 — so we remember each event id and each message id for longer than Lark's
 * retry schedule (15 s, 5 min, 1 h, 6 h).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../storage/keys.ts';
import type { LarkEnvelope } from './envelope.ts';

export const DEDUPE_TTL_SECONDS = 12 * 3600;

/** Sets each given key with NX; returns how many were new. All-or-nothing is not needed: a
 * duplicate on either key makes the event a duplicate, and keys set for it expire. */
const MARK_SEEN = `
local fresh = 0
for i = 1, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then fresh = fresh + 1 end
end
return fresh
`;

export type AcceptResult = 'queued' | 'duplicate';

export class InboundGate {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly queue: Queue,
  ) {}

  async accept(envelope: LarkEnvelope): Promise<AcceptResult> {
    const eventId = envelope.header.event_id;
    const messageId = envelope.event?.message?.message_id;
    const dedupeKeys = [this.keys.dedupeEvent(eventId)];
    if (typeof messageId === 'string') dedupeKeys.push(this.keys.dedupeMessage(messageId));
    const fresh = (await this.redis.eval(
      MARK_SEEN,
      dedupeKeys.length,
      ...dedupeKeys,
      DEDUPE_TTL_SECONDS,
    )) as number;
    if (fresh < dedupeKeys.length) {
      // Any key this call did set names the same event or message; letting it expire is harmless.
      return 'duplicate';
    }
    try {
      await this.queue.add(envelope.header.event_type, envelope, { jobId: inboundJobId(eventId) });
    } catch (e) {
      // Not queued: forget we saw it, so Lark's re-delivery is accepted.
      await this.redis.del(...dedupeKeys).catch(() => {});
      throw e;
    }
    return 'queued';
  }
}

/** BullMQ job ids may not contain ':' and may not be integers. */
export function inboundJobId(eventId: string): string {
  return `ev-${eventId.replace(/:/g, '_')}`;
}
