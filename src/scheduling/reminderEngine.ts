/**
 * The reminder engine assembled: scheduler, batcher, the `reminders` queue's worker spec, and
 * the start-up work (start the periodic chains, reconcile plans in the background). The
 * composition root builds one and wires `scheduler` into `BotDeps`.
 */
import type { Queue } from 'bullmq';
import { createDigestProcessor } from '../../jobs/digest.ts';
import { createReminderProcessor } from '../../jobs/reminder.ts';
import { createCollectorProcessor } from '../../jobs/reminderBatch.ts';
import type { Messenger } from '../bot/delivery/messenger.ts';
import type { CalendarSource } from '../bot/deps.ts';
import type { PeopleDirectory } from '../bot/people/directory.ts';
import type { Clock } from '../clock.ts';
import type { TimeSettings } from '../config.ts';
import type { Logger } from '../logger.ts';
import { DailyReminders } from '../storage/dailyReminders.ts';
import type { FigureRows } from '../storage/figureRows.ts';
import { ItemLedger } from '../storage/itemLedger.ts';
import type { ItemRepository } from '../storage/itemRepository.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import { ReminderBatches } from '../storage/reminderBatches.ts';
import type { SettingsSource } from '../storage/settingsStore.ts';
import { type BatcherDeps, ReminderBatcher } from './batcher.ts';
import { QUEUE } from './queues.ts';
import { createRemindersProcessor } from './reminderWorker.ts';
import { BullReminderScheduler } from './scheduler.ts';
import type { Processor, WorkerSpec } from './workers.ts';

export interface ReminderEngineDeps {
  queue: Queue;
  redis: RedisClient;
  keys: Keys;
  items: ItemRepository;
  settings: SettingsSource;
  calendars: CalendarSource;
  messenger: Messenger;
  people: PeopleDirectory;
  clock: Clock;
  time: TimeSettings;
  logger: Logger;
  /** The figure rows the weekly report counts from: the process's one holder of them (`FigureRows`). */
  figures: FigureRows;
  /** Run with each tenant's daily digest: the annual plans' review on its days (`/计划`). */
  dailyReview?: (tenant: string, date: string) => Promise<void>;
  /** What a reminder to a person must follow (`BatcherDeps.cardsFirst`, `cardsBeforeReminder`). */
  cardsFirst: BatcherDeps['cardsFirst'];
}

export interface ReminderEngine {
  scheduler: BullReminderScheduler;
  /** The `reminders` queue's worker. Reminder jobs are short; many run at once at office start. */
  /** `more`: processors of the queue's other job names (occurrences, speech timers), by name. */
  worker(concurrency?: number, more?: Readonly<Record<string, Processor>>): WorkerSpec;
  /** Start the digest chains (awaited) and reconcile plans (in the background). */
  start(): Promise<void>;
  /** Wait for a running reconciliation before the connections close. */
  stop(): Promise<void>;
}

export function createReminderEngine(d: ReminderEngineDeps): ReminderEngine {
  const ledger = new ItemLedger(d.redis, d.keys, d.items);
  const scheduler = new BullReminderScheduler({ ...d, ledger });
  const batcher = new ReminderBatcher({
    queue: d.queue,
    batches: new ReminderBatches(d.redis, d.keys),
    items: d.items,
    messenger: d.messenger,
    people: d.people,
    timezone: d.time.timezone,
    settings: d.settings,
    clock: d.clock,
    cardsFirst: d.cardsFirst,
  });
  const daily = new DailyReminders(d.redis, d.keys);
  let reconciling: Promise<unknown> = Promise.resolve();
  return {
    scheduler,
    worker: (concurrency = 32, more: Readonly<Record<string, Processor>> = {}) => ({
      queue: QUEUE.reminders,
      concurrency,
      processor: createRemindersProcessor({
        remind: createReminderProcessor({ ...d, scheduler, batcher, daily }),
        collect: createCollectorProcessor(batcher),
        digest: createDigestProcessor({ ...d, ledger, scheduler }),
        more,
      }),
    }),
    async start() {
      await scheduler.startPeriodic();
      reconciling = scheduler
        .reconcile()
        .catch((err: unknown) => d.logger.error('reminder plan reconciliation failed', { err }));
    },
    async stop() {
      await reconciling;
    },
  };
}
