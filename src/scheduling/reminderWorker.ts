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
  /**
   * The other job names' processors — a schedule's occurrence (`jobs/occurrence.ts`), a speech
   * timer or a topic deadline (`jobs/meetingTimers.ts`) — wired by the server, which has the bot's deps.
   */
  more: Readonly<Record<string, Processor>>;
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
      default: {
        const other = p.more[job.name];
        if (other) return other(job, token);
        // A job of a kind this process was not given: another process may be (retried there).
        if (job.name === OCCURRENCE_JOB) throw new Error(`no occurrence processor here for ${job.id}`);
        throw new UnrecoverableError(`no processor for job ${job.name} (${job.id})`);
      }
    }
  };
}
