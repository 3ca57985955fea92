/**
 * Processor of collector jobs (`collect` on the `reminders` queue): send the reminders one
 * recipient got in one minute as one message. While reminders of that minute are still queued
 * (a burst at office start), the collector waits another settling period, a few times at most,
 * so a slow burst still yields one message per person. A retry sends the same closed batch
 * under the same key, so it shows once.
 */
import { DelayedError, type Job } from 'bullmq';
import {
  type CollectorJobData,
  MAX_EXTRA_WAITS,
  type ReminderBatcher,
  SETTLE_MS,
} from '../src/scheduling/batcher.ts';

export function createCollectorProcessor(batcher: ReminderBatcher) {
  return async (job: Job<CollectorJobData>, token?: string): Promise<number> => {
    const waits = job.data.waits ?? 0;
    if (waits < MAX_EXTRA_WAITS && (await batcher.peersPending(job.data.minute))) {
      await job.updateData({ ...job.data, waits: waits + 1 });
      // A processing margin in real time, not a point on the bot's calendar.
      await job.moveToDelayed(Date.now() + SETTLE_MS, token);
      throw new DelayedError();
    }
    return batcher.collect(job.data);
  };
}
