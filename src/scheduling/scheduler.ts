/**
 * The reminder scheduler: turns an item's reminder plan into BullMQ delayed jobs on the
 * `reminders` queue, and keeps them in step with the item.
 *
 * Only the next fire time of each item is a job (see `src/storage/planRecords.ts` for why);
 * the reminder worker, when that job fires, calls `advance` to schedule the one after it. So a
 * plan is "materialised" one step ahead, and a replan has one job to replace.
 *
 * Crash safety. `replan` adds the new job first, then records it (atomically, only if the item
 * still has the plan version it was computed from), then removes the old job. Dying between
 * any two steps leaves a stale job — which the worker drops, because it re-reads the item and
 * compares plan versions — or an unrecorded new one; never an open item without a plan unless
 * the process died before the first step, and `reconcile()` at start-up finds and fixes those.
 *
 * Delays are `fireAt − clock.now()` on the injected clock. BullMQ itself waits in real time, so
 * when the bot's clock jumps (playground time travel, tests) `promoteDue(now)` runs what the
 * new time has made due, reading fire times from the job ids.
 */
import type { Queue } from 'bullmq';
import type { CalendarSource } from '../bot/deps.ts';
import type { Clock } from '../clock.ts';
import type { TimeSettings } from '../config.ts';
import { WorkingDayCalendar } from '../domain/calendar.ts';
import { type Item, isClosed } from '../domain/item.ts';
import { nextPeriodicRun } from '../domain/periodicSchedule.ts';
import {
  groupByFireTime,
  type PlannedReminder,
  planReminders,
  type ReminderGroup,
} from '../domain/reminderPlan.ts';
import type { Logger } from '../logger.ts';
import type { ItemLedger } from '../storage/itemLedger.ts';
import type { ItemRepository } from '../storage/itemRepository.ts';
import type { Keys } from '../storage/keys.ts';
import { type PlanRecord, PlanRecords } from '../storage/planRecords.ts';
import type { RedisClient } from '../storage/redis.ts';
import type { SettingsSource } from '../storage/settingsStore.ts';
import { nextDueAt, promoteDue } from './dueJobs.ts';
import { addEarlyShare, planEarlyShare } from './earlyShares.ts';
import { groupPeriodicJobId, type PeriodicKind, periodicJobId, reminderJobId } from './jobIds.ts';
import type {
  PeriodicJobData,
  ReconcileReport,
  ReminderJobData,
  ReminderScheduler,
} from './reminderScheduler.ts';

export interface SchedulerDeps {
  queue: Queue;
  redis: RedisClient;
  keys: Keys;
  items: ItemRepository;
  ledger: ItemLedger;
  settings: SettingsSource;
  calendars: CalendarSource;
  clock: Clock;
  time: TimeSettings;
  logger: Logger;
}

const RECONCILE_CONCURRENCY = 16;

export class BullReminderScheduler implements ReminderScheduler {
  private readonly records: PlanRecords;

  constructor(private readonly deps: SchedulerDeps) {
    this.records = new PlanRecords(deps.redis, deps.keys);
  }

  private jobIdOf(tenant: string, no: number, r: PlanRecord): string | undefined {
    return r.next ? reminderJobId({ tenant, no, planVersion: r.planVersion, ...r.next }) : undefined;
  }

  private async addJob(item: Item, group: ReminderGroup): Promise<string> {
    const data: ReminderJobData = {
      tenant: item.tenant,
      no: item.no,
      planVersion: item.planVersion,
      fireAt: group.fireAt,
      kinds: group.kinds,
    };
    const jobId = reminderJobId(data);
    // Completed reminder jobs go at once: they are the bulk of the queue's memory.
    await this.deps.queue.add('remind', data, {
      jobId,
      delay: Math.max(0, group.fireAt - this.deps.clock.now()),
      removeOnComplete: true,
    });
    return jobId;
  }

