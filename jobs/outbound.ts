/**
 * Processor of the outbound queue: deliver one logical message. Throttling (HTTP 429, Lark
 * codes 99991400/230020) puts the job back for as long as Lark asked without using up an
 * attempt; 5xx and network errors retry with the queue's exponential backoff; a 4xx that
 * cannot succeed fails the job at once with a clear log line.
 */
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Delivery, DeliveryResult } from '../src/bot/delivery.ts';
import type { OutboundJob } from '../src/bot/messenger.ts';
import { LarkApiError } from '../src/errors.ts';
import type { Logger } from '../src/logger.ts';

export interface OutboundDeps {
  delivery: Delivery;
  logger: Logger;
}

export function createOutboundProcessor({ delivery, logger }: OutboundDeps) {
  return async (job: Job<OutboundJob>, token?: string): Promise<DeliveryResult> => {
    try {
      return await delivery.deliver(job.data);
    } catch (e) {
      if (!(e instanceof LarkApiError)) throw e;
      const where = { jobId: job.id, uuid: job.data.uuid, key: job.data.key, status: e.status, code: e.code };
      if (e.retryAfterSeconds !== undefined) {
        logger.warn('throttled by Lark; waiting as asked', { ...where, waitSeconds: e.retryAfterSeconds });
        // BullMQ delays run on Redis time, so this is a real-time wait, not the bot's clock.
        await job.moveToDelayed(Date.now() + e.retryAfterSeconds * 1000, token);
        throw new DelayedError();
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
