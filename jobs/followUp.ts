/**
 * Processor of the `follow-ups` queue, run with the queue's retries once a card press has been
 * answered: the follow-up of an item press (`src/bot/actions/followUp.ts`), or — after an admin
 * applied an imported holiday notice — replanning every open item of the tenant (job name
 * `replan-tenant`) and when each recurring schedule's next occurrence is made, too much work to
 * do before answering the press; and the 台账 a person asked for (`ledger-export`,
 * `jobs/ledgerExport.ts`).
 */
import type { Job } from 'bullmq';
import { type FollowUp, runFollowUp } from '../src/bot/actions/followUp.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { exportLedger, LEDGER_EXPORT, type LedgerExportJob } from './ledgerExport.ts';
import { replanOccurrences } from './occurrence.ts';

export const REPLAN_TENANT = 'replan-tenant';

export interface ReplanTenant {
  tenant: string;
}

export function createFollowUpProcessor(deps: BotDeps) {
  return async (
    job: Job<FollowUp> | Job<ReplanTenant> | Job<LedgerExportJob>,
  ): Promise<string | undefined> => {
    switch (job.name) {
      case REPLAN_TENANT:
        await deps.scheduler.replanTenant((job.data as ReplanTenant).tenant);
        await replanOccurrences(deps, (job.data as ReplanTenant).tenant);
        return undefined;
      case LEDGER_EXPORT:
        return exportLedger(deps, job.data as LedgerExportJob);
      default:
        await runFollowUp(deps, job.data as FollowUp);
        return undefined;
    }
  };
}