  private async removeJob(jobId: string | undefined): Promise<void> {
    if (!jobId) return;
    // A job that is running right now cannot be removed; it re-reads the item and drops itself.
    await this.deps.queue.remove(jobId).catch(() => 0);
  }

  private async planFor(item: Item, now: number): Promise<PlannedReminder[]> {
    const [{ policy }, calendar] = await Promise.all([
      this.deps.settings.get(item.tenant, item.chatId),
      this.deps.calendars.calendarFor(item.tenant),
    ]);
    return planReminders(item, policy, calendar, now);
  }

  async replan(ref: Pick<Item, 'tenant' | 'no'>): Promise<void> {
    const { tenant, no } = ref;
    const item = await this.deps.items.get(tenant, no);
    if (!item || isClosed(item)) {
      const { previous } = await this.records.commit(
        tenant,
        no,
        { planVersion: item?.planVersion ?? 0 },
        { mode: 'replace' },
      );
      if (previous) await this.removeJob(this.jobIdOf(tenant, no, previous));
      return;
    }
    const next = groupByFireTime(await this.planFor(item, this.deps.clock.now()))[0];
    const jobId = next ? await this.addJob(item, next) : undefined;
    const record: PlanRecord = next
      ? { planVersion: item.planVersion, next }
      : { planVersion: item.planVersion };
    const { status, previous } = await this.records.commit(tenant, no, record, { mode: 'replace' });
    if (status === 'stale' || status === 'closed' || status === 'gone') {
      // The item moved on while we planned: whoever moved it replans; ours is stale.
      await this.removeJob(jobId);
      if (status !== 'stale' && previous) await this.removeJob(this.jobIdOf(tenant, no, previous));
      return;
    }
    const oldId = previous && this.jobIdOf(tenant, no, previous);
    if (oldId !== jobId) await this.removeJob(oldId);
  }

  async replanChat(tenant: string, chatId: string): Promise<number> {
    const nos = (await this.deps.redis.zrange(this.deps.keys.chatOpen(tenant, chatId), '0', '-1')).map(
      Number,
    );
    for (const no of nos) await this.replan({ tenant, no });
    return nos.length;
  }

  async replanTenant(tenant: string): Promise<number> {
    let replanned = 0;
    for await (const items of this.deps.ledger.openItems(tenant)) {
      for (let i = 0; i < items.length; i += RECONCILE_CONCURRENCY)
        await Promise.all(
          items.slice(i, i + RECONCILE_CONCURRENCY).map(async (item) => {
            try {
              await this.replan(item);
              replanned++;
            } catch (err) {
              this.deps.logger.error('reminder plan could not be redone', { tenant, no: item.no, err });
            }
          }),
        );
    }
    return replanned;
  }

  async advance(
    item: Item,
    plan: readonly PlannedReminder[],
    firedAt: number,
  ): Promise<ReminderGroup | undefined> {
    const next = groupByFireTime(plan.filter((r) => r.fireAt > firedAt))[0];
    const record: PlanRecord = next
      ? { planVersion: item.planVersion, next }
      : { planVersion: item.planVersion };
    const { status } = await this.records.commit(item.tenant, item.no, record, { mode: 'advance', firedAt });
    if (status === 'ok' && next) await this.addJob(item, next);
    return next;
  }

  promoteDue(now: number): Promise<number> {
    return promoteDue(this.deps.queue, now);
  }

  nextDueAt(): Promise<number | undefined> {
    return nextDueAt(this.deps.queue, this.deps.clock.now());
  }

