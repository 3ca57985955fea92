/**
 * Per-target pacing of sends (Lark: at most 5 messages a second to one group, and to one
 * user). BullMQ's open-source limiter is queue-wide only, so each chat and user gets a
 * sliding-window log in Redis, checked and recorded by one Lua script: shared by every
 * worker process, and timed by Redis's own clock so processes never disagree about "now".
 *
 * The window is a little longer than Lark's second (`guardMs`): the time we record is just
 * before the HTTP call, the time Lark counts is when the call arrives, and network jitter
 * between the two must not squeeze six sends into one of Lark's seconds.
 */
import type { Redis } from 'ioredis';
import type { OutboundJob } from '../bot/delivery/messenger.ts';
import type { Keys } from '../storage/keys.ts';

export interface PaceLimit {
  /** Sends allowed to one target per window. */
  sends: number;
  windowMs: number;
  guardMs: number;
}

/** Lark's limit to one group or one user (LARK.md, Sending). */
export const TARGET_LIMIT: PaceLimit = { sends: 5, windowMs: 1000, guardMs: 150 };

/**
 * KEYS: 1 the target's window (ZSET of send times), 2 its waiters (ZSET uuid → return time)
 * ARGV: 1 sends allowed  2 window ms  3 member (unique per attempt)  4 the message's uuid
 * Returns 0 when the send may go now (and records it), else the ms to wait. Waiters queue up:
 * the k-th message waiting for a busy group is told to come back k/sends windows later, so a
 * backlog drains in order of arrival instead of every waiter retrying every second.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local ahead = redis.call('ZCARD', KEYS[2])
local wait = math.max(1, tonumber(oldest[2]) + window - now) + math.floor(ahead / limit) * window
redis.call('ZADD', KEYS[2], now + wait, ARGV[4])
redis.call('PEXPIRE', KEYS[2], wait + window * 2)
return wait
`;

/** Whom a send counts against: the chat, the user, or (a bare reply) the message's thread. */
export function targetOf(job: Pick<OutboundJob, 'to' | 'replyTo'>): string {
  if (job.to) return 'chatId' in job.to ? job.to.chatId : job.to.openId;
  return `reply:${job.replyTo ?? '?'}`;
}

export class SendPacer {
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly limit: PaceLimit = TARGET_LIMIT,
  ) {}

  /**
   * 0 when a send to `target` may go now (it is counted), else how long message `id` should
   * wait before asking again. The wait carries a little jitter so that messages told the same
   * window do not all come back in the same millisecond.
   */
  async acquire(target: string, id: string): Promise<number> {
    const member = `${id}:${process.pid}:${this.seq++}`;
    const wait = (await this.redis.eval(
      ACQUIRE,
      2,
      this.keys.sendWindow(target),
      this.keys.sendWaiters(target),
      this.limit.sends,
      this.limit.windowMs + this.limit.guardMs,
      member,
      id,
    )) as number;
    return wait === 0 ? 0 : wait + Math.floor(Math.random() * this.limit.guardMs);
  }
}
