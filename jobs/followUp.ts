/**
 * Processor of the `follow-ups` queue: the follow-up of a card press (`src/bot/actions/followUp.ts`),
 * run with the queue's retries once the press has been answered.
 */
import type { Job } from 'bullmq';
import { type FollowUp, runFollowUp } from '../src/bot/actions/followUp.ts';
import type { BotDeps } from '../src/bot/deps.ts';

export function createFollowUpProcessor(deps: Pick<BotDeps, 'items' | 'scheduler' | 'cards' | 'messenger'>) {
  return async (job: Job<FollowUp>): Promise<void> => {
    await runFollowUp(deps, job.data);
  };
}