  /** True when the job a record names is waiting, delayed or running (not finished, not gone). */
  private async pendingJobs(
    tenant: string,
    entries: Array<{ no: number; record: PlanRecord }>,
  ): Promise<boolean[]> {
    const pipeline = this.deps.redis.pipeline();
    for (const { no, record } of entries) {
      const key = this.deps.queue.toKey(this.jobIdOf(tenant, no, record) ?? '');
      pipeline.exists(key).hexists(key, 'finishedOn');
    }
    const res = (await pipeline.exec()) ?? [];
    return entries.map((_, i) => res[2 * i]?.[1] === 1 && res[2 * i + 1]?.[1] === 0);
  }

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = { checked: 0, replanned: 0, failed: 0 };
    for (const tenant of await this.deps.ledger.tenants()) {
      for await (const items of this.deps.ledger.openItems(tenant)) {
        const records = await this.records.getMany(
          tenant,
          items.map((i) => i.no),
        );
        const withJobs = items.flatMap((item, i) => {
          const record = records[i];
          return record?.next && record.planVersion === item.planVersion ? [{ no: item.no, record }] : [];
        });
        const pending = await this.pendingJobs(tenant, withJobs);
        const fine = new Set(withJobs.filter((_, i) => pending[i]).map((e) => e.no));
        // A record with nothing left to remind (a 待销号 item) is fine as long as its version holds.
        items.forEach((item, i) => {
          const r = records[i];
          if (r && !r.next && r.planVersion === item.planVersion) fine.add(item.no);
        });
        const missing = items.filter((i) => !fine.has(i.no));
        report.checked += items.length;
        for (let i = 0; i < missing.length; i += RECONCILE_CONCURRENCY)
          await Promise.all(
            missing.slice(i, i + RECONCILE_CONCURRENCY).map(async (item) => {
              // One item that cannot be planned is reported, not allowed to stop the others.
              try {
                await this.replan(item);
                report.replanned++;
              } catch (err) {
                report.failed++;
                this.deps.logger.error('reminder plan could not be mended', { tenant, no: item.no, err });
              }
            }),
          );
      }
    }
    if (report.replanned + report.failed > 0)
      this.deps.logger.warn('reconciled reminder plans', { ...report });
    return report;
  }

  /** Every tenant's calendar, or the deployment's own when there are no tenants yet. */
  private async calendars(): Promise<WorkingDayCalendar[]> {
    const tenants = await this.deps.ledger.tenants();
    if (tenants.length === 0) return [new WorkingDayCalendar(this.deps.time)];
    return Promise.all(tenants.map((t) => this.deps.calendars.calendarFor(t)));
  }

  async schedulePeriodic(kind: PeriodicKind, afterDate?: string): Promise<string> {
    const now = this.deps.clock.now();
    const run = nextPeriodicRun(kind, await this.calendars(), this.deps.time, now, afterDate);
    const data: PeriodicJobData = { kind, date: run.date, fireAt: run.fireAt };
    const jobId = periodicJobId(kind, run.date);
    await this.deps.queue.add(`digest-${kind}`, data, { jobId, delay: Math.max(0, run.fireAt - now) });
    return jobId;
  }

  async scheduleGroupRun(
    kind: PeriodicKind,
    date: string,
    group: { tenant: string; chatId: string },
    fireAt: number,
  ): Promise<string> {
    const data: PeriodicJobData = { kind, date, fireAt, group };
    const jobId = groupPeriodicJobId(kind, date, group.tenant, group.chatId, fireAt);
    await this.deps.queue.add(`digest-${kind}`, data, {
      jobId,
      delay: Math.max(0, fireAt - this.deps.clock.now()),
    });
    return jobId;
  }

  scheduleGroupStart(
    kind: PeriodicKind,
    date: string,
    group: { tenant: string; chatId: string },
    fireAt: number,
  ): Promise<string> {
    return addEarlyShare(this.deps, kind, date, group, fireAt);
  }

  planGroupStart(group: { tenant: string; chatId: string }, afterDate?: string): Promise<void> {
    return planEarlyShare(this.deps, group, afterDate);
  }

  async startPeriodic(): Promise<void> {
    await this.schedulePeriodic('daily');
    await this.schedulePeriodic('weekly');
  }
}
