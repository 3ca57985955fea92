/**
 * One reader of the playground's log for every open page. A live page waits for new entries with
 * `XREAD BLOCK`, which holds a Redis connection for as long as it waits; one connection per page
 * would let a few dozen open tabs use up Redis's clients. So one connection blocks, and what it
 * reads goes to every page. It is opened when the first page subscribes and let go once no page
 * has been watching for one wait.
 *
 * A subscriber receives each batch as it is read, and an empty batch whenever a wait ends with
 * nothing new (at least every `tickMs`), which pages use to refresh the clock. A page that
 * resumes from an older entry reads the gap itself (`PlaygroundLog.after`), after subscribing, and
 * skips what it already has: between the two it sees every entry at least once, in order.
 */
import type { Logger } from '../logger.ts';
import { duplicateRedis, type RedisClient } from '../storage/redis.ts';
import type { LogEntry, PlaygroundLog } from './log.ts';

export type FeedListener = (entries: readonly LogEntry[]) => void;

export interface SharedFeedDeps {
  redis: RedisClient;
  log: PlaygroundLog;
  /** The longest a wait lasts: how often listeners hear (an empty batch) when nothing happens. */
  tickMs: number;
  /** The name the reader's connection has in `CLIENT LIST`. */
  connectionName: string;
  logger: Logger;
}

const RETRY_MS = 1000;

/** `1764122400000-3` after `1764122400000-2`: stream ids compared as numbers, part by part. */
export function isAfter(id: string, cursor: string): boolean {
  const [ms = 0n, seq = 0n] = id.split('-').map(BigInt);
  const [cms = 0n, cseq = 0n] = cursor.split('-').map(BigInt);
  return ms > cms || (ms === cms && seq > cseq);
}

export class SharedFeed {
  private readonly listeners = new Set<FeedListener>();
  private reader: RedisClient | undefined;
  /** Set while a read runs; resolves once it knows where it starts. */
  private started: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: SharedFeedDeps) {}

  /**
   * Starts hearing batches; resolves (with the function that stops them) once the shared read
   * knows where it starts, so that a gap the caller reads afterwards meets what it will hear.
   */
  async subscribe(listener: FeedListener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.started && !this.closed) this.started = this.start();
    await this.started;
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Ends the shared read (the server is stopping); listeners hear nothing more. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.reader?.disconnect();
  }

  private async start(): Promise<void> {
    const reader = duplicateRedis(this.deps.redis, {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectionName: this.deps.connectionName,
    });
    reader.on('error', () => {});
    this.reader = reader;
    let cursor: string;
    try {
      cursor = await this.deps.log.lastId();
    } catch (e) {
      this.stopped(reader);
      throw e;
    }
    void this.read(reader, cursor);
  }

  private async read(reader: RedisClient, from: string): Promise<void> {
    const { log, tickMs, logger } = this.deps;
    let cursor = from;
    try {
      while (!this.closed && this.listeners.size > 0) {
        let entries: LogEntry[];
        try {
          entries = await log.waitAfter(reader, cursor, tickMs);
        } catch (e) {
          if (this.closed) break;
          // Redis went away for a moment: the connection reconnects by itself; wait, then read on.
          logger.warn('playground feed: reading the log failed; retrying', { err: e });
          await new Promise((ok) => setTimeout(ok, RETRY_MS));
          continue;
        }
        const last = entries.at(-1);
        if (last) cursor = last.id;
        for (const listener of [...this.listeners]) listener(entries);
      }
    } finally {
      this.stopped(reader);
    }
  }

  /** Synchronously with the read's end: a page subscribing from now on starts a new read. */
  private stopped(reader: RedisClient): void {
    this.started = undefined;
    if (this.reader === reader) this.reader = undefined;
    reader.disconnect();
  }
}
