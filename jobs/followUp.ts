/**
 * Processor of the `follow-ups` queue, run with the queue's retries once a card press has been
 * answered: the follow-up of an item press (`src/bot/actions/followUp.ts`), or — after an admin
 * applied an imported holiday notice — replanning every open item of the tenant (job name
 * `replan-tenant`), too much work to do before answering the press.
 */
import type { Job } from 'bullmq';
import { type FollowUp, runFollowUp } from '../src/bot/actions/followUp.ts';
import type { BotDeps } from '../src/bot/deps.ts';

export const REPLAN_TENANT = 'replan-tenant';

export interface ReplanTenant {
  tenant: string;
}

export function createFollowUpProcessor(deps: Pick<BotDeps, 'items' | 'scheduler' | 'cards' | 'messenger'>) {
  return async (job: Job<FollowUp> | Job<ReplanTenant>): Promise<void> => {
    if (job.name === REPLAN_TENANT) await deps.scheduler.replanTenant((job.data as ReplanTenant).tenant);
    else await runFollowUp(deps, job.data as FollowUp);
  };
}
