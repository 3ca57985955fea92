/**
 * Processor of the inbound queue: hand the event to the dispatcher, telling it whether this
 * is the last attempt (so the error sink can tell the user instead of failing silently).
 */
import type { Job } from 'bullmq';
import type { DispatchAttempt } from '../src/bot/dispatch/dispatcher.ts';
import type { LarkEnvelope } from '../src/transport/envelope.ts';

export function createInboundProcessor(dispatch: (e: LarkEnvelope, a: DispatchAttempt) => Promise<void>) {
  return async (job: Job<LarkEnvelope>): Promise<void> => {
    const attempts = job.opts.attempts ?? 1;
    await dispatch(job.data, { isLastAttempt: job.attemptsMade + 1 >= attempts });
  };
}
