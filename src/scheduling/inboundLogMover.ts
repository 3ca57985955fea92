/**
 * Moves accepted events from the durable inbound log (a Redis stream, written by
 * `InboundGate`) into the inbound BullMQ queue, where the workers handle them with retries.
 *
 * Every worker process runs one mover; they share the stream through a consumer group, so each
 * entry goes to one of them. An entry is acknowledged and deleted only after its job was added,
 * and the job id is the event id: a mover killed between the two leaves the entry pending, another
 * mover claims it after `claimIdleMs`, and BullMQ ignores the second add of the same job id. The
 * log therefore holds only what has not been moved yet (its length is the backlog the metrics show).
 * A record that cannot be read is acknowledged and reported, never retried forever.
 */
import { hostname } from 'node:os';
import type { Queue } from 'bullmq';
import type { Logger } from '../logger.ts';
import type { Keys } from '../storage/keys.ts';
import { duplicateRedis, type RedisClient } from '../storage/redis.ts';
import type { LarkEnvelope } from '../transport/envelope.ts';
import { inboundJobId } from '../transport/inboundGate.ts';

export const MOVER_GROUP = 'movers';

export interface InboundLogMoverOptions {
  redis: RedisClient;
  keys: Keys;
  queue: Queue;
  logger: Logger;
  /** Entries per read; the gate appends at most one turn's worth per script call. */
  batch?: number;
  /** How long one blocking read waits for new entries before looking again. */
  blockMs?: number;
  /** Entries another mover read but did not acknowledge for this long are taken over. */
  claimIdleMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

export class InboundLogMover {
  private readonly batch: number;
  private readonly blockMs: number;
  private readonly claimIdleMs: number;
  private readonly consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private blocking: RedisClient | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Set while a blocking read is in flight: `stop()` lets go of it instead of awaiting it. */
  private letGoOfRead: (() => void) | undefined;

  constructor(private readonly o: InboundLogMoverOptions) {
    this.batch = o.batch ?? 500;
    this.blockMs = o.blockMs ?? 2000;
    this.claimIdleMs = o.claimIdleMs ?? 30_000;
  }

  start(): void {
    if (this.running) return;
    // Blocking reads get their own connection: the shared one fails fast and must never wait.
    this.blocking = duplicateRedis(this.o.redis, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    this.blocking.on('error', () => {});
    this.running = this.loop();
  }

  /** Finishes the batch in hand, then stops; what is left stays in the log for the next mover. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.letGoOfRead?.();
    this.blocking?.disconnect();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let lastClaim = 0;
    let failing = false;
    while (!this.stopping) {
      try {
        await this.ensureGroup();
        if (Date.now() - lastClaim >= this.claimIdleMs / 2) {
          lastClaim = Date.now();
          await this.claimAbandoned();
        }
        const entries = await this.readNew();
        if (entries.length > 0) await this.move(entries);
        if (failing) this.o.logger.info('inbound log reachable again');
        failing = false;
      } catch (err) {
        if (this.stopping) break;
        // The stream and its group are gone (Redis restarted empty, or the key was deleted):
        // make the group again, or every read from now on fails the same way.
        if (err instanceof Error && err.message.includes('NOGROUP')) this.groupReady = false;
        if (!failing) this.o.logger.warn('inbound log cannot be read; retrying', { err });
        failing = true;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private groupReady = false;

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      // From the start of the log: entries appended before any mover existed are moved too.
      await this.o.redis.xgroup('CREATE', this.o.keys.inboundLog(), MOVER_GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!(e instanceof Error && e.message.includes('BUSYGROUP'))) throw e;
    }
    this.groupReady = true;
  }

  private async readNew(): Promise<StreamEntry[]> {
    const blocking = this.blocking;
    if (!blocking || this.stopping) return [];
    const read = blocking.xreadgroup(
      'GROUP',
      MOVER_GROUP,
      this.consumer,
      'COUNT',
      this.batch,
      'BLOCK',
      this.blockMs,
      'STREAMS',
      this.o.keys.inboundLog(),
      '>',
    );
    // A blocked read is not always ended by disconnect(): a cluster client that was closed
    // before its first connection leaves the command unanswered for good, and stop() would
    // wait on it. Nothing is lost by letting it go: what it would have read stays pending
    // in the group, and the next mover claims it.
    // The promise raced against is made per read and dropped after it: racing every read
    // against one long-lived promise leaves a reaction on it per read, each holding that
    // read's reply, so every event moved stayed in memory (nodejs/node#17469).
    read.catch(() => {});
    const letGo = new Promise<null>((resolve) => {
      this.letGoOfRead = () => resolve(null);
    });
    try {
      return streamEntries(await Promise.race([read, letGo]));
    } finally {
      this.letGoOfRead = undefined;
    }
  }

  /** Entries a dead mover read and never acknowledged (XAUTOCLAIM hands them to this one). */
  private async claimAbandoned(): Promise<void> {
    let cursor = '0-0';
    do {
      const reply = (await this.o.redis.xautoclaim(
        this.o.keys.inboundLog(),
        MOVER_GROUP,
        this.consumer,
        this.claimIdleMs,
        cursor,
        'COUNT',
        this.batch,
      )) as [string, StreamEntry[], ...unknown[]];
      cursor = reply[0];
      const entries = (reply[1] ?? []).filter((e): e is StreamEntry => Array.isArray(e?.[1]));
      if (entries.length > 0) {
        this.o.logger.warn('moving inbound events another process left behind', { count: entries.length });
        await this.move(entries);
      }
    } while (cursor !== '0-0' && !this.stopping);
  }

  private async move(entries: StreamEntry[]): Promise<void> {
    const jobs = [];
    for (const [id, fields] of entries) {
      const envelope = readEntry(fields);
      if (!envelope) {
        this.o.logger.error('inbound log entry cannot be read; dropped', { entryId: id });
        continue;
      }
      jobs.push({
        name: envelope.header.event_type,
        data: envelope,
        opts: { jobId: inboundJobId(envelope.header.event_id) },
      });
    }
    if (jobs.length > 0) await this.o.queue.addBulk(jobs);
    const ids = entries.map(([id]) => id);
    const log = this.o.keys.inboundLog();
    await this.o.redis
      .multi()
      .xack(log, MOVER_GROUP, ...ids)
      .xdel(log, ...ids)
      .exec();
  }
}

function streamEntries(reply: unknown): StreamEntry[] {
  // RESP2 answers [[key, entries]]; RESP3 a map, which ioredis gives as { key: entries }.
  if (reply == null) return [];
  const first = Array.isArray(reply)
    ? (reply[0] as [string, StreamEntry[]] | undefined)?.[1]
    : Object.values(reply)[0];
  return Array.isArray(first) ? (first as StreamEntry[]) : [];
}

function readEntry(fields: string[]): LarkEnvelope | undefined {
  const at = fields.indexOf('e');
  if (at < 0 || typeof fields[at + 1] !== 'string') return undefined;
  try {
    const v = JSON.parse(fields[at + 1] as string) as LarkEnvelope;
    return typeof v?.header?.event_id === 'string' && typeof v.header.event_type === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
