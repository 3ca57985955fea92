/**
 * `GET /playground/events`: each open page's live feed, as server-sent events — `entry` per new
 * log entry (its id is the stream id, so a reconnecting browser resumes with `Last-Event-ID`)
 * and `now` ({text, local}) after each batch and at least every tick, for the page's clock.
 *
 * Every page's entries come from one shared reader (`sharedFeed.ts`); a page reads only the gap
 * since its last entry itself. Guarantee kept here: a page sees every entry once, in order — it
 * subscribes first, then reads the gap, and skips whatever is not newer than its cursor.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../storage/redis.ts';
import type { LogEntry, PlaygroundLog } from './log.ts';
import type { PlaygroundMembers } from './members.ts';
import { liveUpdate, viewContext } from './present.tsx';
import { isAfter, SharedFeed } from './sharedFeed.ts';

/** SSE wakes at least this often to refresh the clock (and keep proxies from closing it). */
const TICK_MS = 15_000;

export interface LiveEventsDeps {
  redis: RedisClient;
  log: PlaygroundLog;
  members: PlaygroundMembers;
  timezone: string;
  botOpenId: string;
  /** The name of the one Redis connection that reads the log for every live page (`CLIENT LIST`). */
  connectionName: string;
  /** The `now` event's data: the virtual clock as the page shows it. */
  now: () => { text: string; local: string };
  logger: Logger;
}

export interface LiveEvents {
  handle(c: Context): Response;
  /** Ends every live feed, so the HTTP server can close. */
  close(): void;
}

export function liveEvents(deps: LiveEventsDeps): LiveEvents {
  const { log, members, timezone, logger } = deps;
  const feed = new SharedFeed({
    redis: deps.redis,
    log,
    tickMs: TICK_MS,
    connectionName: deps.connectionName,
    logger,
  });
  /** Every live page's way to stop waiting (the server is stopping). */
  const wakers = new Set<() => void>();
  let closing = false;
  const nowEvent = () => ({ event: 'now', data: JSON.stringify(deps.now()) });

  const handle = (c: Context): Response => {
    const asked = c.req.header('last-event-id') || c.req.query('after') || '';
    const response = streamSSE(c, async (stream) => {
      const inbox: Array<readonly LogEntry[]> = [];
      let wake = () => {};
      const nudge = () => wake();
      wakers.add(nudge);
      stream.onAbort(nudge);
      let unsubscribe = () => {};
      try {
        unsubscribe = await feed.subscribe((entries) => {
          inbox.push(entries);
          nudge();
        });
        let cursor = /^\d+-\d+$/.test(asked) ? asked : await log.lastId();
        /** Sends what is newer than the cursor: the gap and the shared read may both hold an entry. */
        const send = async (entries: readonly LogEntry[]) => {
          const fresh = entries.filter((e) => isAfter(e.id, cursor));
          if (fresh.length === 0) return;
          const ctx = viewContext(await members.all(), timezone, deps.botOpenId);
          for (const e of fresh) {
            cursor = e.id;
            const update = await liveUpdate(e, ctx);
            if (update) await stream.writeSSE({ id: e.id, event: 'entry', data: JSON.stringify(update) });
          }
        };
        // The gap since the page's last entry, read after subscribing so that nothing falls between.
        for (let gap = await log.after(cursor); gap.length > 0; gap = await log.after(cursor))
          await send(gap);
        await stream.writeSSE(nowEvent());
        while (!closing && !stream.aborted) {
          const entries = inbox.shift();
          if (entries) {
            await send(entries);
            await stream.writeSSE(nowEvent());
          } else {
            await new Promise<void>((ok) => {
              wake = ok;
            });
          }
        }
      } catch (e) {
        // A disconnect (page closed, server stopping) ends the stream; nothing to report.
        if (!closing && !stream.aborted) logger.warn('playground feed ended', { err: e });
      } finally {
        unsubscribe();
        wakers.delete(nudge);
      }
    });
    // Not kept alive once the feed ends: an idle socket would hold up the server's shutdown
    // for the whole keep-alive timeout.
    response.headers.set('connection', 'close');
    return response;
  };

  return {
    handle,
    close() {
      closing = true;
      feed.close();
      for (const wake of wakers) wake();
    },
  };
}
