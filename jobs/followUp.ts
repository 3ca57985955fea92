/**
 * Processor of the `follow-ups` queue, run with the queue's retries once a card press has been
 * answered: the follow-up of an item press (`src/bot/actions/followUp.ts`), or — after an admin
 * applied an imported holiday notice — replanning all the tenant plans ahead (job name
 * `replan-tenant`, `replanAhead.ts`: open items' reminders, schedules' next occurrences, topic
 * calls), too much work to do before answering the press; and the 台账 a person asked for
 * (`ledger-export`, `jobs/ledgerExport.ts`).
 */
import type { Job } from 'bullmq';
import { type FollowUp, runFollowUp } from '../src/bot/actions/followUp.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { exportLedger, LEDGER_EXPORT, type LedgerExportJob } from './ledgerExport.ts';
import { replanAhead } from './replanAhead.ts';

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
        await replanAhead(deps, (job.data as ReplanTenant).tenant);
        return undefined;
      case LEDGER_EXPORT:
        return exportLedger(deps, job.data as LedgerExportJob);
      default:
        await runFollowUp(deps, job.data as FollowUp);
        return undefined;
    }
  };
}
