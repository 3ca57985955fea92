/**
 * Processor of `private-assignment` jobs on the `reminders` queue: work assigned in a private
 * chat outside office hours reaches its owners at the next office start
 * (`src/bot/views/privateAssignment.ts`). Re-reads the item; a retry sends each card once
 * (stable message keys).
 */
import type { Job } from 'bullmq';
import type { BotDeps } from '../src/bot/deps.ts';
import { type PrivateAssignmentJob, tellOwnersLater } from '../src/bot/views/privateAssignment.ts';

export function createPrivateAssignmentProcessor(
  deps: Pick<BotDeps, 'items' | 'calendars' | 'clock' | 'time' | 'messenger' | 'settings' | 'timers'>,
) {
  return (job: Job<PrivateAssignmentJob>): Promise<string> => tellOwnersLater(deps, job.data);
}
