/**
 * Processor of the outbound queue: deliver one logical message, within Lark's limits.
 *
 * - Lark's windows (5/s to a group or a user, 50/s and 1000/min for the app): `SendPacer` says
 *   whether this send may go now; if not, the job waits in the delayed set for its turn without
 *   using up an attempt. Its turn comes by priority: a chase or a 加急 is not put behind digests.
 * - Throttled anyway (HTTP 429, codes 99991400/230020): wait as long as Lark asked
 *   (`x-ogw-ratelimit-reset`), again without using up an attempt.
 * - 5xx, network errors, a refused token that a fresh one did not cure: the queue's
 *   exponential backoff.
 * - A 4xx that cannot succeed: fail at once with a clear log line.
 * - A send that must follow others to its chat (`after`: an item's card before a reminder of
 *   it) waits, again without using up an attempt, while any of them is still queued: sends are
 *   taken several at once and by priority, and one held by the limits is overtaken.
 *
 * Every retry carries the job's `uuid`, so Lark shows the message at most once however often
 * it is attempted (a worker killed after sending and before recording it included).
 */
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Delivery, DeliveryResult } from '../src/bot/delivery/delivery.ts';
import { type OutboundJob, sendJobId } from '../src/bot/delivery/messenger.ts';
import { LarkApiError } from '../src/errors.ts';
import type { Logger } from '../src/logger.ts';
import { type SendPacer, targetOf } from '../src/scheduling/sendPacer.ts';

export interface OutboundDeps {
  delivery: Delivery;
  logger: Logger;
  /** Omit to send unpaced (the playground, which has no platform limits). */
  pacer?: SendPacer;
  /** The outbound queue itself, where a send that follows others (`after`) looks for them. */
  queue: Pick<Queue, 'getJobState'>;
}

/** How long a send that follows others waits before it looks for them again (real time). */
export const FOLLOW_WAIT_MS = 200;

/** Puts the job back for `ms` (real time: BullMQ delays run on Redis time) without an attempt. */
async function postpone(job: Job<OutboundJob>, ms: number, token: string | undefined): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

/**
 * True while a message this one follows is still to be delivered. One delivered (its job
 * completed, or removed an hour later), given up (failed) or never sent (no job) holds nothing.
 */
async function followsPending(queue: OutboundDeps['queue'], keys: readonly string[]): Promise<boolean> {
  for (const key of keys) {
    const state = await queue.getJobState(sendJobId(key));
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return true;
  }
  return false;
}

export function createOutboundProcessor({ delivery, logger, pacer, queue }: OutboundDeps) {
  return async (job: Job<OutboundJob>, token?: string): Promise<DeliveryResult> => {
    // Before taking a slot of the target's window: the message it follows needs it first.
    if (job.data.after?.length && (await followsPending(queue, job.data.after)))
      return postpone(job, FOLLOW_WAIT_MS, token);
    if (pacer) {
      const wait = await pacer.acquire(targetOf(job.data), job.data.uuid, job.opts.priority);
      if (wait > 0) return postpone(job, wait, token);
    }
    try {
      return await delivery.deliver(job.data);
    } catch (e) {
      if (!(e instanceof LarkApiError)) throw e;
      const where = { jobId: job.id, uuid: job.data.uuid, key: job.data.key, status: e.status, code: e.code };
      if (e.retryAfterSeconds !== undefined) {
        logger.warn('throttled by Lark; waiting as asked', { ...where, waitSeconds: e.retryAfterSeconds });
        return postpone(job, e.retryAfterSeconds * 1000, token);
      }
      if (!e.retryable) {
        logger.error('message cannot be delivered; giving up', { ...where, reason: e.message });
        throw new UnrecoverableError(e.message);
      }
      logger.warn('delivery failed; will retry', {
        ...where,
        attempt: job.attemptsMade + 1,
        reason: e.message,
      });
      throw e;
    }
  };
}
