/**
 * Pacing of sends to Lark's limits (LARK.md, Sending): at most 5 messages a second to one group
 * or one user, and 1000 a minute for the whole app. (The app's 50 a second is the outbound
 * worker's BullMQ limiter, `outboundWorker.ts`: a fixed slot per send suits it better.) BullMQ's
 * open-source limiter is queue-wide and has one window only, so each window here is a
 * sliding-window log in Redis, checked and recorded by one Lua script: shared by every worker
 * process, and timed by Redis's own clock so processes never disagree about "now".
 *
 * Each window is a little longer than Lark's (`guardMs`): the time we record is just before the
 * HTTP call, the time Lark counts is when the call arrives, and network jitter between the two
 * must not squeeze a sixth send into one of Lark's seconds (or a 1001st into its minute).
 *
 * All pacing keys share one Redis Cluster hash slot (`{pace}` in `keys.ts`), so the script may
 * touch a target's window and the app's window together.
 */
import type { OutboundJob } from '../bot/delivery/messenger.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';

export interface PaceLimit {
  /** Sends allowed per window. */
  sends: number;
  windowMs: number;
  guardMs: number;
}

/** Lark's limit to one group or one user. */
export const TARGET_LIMIT: PaceLimit = { sends: 5, windowMs: 1000, guardMs: 150 };
/** Lark's limit for the whole app per minute (its 50/s is the worker's limiter). */
export const APP_MINUTE_LIMIT: PaceLimit = { sends: 1000, windowMs: 60_000, guardMs: 1000 };

/**
 * KEYS: 1 the target's window (ZSET of send times), 2 its waiters (ZSET uuid → return time),
 *       3 the app's window, 4 its waiters
 * ARGV: 1 target sends allowed  2 target window ms  3 app sends allowed  4 app window ms
 *       5 member (unique per attempt)  6 the message's uuid
 * Returns 0 when the send may go now (and records it in both windows), else the ms to wait.
 * Waiters queue up per window: the k-th message waiting is told to come back when the k-th
 * send in the window leaves it (a window later for every `sends` waiters ahead), so a backlog
 * drains in order of arrival, as fast as slots free up, instead of all retrying at once.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[6]
local function full(win, waiters, limit, window)
  redis.call('ZREM', waiters, id)
  redis.call('ZREMRANGEBYSCORE', win, '-inf', now - window)
  redis.call('ZREMRANGEBYSCORE', waiters, '-inf', now - window)
  return redis.call('ZCARD', win) >= limit
end
local function queue(win, waiters, limit, window)
  local ahead = redis.call('ZCARD', waiters)
  local k = ahead % limit
  local leaving = redis.call('ZRANGE', win, k, k, 'WITHSCORES')
  local wait = math.max(1, tonumber(leaving[2]) + window - now) + math.floor(ahead / limit) * window
  redis.call('ZADD', waiters, now + wait, id)
  redis.call('PEXPIRE', waiters, wait + window * 2)
  return wait
end
local targetLimit, targetWindow = tonumber(ARGV[1]), tonumber(ARGV[2])
local appLimit, appWindow = tonumber(ARGV[3]), tonumber(ARGV[4])
if full(KEYS[1], KEYS[2], targetLimit, targetWindow) then
  return queue(KEYS[1], KEYS[2], targetLimit, targetWindow)
end
if full(KEYS[3], KEYS[4], appLimit, appWindow) then
  return queue(KEYS[3], KEYS[4], appLimit, appWindow)
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], targetWindow * 2)
redis.call('ZADD', KEYS[3], now, ARGV[5])
redis.call('PEXPIRE', KEYS[3], appWindow * 2)
return 0
`;

/** The app-wide window's name among the targets (no chat or user id looks like it). */
const APP_WINDOW = '*app';

/** Whom a send counts against: the chat, the user, or (a bare reply) the message's thread. */
export function targetOf(job: Pick<OutboundJob, 'to' | 'replyTo'>): string {
  if (job.to) return 'chatId' in job.to ? job.to.chatId : job.to.openId;
  return `reply:${job.replyTo ?? '?'}`;
}

export interface PaceLimits {
  target: PaceLimit;
  app: PaceLimit;
}

export class SendPacer {
  private seq = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly limits: PaceLimits = { target: TARGET_LIMIT, app: APP_MINUTE_LIMIT },
  ) {}

  /**
   * 0 when a send to `target` may go now (it is counted), else how long message `id` should
   * wait before asking again. The wait carries a little jitter so that messages told the same
   * moment do not all come back in the same millisecond.
   */
  async acquire(target: string, id: string): Promise<number> {
    const { target: perTarget, app } = this.limits;
    const member = `${id}:${process.pid}:${this.seq++}`;
    const wait = (await this.redis.eval(
      ACQUIRE,
      4,
      this.keys.sendWindow(target),
      this.keys.sendWaiters(target),
      this.keys.sendWindow(APP_WINDOW),
      this.keys.sendWaiters(APP_WINDOW),
      perTarget.sends,
      perTarget.windowMs + perTarget.guardMs,
      app.sends,
      app.windowMs + app.guardMs,
      member,
      id,
    )) as number;
    return wait === 0 ? 0 : wait + Math.floor(Math.random() * perTarget.guardMs);
  }
}
