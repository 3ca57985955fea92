/**
 * Plans when the next occurrence of a recurring schedule (`/周期`) becomes an item: a delayed
 * job on the `reminders` queue (so playground time travel and tests promote it like any
 * reminder, by the `fireAt` it carries), due a few working days before the occurrence
 * (`leadTime.ts`). The job id names the schedule, its generation and the occurrence, so planning
 * the same occurrence twice — a retry, a restart — schedules one job; 恢复 starts a new
 * generation, whose ids are new even where a paused run left a finished job behind.
 */
import type { Queue } from 'bullmq';
import type { CalendarSource } from '../bot/deps.ts';
import type { Clock } from '../clock.ts';
import { creationAt } from '../domain/recurrence/leadTime.ts';
import { nextOccurrences } from '../domain/recurrence/occurrences.ts';
import type { Occurrence } from '../domain/recurrence/rule.ts';
import type { Schedule } from '../storage/schedules.ts';
import { occurrenceJobId } from './jobIds.ts';

export const OCCURRENCE_JOB = 'occurrence';

export interface OccurrenceJobData {
  tenant: string;
  scheduleNo: number;
  key: string;
  /** Bot-clock instant the item is to be made. */
  fireAt: number;
}

export interface PlannedOccurrence {
  occurrence: Occurrence;
  createAt: number;
}

export class OccurrencePlanner {
  constructor(private readonly deps: { queue: Queue; calendars: CalendarSource; clock: Clock }) {}

  /**
   * The first occurrence due after `after` and after the last one already made, with the job
   * that will make it; undefined when the rule has none ahead.
   */
  async planNext(schedule: Schedule, after: number): Promise<PlannedOccurrence | undefined> {
    const calendar = await this.deps.calendars.calendarFor(schedule.tenant);
    const next = nextOccurrences(schedule.rule, after, calendar, 10).find(
      (o) => schedule.lastKey === undefined || o.key > schedule.lastKey,
    );
    if (!next) return undefined;
    const createAt = creationAt(schedule.rule, next, calendar);
    const data: OccurrenceJobData = {
      tenant: schedule.tenant,
      scheduleNo: schedule.no,
      key: next.key,
      fireAt: createAt,
    };
    await this.deps.queue.add(OCCURRENCE_JOB, data, {
      jobId: occurrenceJobId(schedule.tenant, schedule.no, schedule.generation, next.key),
      delay: Math.max(0, createAt - this.deps.clock.now()),
    });
    return { occurrence: next, createAt };
  }

  /** Occurrence `key` of `schedule`, looked for from `from` on (undefined when the rule has no such). */
  async find(schedule: Schedule, key: string, from: number): Promise<Occurrence | undefined> {
    const calendar = await this.deps.calendars.calendarFor(schedule.tenant);
    return nextOccurrences(schedule.rule, from, calendar, 10).find((o) => o.key === key);
  }
}
