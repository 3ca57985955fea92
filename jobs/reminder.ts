/**
 * Processor of reminder jobs (`remind` on the `reminders` queue). Idempotent and built on
 * re-read state: the job says which item, plan version, fire time and kinds; the item itself
 * is read again, and nothing is sent when it is gone, closed, or replanned since (its plan
 * version moved). What is sent must still be in the plan recomputed at the fire time (the
 * group's policy may have changed, or the owner acknowledged meanwhile).
 *
 * Before sending, the job schedules the item's next reminder (`advance`), so a plan carries
 * itself forward one step at a time. Notes are not sent directly: they join the batch of their
 * recipient and minute (`ReminderBatcher`), which a collector sends as one card — made urgent
 * (加急) for a leader when it carries an escalation the group's policy marks urgent.
 *
 * Catching up: when the next reminder of the item is already due as well (the bot was down, or
 * its clock jumped ahead), the routine nags of this one (approach, overdue, 签收) are left to
 * that later reminder; the deadline chase and the escalation are always delivered.
 */
import type { Job } from 'bullmq';
import type { CalendarSource } from '../src/bot/deps.ts';
import { reminderCardNotes } from '../src/bot/views/reminderCards.ts';
import type { Clock } from '../src/clock.ts';
import { isClosed } from '../src/domain/item.ts';
import { OfficeHours } from '../src/domain/officeHours.ts';
import { kindsAt, planReminders, type ReminderKind } from '../src/domain/reminderPlan.ts';
import type { Logger } from '../src/logger.ts';
import type { ReminderBatcher } from '../src/scheduling/batcher.ts';
import type { ReminderJobData, ReminderScheduler } from '../src/scheduling/scheduler.ts';
import type { ItemRepository } from '../src/storage/itemRepository.ts';
import type { SettingsSource } from '../src/storage/settingsStore.ts';

export interface ReminderProcessorDeps {
  items: ItemRepository;
  settings: SettingsSource;
  calendars: CalendarSource;
  clock: Clock;
  logger: Logger;
  scheduler: Pick<ReminderScheduler, 'advance'>;
  batcher: ReminderBatcher;
}

const ALWAYS_DELIVERED: readonly ReminderKind[] = ['due', 'escalate'];

export function createReminderProcessor(deps: ReminderProcessorDeps) {
  return async (job: Job<ReminderJobData>): Promise<string> => {
    const { tenant, no, planVersion, fireAt } = job.data;
    const item = await deps.items.get(tenant, no);
    if (!item || isClosed(item) || item.planVersion !== planVersion) {
      deps.logger.debug('reminder no longer applies', { tenant, no, planVersion, fireAt, jobId: job.id });
      return 'stale';
    }
    const [settings, calendar] = await Promise.all([
      deps.settings.get(tenant, item.chatId),
      deps.calendars.calendarFor(tenant),
    ]);
    const now = deps.clock.now();
    deps.logger.debug('reminder fired', { tenant, no, fireAt, kinds: job.data.kinds, lateMs: now - fireAt });

    const plan = planReminders(item, settings.policy, calendar, fireAt);
    const next = await deps.scheduler.advance(item, plan, fireAt);
    let kinds = kindsAt(plan, fireAt).filter((k) => job.data.kinds.includes(k));
    if (next && next.fireAt <= now) kinds = kinds.filter((k) => ALWAYS_DELIVERED.includes(k));
    if (kinds.length === 0) return 'nothing to send';

    const office = new OfficeHours(calendar, settings.policy.workdayStart, settings.policy.workdayEnd);
    for (const note of reminderCardNotes(kinds, item, { settings, office, fireAt }))
      await deps.batcher.add(tenant, note, fireAt);
    return kinds.join('+');
  };
}
