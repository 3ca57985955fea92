/**
 * The one door into the bot for every transport (webhook, long connection, playground):
 * drop duplicates, then append the event to the durable inbound log — one Redis round trip
 * for every event accepted in the same turn of the event loop.
 *
 * Lark delivers at least once, even after a 200, and may re-send a message under a new event
 * id. So each event claims a "seen" key named after its message id (its event id for other
 * events), kept for longer than Lark's retry schedule (15 s, 5 min, 1 h, 6 h), and only a
 * first claim is appended. Claim and append run in one script: an event is either logged and
 * remembered, or neither — a failed append leaves nothing that would block the re-delivery.
 *
 * Why a Redis stream and not BullMQ here (issue 14): the 200 must wait until the event is
 * durable, and one `SET NX` plus one `XADD` cost Redis a fraction of BullMQ's add script, which
 * the webhook paid on every request. The log's mover (`inboundLogMover.ts`) turns entries into
 * inbound jobs in large batches, off the request path; the job id is still the event id, so a
 * batch moved twice (a mover killed between add and ack) is queued once.
 */
import { createHash } from 'node:crypto';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import type { LarkEnvelope } from './envelope.ts';

export const DEDUPE_TTL_MS = 12 * 3600 * 1000;

/**
 * KEYS[1] the log stream, KEYS[2..] one seen-key per event; ARGV[1] the dedupe TTL, ARGV[i]
 * (i ≥ 2) the event's JSON for KEYS[i]. Returns 1 per logged event, 0 per duplicate, in order
 * (a duplicate of an event earlier in the same batch is caught too: its key was just set).
 */
const APPEND = `
local out = {}
for i = 2, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
    out[i - 1] = 1
  else
    out[i - 1] = 0
  end
end
return out`;
const APPEND_SHA = createHash('sha1').update(APPEND).digest('hex');

interface Pending {
  key: string;
  json: string;
  done: (error?: unknown) => void;
}

export class InboundGate {
  private pending: Pending[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Logs the event unless it (or its message) was seen within the dedupe window; resolves once
   * Redis holds it, rejects when Redis cannot be reached (the webhook answers 503 then).
   * `json` is the envelope's JSON text when the caller already has it (the webhook's decrypted
   * body): serialising a message event again costs about as much as checking its signature.
   */
  accept(envelope: LarkEnvelope, json?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({
        key: this.keys.inboundSeen(dedupeId(envelope)),
        json: json ?? JSON.stringify(envelope),
        done: (e) => (e === undefined ? resolve() : reject(e)),
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const keys = [this.keys.inboundLog(), ...batch.map((p) => p.key)];
    const args = [String(DEDUPE_TTL_MS), ...batch.map((p) => p.json)];
    try {
      await this.run(keys, args);
      for (const p of batch) p.done();
    } catch (e) {
      for (const p of batch) p.done(e ?? new Error('append failed'));
    }
  }

  /**
   * EVALSHA, falling back to EVAL when the node does not know the script yet (a restarted
   * Redis, or another primary after a cluster failover); EVAL caches it for the next batch.
   */
  private async run(keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(APPEND_SHA, keys.length, ...keys, ...args);
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith('NOSCRIPT'))) throw e;
      return await this.redis.eval(APPEND, keys.length, ...keys, ...args);
    }
  }
}

/** The message id for message events (Lark re-sends those under new event ids), else the event id. */
function dedupeId(envelope: LarkEnvelope): string {
  const messageId = envelope.event?.message?.message_id;
  return typeof messageId === 'string' ? `msg-${messageId}` : `ev-${envelope.header.event_id}`;
}

/** BullMQ job ids may not contain ':' and may not be integers. */
export function inboundJobId(eventId: string): string {
  return `ev-${eventId.replace(/:/g, '_')}`;
}
