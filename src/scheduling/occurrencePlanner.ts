/**
 * Plans when the next occurrence of a recurring schedule (`/周期`) becomes an item: a delayed
 * job on the `reminders` queue (so playground time travel and tests promote it like any
 * reminder, by the `fireAt` it carries), due a few working days before the occurrence
 * (`leadTime.ts`). The job id names the schedule, its generation and the occurrence, so planning
 * the same occurrence twice — a retry, a restart — schedules one job; 恢复 starts a new
 * generation, whose ids are new even where a paused run left a finished job behind.
 *
 * Occurrences keep the office hours of the schedule's group (`/设置 提醒 上班 … 下班 …`): one
 * without a time falls due at the group's office end, and its item's card is pushed no earlier
 * than the group's office start (trial: a group of 09:30–17:00 had every 每日 item due 18:00 and
 * its card at 09:00).
 */
import type { Job, Queue } from 'bullmq';
import type { CalendarSource } from '../bot/deps.ts';
import type { Clock } from '../clock.ts';
import type { WorkingDayCalendar } from '../domain/calendar.ts';
import { OfficeHours } from '../domain/officeHours.ts';
import { creationAt } from '../domain/recurrence/leadTime.ts';
import { nextOccurrences } from '../domain/recurrence/occurrences.ts';
import type { Occurrence } from '../domain/recurrence/rule.ts';
import type { Schedule } from '../storage/schedules.ts';
import type { SettingsSource } from '../storage/settingsStore.ts';
import { occurrenceJobId } from './jobIds.ts';

export const OCCURRENCE_JOB = 'occurrence';

/** How far before its creation job an occurrence may fall due (a rule timed before office start). */
const FIND_LOOK_BACK_MS = 7 * 24 * 3600_000;

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
  constructor(
    private readonly deps: {
      queue: Queue;
      calendars: CalendarSource;
      clock: Clock;
      settings: SettingsSource;
    },
  ) {}

  /** The tenant's calendar and the office hours of the schedule's chat. */
  private async hoursOf(schedule: Schedule): Promise<{ calendar: WorkingDayCalendar; office: OfficeHours }> {
    const [calendar, settings] = await Promise.all([
      this.deps.calendars.calendarFor(schedule.tenant),
      this.deps.settings.get(schedule.tenant, schedule.chatId),
    ]);
    const { workdayStart, workdayEnd } = settings.policy;
    return { calendar, office: new OfficeHours(calendar, workdayStart, workdayEnd) };
  }

  /** The first occurrence due after `after` and after the last one already made, and when it is made. */
  private async nextOf(schedule: Schedule, after: number): Promise<PlannedOccurrence | undefined> {
    const { calendar, office } = await this.hoursOf(schedule);
    const next = nextOccurrences(schedule.rule, after, calendar, 10, office.end).find(
      (o) => schedule.lastKey === undefined || o.key > schedule.lastKey,
    );
    if (!next) return undefined;
    return { occurrence: next, createAt: creationAt(schedule.rule, next, calendar, office) };
  }

  private jobIdOf(schedule: Schedule, key: string): string {
    return occurrenceJobId(schedule.tenant, schedule.no, schedule.generation, key);
  }

  /**
   * The first occurrence due after `after` and after the last one already made, with the job
   * that will make it; undefined when the rule has none ahead.
   */
  async planNext(schedule: Schedule, after: number): Promise<PlannedOccurrence | undefined> {
    const planned = await this.nextOf(schedule, after);
    if (!planned) return undefined;
    const data: OccurrenceJobData = {
      tenant: schedule.tenant,
      scheduleNo: schedule.no,
      key: planned.occurrence.key,
      fireAt: planned.createAt,
    };
    await this.deps.queue.add(OCCURRENCE_JOB, data, {
      jobId: this.jobIdOf(schedule, planned.occurrence.key),
      delay: Math.max(0, planned.createAt - this.deps.clock.now()),
    });
    return planned;
  }

  /**
   * Plans the next occurrence again from now, after the calendar changed (an imported notice
   * moved its due day, and with it the day its item is made): a job still waiting is moved to
   * the new time; one that has run, or is running, is left alone — its id is the same, so the
   * item is never made twice.
   */
  async replan(schedule: Schedule): Promise<PlannedOccurrence | undefined> {
    if (schedule.state !== 'active') return undefined;
    const planned = await this.nextOf(schedule, this.deps.clock.now());
    if (!planned) return undefined;
    const job = (await this.deps.queue.getJob(this.jobIdOf(schedule, planned.occurrence.key))) as
      | Job<OccurrenceJobData>
      | undefined;
    if (!job) return this.planNext(schedule, this.deps.clock.now());
    if (job.data.fireAt === planned.createAt || (await job.getState()) !== 'delayed') return planned;
    // The delay first: should the job start meanwhile, it is made once, at the old time.
    await job.changeDelay(Math.max(0, planned.createAt - this.deps.clock.now()));
    await job.updateData({ ...job.data, fireAt: planned.createAt });
    return planned;
  }

  /** Occurrence `key` of `schedule` made at `fireAt` (undefined when the rule has no such). */
  async find(schedule: Schedule, key: string, fireAt: number): Promise<Occurrence | undefined> {
    const { calendar, office } = await this.hoursOf(schedule);
    // Held to office start, an occurrence may already be due when its job runs.
    return nextOccurrences(schedule.rule, fireAt - FIND_LOOK_BACK_MS, calendar, 40, office.end).find(
      (o) => o.key === key,
    );
  }
}
