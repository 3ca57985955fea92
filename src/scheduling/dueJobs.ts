/**
 * The delayed jobs of the `reminders` queue on the bot's clock. BullMQ keeps each job's delay
 * in real time, computed when it was scheduled; when the bot's clock jumps (playground time
 * travel, tests), these functions find what the new time has made due by the fire times the
 * jobs carry — reminders and collectors in their ids, digests in their data — and promote it.
 */
import type { Job, Queue } from 'bullmq';
import { collectorMinute, parseReminderJobId } from './jobIds.ts';

export interface DueJob {
  id: string;
  /** Bot-clock instant the job is for. */
  fireAt: number;
}

/** Every delayed job with its bot-clock fire time, earliest first. */
export async function delayedJobs(queue: Queue): Promise<DueJob[]> {
  const ids = await queue.getRanges(['delayed'], 0, -1, true);
  const out: DueJob[] = [];
  const others: string[] = [];
  for (const id of ids) {
    const reminder = parseReminderJobId(id);
    const minute = collectorMinute(id);
    // A collector is due in its own minute, the time its card carries; it exists only once a
    // reminder of that minute has fired, and waits itself while others of the minute still run.
    if (reminder) out.push({ id, fireAt: reminder.fireAt });
    else if (minute !== undefined) out.push({ id, fireAt: minute * 60_000 });
    else others.push(id);
  }
  for (const id of others) {
    const job = (await queue.getJob(id)) as Job<{ fireAt?: unknown }> | undefined;
    if (typeof job?.data.fireAt === 'number') out.push({ id, fireAt: job.data.fireAt });
  }
  return out.sort((a, b) => a.fireAt - b.fireAt);
}

/** Promotes, in fire-time order, every delayed job due at or before `now`; returns how many. */
export async function promoteDue(queue: Queue, now: number): Promise<number> {
  let promoted = 0;
  for (const { id, fireAt } of await delayedJobs(queue)) {
    if (fireAt > now) break;
    const job = await queue.getJob(id);
    // It may have started meanwhile (its real delay ran out, or another promoter got there).
    const ok = job
      ? await job.promote().then(
          () => true,
          () => false,
        )
      : false;
    if (ok) promoted++;
  }
  return promoted;
}

/** The earliest fire time still after `now`, if any. */
export async function nextDueAt(queue: Queue, now: number): Promise<number | undefined> {
  return (await delayedJobs(queue)).find((j) => j.fireAt > now)?.fireAt;
}
