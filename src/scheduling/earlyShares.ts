/**
 * A group's share of the daily digest at its own office start when that is earlier than the
 * deployment's (`earlyShareAt`; trial: a group of 08:30 had its chases at 08:30 and the 09:00
 * digest after them). The run itself fires at the deployment's start, too late for such a
 * group, so its share is planned ahead as a job of its own (`groupStartJobId`, one per group
 * and day): by each daily run for the group's next run day, and again when the group's hours
 * change (`jobs/replanAhead.ts`). The run that finds the job — delayed, or done already — adds
 * nothing; one that finds none (a group with no items yesterday) adds it to go at once.
 */
import type { Job, Queue } from 'bullmq';
import type { CalendarSource } from '../bot/deps.ts';
import type { Clock } from '../clock.ts';
import type { TimeSettings } from '../config.ts';
import { OfficeHours } from '../domain/officeHours.ts';
import { earlyShareAt, nextPeriodicRun } from '../domain/periodicSchedule.ts';
import type { SettingsSource } from '../storage/settingsStore.ts';
import { groupStartJobId, type PeriodicKind } from './jobIds.ts';
import type { PeriodicJobData } from './reminderScheduler.ts';

export interface EarlyShareDeps {
  queue: Queue;
  settings: SettingsSource;
  calendars: CalendarSource;
  clock: Clock;
  time: TimeSettings;
}

type Group = { tenant: string; chatId: string };

/**
 * The group's share of the `date` run at `fireAt`, its office start. With `move`, a share
 * still waiting at another time is moved there (the group's hours changed); a share that ran
 * or is running is left alone, so no group gets a day's digest twice.
 */
export async function addEarlyShare(
  deps: EarlyShareDeps,
  kind: PeriodicKind,
  date: string,
  group: Group,
  fireAt: number,
  move = false,
): Promise<string> {
  const jobId = groupStartJobId(kind, date, group.tenant, group.chatId);
  const existing = (await deps.queue.getJob(jobId)) as Job<PeriodicJobData> | undefined;
  if (existing) {
    if (!move || existing.data.fireAt === fireAt || !(await existing.isDelayed())) return jobId;
    // Removing a delayed job fails only when it has just started; then it stays as it is.
    if (!(await deps.queue.remove(jobId).catch(() => 0))) return jobId;
  }
  const data: PeriodicJobData = { kind, date, fireAt, group };
  await deps.queue.add(`digest-${kind}`, data, {
    jobId,
    delay: Math.max(0, fireAt - deps.clock.now()),
  });
  return jobId;
}

/**
 * Plan (or move, or drop) the group's share of its next daily run after `afterDate` — or, with
 * no date, of the next run still ahead — from its current settings. A share whose start has
 * already passed is left to the run, which sends it at once.
 */
export async function planEarlyShare(deps: EarlyShareDeps, group: Group, afterDate?: string): Promise<void> {
  const [calendar, { policy }] = await Promise.all([
    deps.calendars.calendarFor(group.tenant),
    deps.settings.get(group.tenant, group.chatId),
  ]);
  const now = deps.clock.now();
  const run = nextPeriodicRun('daily', [calendar], deps.time, now, afterDate);
  const office = new OfficeHours(calendar, policy.workdayStart, policy.workdayEnd);
  const at = policy.digest ? earlyShareAt('daily', run.date, run.fireAt, office) : undefined;
  if (at !== undefined && at > now) {
    await addEarlyShare(deps, 'daily', run.date, group, at, true);
    return;
  }
  // No share before the run any more (a later start, or 日报 off): one still waiting goes.
  const jobId = groupStartJobId('daily', run.date, group.tenant, group.chatId);
  const waiting = await deps.queue.getJob(jobId);
  if (waiting && (await waiting.isDelayed())) await deps.queue.remove(jobId).catch(() => 0);
}
