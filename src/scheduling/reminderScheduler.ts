/**
 * What the reminder scheduler promises (`ReminderScheduler`) and what travels on its jobs, apart
 * from how it keeps the promise (`scheduler.ts`, BullMQ delayed jobs): handlers, jobs and the
 * playground depend on this contract only.
 */
import type { Item } from '../domain/item.ts';
import type { PlannedReminder, ReminderGroup } from '../domain/reminderPlan.ts';
import type { PeriodicKind } from './jobIds.ts';

/** What travels on a reminder job. */
export interface ReminderJobData {
  tenant: string;
  no: number;
  /** The item's plan version when this job was planned; the worker drops it once that moved. */
  planVersion: number;
  fireAt: number;
  kinds: PlannedReminder['kind'][];
}

/** What travels on a periodic (digest) job. */
export interface PeriodicJobData {
  kind: PeriodicKind;
  /** `YYYY-MM-DD` the run is for. */
  date: string;
  fireAt: number;
  /** Set on the run for one group, held to that group's own office start. */
  group?: { tenant: string; chatId: string };
}

export interface ReconcileReport {
  checked: number;
  replanned: number;
  /** Items whose plan could not be mended (each logged); the others were. */
  failed: number;
}

/** What handlers, jobs and the playground use. */
export interface ReminderScheduler {
  /** Plan an item's reminders afresh from now. Call after every change (deadline, owners, status). */
  replan(item: Pick<Item, 'tenant' | 'no'>): Promise<void>;
  /** Replan every open item of a group (its reminder policy changed). */
  replanChat(tenant: string, chatId: string): Promise<number>;
  /** Replan every open item of a tenant (its working-day calendar changed); one failure is logged, not fatal. */
  replanTenant(tenant: string): Promise<number>;
  /** Called by the reminder worker: schedule the item's reminders after `firedAt`. */
  advance(item: Item, plan: readonly PlannedReminder[], firedAt: number): Promise<ReminderGroup | undefined>;
  /** Run now every delayed job due at or before `now` on the bot's clock, in fire-time order. */
  promoteDue(now: number): Promise<number>;
  /** The bot-clock instant of the earliest delayed job still in the future. */
  nextDueAt(): Promise<number | undefined>;
  /** Replan every open item whose plan is missing or out of date (start-up). */
  reconcile(): Promise<ReconcileReport>;
  /** Make sure the next daily digest and weekly report are scheduled (start-up; idempotent). */
  startPeriodic(): Promise<void>;
  /** Schedule the run of a periodic job after the one for `afterDate` (each run calls it first). */
  schedulePeriodic(kind: PeriodicKind, afterDate?: string): Promise<string>;
  /** Schedule one group's share of the `date` run for `fireAt`, its own office hours (idempotent). */
  scheduleGroupRun(
    kind: PeriodicKind,
    date: string,
    group: { tenant: string; chatId: string },
    fireAt: number,
  ): Promise<string>;
  /** Schedule one group's share of the `date` run at its own office start, before the run (`earlyShares.ts`). */
  scheduleGroupStart(
    kind: PeriodicKind,
    date: string,
    group: { tenant: string; chatId: string },
    fireAt: number,
  ): Promise<string>;
  /** Plan, move or drop a group's share of its next daily run at its own earlier office start. */
  planGroupStart(group: { tenant: string; chatId: string }, afterDate?: string): Promise<void>;
}
