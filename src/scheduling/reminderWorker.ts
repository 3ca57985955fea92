/**
 * The one processor of the `reminders` queue, dispatching on the job name to the processors in
 * `jobs/`: reminders, their collectors, the periodic digests and schedules' occurrences share a queue (and so one
 * place where time travel promotes what is due) but not their code.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import { OCCURRENCE_JOB } from './occurrencePlanner.ts';
import type { Processor } from './workers.ts';

export interface RemindersQueueProcessors {
  remind: Processor;
  collect: Processor;
  digest: Processor;
  /** Recurring schedules' occurrences (`jobs/occurrence.ts`); wired by the server, which has the bot's deps. */
  occurrence?: Processor;
}

export function createRemindersProcessor(p: RemindersQueueProcessors): Processor {
  return async (job: Job, token?: string) => {
    switch (job.name) {
      case 'remind':
        return p.remind(job, token);
      case 'collect':
        return p.collect(job, token);
      case 'digest-daily':
      case 'digest-weekly':
        return p.digest(job, token);
      case OCCURRENCE_JOB:
        if (p.occurrence) return p.occurrence(job, token);
        throw new Error(`no occurrence processor here for ${job.id}`);
      default:
        throw new UnrecoverableError(`no processor for job ${job.name} (${job.id})`);
    }
  };
}
