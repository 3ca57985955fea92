/**
 * Processor of collector jobs (`collect` on the `reminders` queue): send the reminders one
 * recipient got in one minute as one message. A retry sends the same closed batch under the
 * same key, so it shows once.
 */
import type { Job } from 'bullmq';
import type { CollectorJobData, ReminderBatcher } from '../src/scheduling/batcher.ts';

export function createCollectorProcessor(batcher: ReminderBatcher) {
  return async (job: Job<CollectorJobData>): Promise<number> => batcher.collect(job.data);
}
