/**
 * Pacing of sends to Lark's limits (LARK.md, Sending): at most 5 messages a second to one group
 * or one user, 50 a second and 1000 a minute for the whole app. Each window is a sliding-window
 * log in Redis, checked and recorded by one Lua script: shared by every worker process, and
 * timed by Redis's own clock so processes never disagree about "now".
 *
 * Why not BullMQ's limiter for the app's 50/s (as before issue 14): its open-source limiter has
 * one fixed window, and the one-send-per-20-ms slot that made it slide cost every reply time:
 * a worker that meets the limit sleeps, and when its two readings of the clock straddle a
 * millisecond it sleeps BullMQ's default 100 ms instead of the 1 ms left (bench:e2e measured
 * outbound waits of 150–230 ms at p99 from it). A message that must wait here is instead put
 * back as a delayed job for exactly its turn, and the worker takes the next one at once.
 *
 * Each window is a little longer than Lark's (`guardMs`): the time we record is just before the
 * HTTP call, the time Lark counts is when the call arrives, and network jitter between the two
 * must not squeeze a sixth send into one of Lark's seconds (or a 1001st into its minute).
 *
 * All pacing keys share one Redis Cluster hash slot (`{pace}` in `keys.ts`), so the script may
 * touch a target's window and the app's windows together.
 */
import { type OutboundJob, QUEUE_PRIORITY } from '../bot/delivery/messenger.ts';
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
/** Lark's limit for the whole app per second. */
export const APP_SECOND_LIMIT: PaceLimit = { sends: 50, windowMs: 1000, guardMs: 100 };
/** Lark's limit for the whole app per minute. */
export const APP_MINUTE_LIMIT: PaceLimit = { sends: 1000, windowMs: 60_000, guardMs: 1000 };

/** Priority classes: the outbound queue's BullMQ priorities, 1 (a chase, a 加急) to 4 (a digest). */
const PRIORITY_CLASSES = Math.max(...Object.values(QUEUE_PRIORITY));

/**
 * KEYS: per window, its log (ZSET of send times) then one waiters ZSET (uuid → return time) per
 *       priority class, class 1 first: the target's window, the app's second, the app's minute
 * ARGV: 1 the member (unique per attempt)  2 the message's uuid  3 its priority class, then per
 *       window its sends allowed and its length in ms
 * Returns 0 when the send may go now (and records it in every window), else the ms to wait
 * for the first window that is full. Waiters queue up per window: the k-th message waiting is
 * told to come back when the k-th send in the window leaves it (a window later for every
 * `sends` waiters ahead), so a backlog drains in order, as fast as slots free up, instead of
 * all retrying at once. Ahead of a message are the waiters of a higher class (a smaller
 * number) and those of its own class that came earlier: a chase, a 加急 or a reply is told
 * to come back at the next free slot however many digests wait. A message that comes back
 * and finds its slot taken by such a one keeps its place among its own class.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id, class = ARGV[2], tonumber(ARGV[3])
local per = 1 + ${PRIORITY_CLASSES}
local windows = #KEYS / per
local before = {}
for w = 1, windows do
  local mine = KEYS[(w - 1) * per + 1 + class]
  before[w] = redis.call('ZSCORE', mine, id)
  redis.call('ZREM', mine, id)
end
for w = 1, windows do
  local base = (w - 1) * per
  local win = KEYS[base + 1]
  local limit, window = tonumber(ARGV[2 + 2 * w]), tonumber(ARGV[3 + 2 * w])
  redis.call('ZREMRANGEBYSCORE', win, '-inf', now - window)
  if redis.call('ZCARD', win) >= limit then
    local ahead = 0
    for c = 1, class do
      local waiters = KEYS[base + 1 + c]
      redis.call('ZREMRANGEBYSCORE', waiters, '-inf', now - window)
      if c < class or not before[w] then
        ahead = ahead + redis.call('ZCARD', waiters)
      else
        ahead = ahead + redis.call('ZCOUNT', waiters, '-inf', '(' .. before[w])
      end
    end
    local k = ahead % limit
    local leaving = redis.call('ZRANGE', win, k, k, 'WITHSCORES')
    local wait = math.max(1, tonumber(leaving[2]) + window - now) + math.floor(ahead / limit) * window
    local mine = KEYS[base + 1 + class]
    redis.call('ZADD', mine, now + wait, id)
    -- Only ever lengthened: a waiter that kept its place may wait less than those behind it.
    if redis.call('PTTL', mine) < wait + window * 2 then
      redis.call('PEXPIRE', mine, wait + window * 2)
    end
    return wait
  end
end
for w = 1, windows do
  redis.call('ZADD', KEYS[(w - 1) * per + 1], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[(w - 1) * per + 1], tonumber(ARGV[3 + 2 * w]) * 2)
end
return 0
`;

/** The app-wide windows' names among the targets (no chat or user id looks like them). */
const APP_SECOND_WINDOW = '*app-second';
const APP_MINUTE_WINDOW = '*app';

/** Whom a send counts against: the chat, the user, or (a bare reply) the message's thread. */
export function targetOf(job: Pick<OutboundJob, 'to' | 'replyTo'>): string {
  if (job.to) return 'chatId' in job.to ? job.to.chatId : job.to.openId;
  return `reply:${job.replyTo ?? '?'}`;
}

export interface PaceLimits {
  target: PaceLimit;
  appSecond: PaceLimit;
  appMinute: PaceLimit;
}

export const LARK_LIMITS: PaceLimits = {
  target: TARGET_LIMIT,
  appSecond: APP_SECOND_LIMIT,
  appMinute: APP_MINUTE_LIMIT,
};

export class SendPacer {
  private seq = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly limits: PaceLimits = LARK_LIMITS,
  ) {}

  /**
   * 0 when a send to `target` may go now (it is counted), else how long message `id` should
   * wait before asking again. `priority` is the job's BullMQ priority (1 first; none counts as
   * routine). A routine message's or a digest's wait carries a little jitter so that messages
   * told the same moment do not all come back in the same millisecond; a chase's, a 加急's or
   * a reply's does not, so that it is back first when its slot frees (ahead of digests that
   * were told the slots just after it).
   */
  async acquire(target: string, id: string, priority: number = QUEUE_PRIORITY.normal): Promise<number> {
    const { target: perTarget, appSecond, appMinute } = this.limits;
    const member = `${id}:${process.pid}:${this.seq++}`;
    const classOf = Math.min(PRIORITY_CLASSES, Math.max(1, Math.trunc(priority) || QUEUE_PRIORITY.normal));
    const keysOf = (name: string) => [
      this.keys.sendWindow(name),
      ...Array.from({ length: PRIORITY_CLASSES }, (_, i) => this.keys.sendWaiters(name, i + 1)),
    ];
    const span = (l: PaceLimit) => [l.sends, l.windowMs + l.guardMs];
    const keys = [...keysOf(target), ...keysOf(APP_SECOND_WINDOW), ...keysOf(APP_MINUTE_WINDOW)];
    const wait = (await this.redis.eval(
      ACQUIRE,
      keys.length,
      ...keys,
      member,
      id,
      classOf,
      ...span(perTarget),
      ...span(appSecond),
      ...span(appMinute),
    )) as number;
    if (wait === 0) return 0;
    return classOf <= QUEUE_PRIORITY.reply ? wait : wait + Math.floor(Math.random() * perTarget.guardMs);
  }
}
