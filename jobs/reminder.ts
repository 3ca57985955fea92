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
 * that later reminder; the deadline chase and the escalation are always delivered — and, when
 * the job runs so late that office hours are over, they wait for the next office start (the
 * plan put them in office hours; a late job must not take them out again).
 *
 * The reminders of an office start (临近提醒, 逾期催办, 签收催办) and the deadline chase go out
 * once a day per item and kind (`DailyReminders`): a plan redone after the office start moved
 * later that day does not send the morning's reminder again.
 *
 * An escalation is recorded on the item before it is sent (`escalation.ts`), in the item's own
 * compare-and-set: the first job to record it sends it, a retry of that job finds its own
 * record and sends it again under the same key (shown once), and any other job — of a plan
 * replanned after an admin changed the policy — finds the record and sends nothing.
 */
import type { Job } from 'bullmq';
import type { CalendarSource } from '../src/bot/deps.ts';
import { reminderCardNotes } from '../src/bot/views/reminderCards.ts';
import type { Clock } from '../src/clock.ts';
import { type EscalationLevel, mayEscalate, recordEscalation } from '../src/domain/escalation.ts';
import { type Item, isClosed } from '../src/domain/item.ts';
import { OfficeHours } from '../src/domain/officeHours.ts';
import type { GroupSettings } from '../src/domain/policy.ts';
import { kindsAt, planReminders, type ReminderKind } from '../src/domain/reminderPlan.ts';
import type { Logger } from '../src/logger.ts';
import type { ReminderBatcher } from '../src/scheduling/batcher.ts';
import type { ReminderJobData, ReminderScheduler } from '../src/scheduling/reminderScheduler.ts';
import { BOT_ACTOR } from '../src/storage/audit.ts';
import type { DailyReminders } from '../src/storage/dailyReminders.ts';
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
  daily: DailyReminders;
}

const ALWAYS_DELIVERED: readonly ReminderKind[] = ['due', 'escalate'];
/**
 * Kinds sent at most once a day (`DailyReminders`): those of an office start, and the deadline
 * chase — moved to an office start when the deadline fell outside office hours, it was sent
 * again when the office start moved later that morning (trial). The chase's claim names its
 * deadline, so an extension to later the same day is chased again.
 */
const ONCE_A_DAY: readonly ReminderKind[] = ['unacknowledged', 'approach', 'due', 'overdue'];
const MINUTE = 60_000;

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

    if (kinds.includes('escalate') && !(await recorded(item, settings, fireAt, now)))
      kinds = kinds.filter((k) => k !== 'escalate');
    if (kinds.length === 0) return 'already escalated';

    const office = new OfficeHours(calendar, settings.policy.workdayStart, settings.policy.workdayEnd);
    // On time (within the planned minute) or late but still in office hours: the planned minute.
    const onTime = Math.floor(now / MINUTE) <= Math.floor(fireAt / MINUTE) || office.mayPush(now);
    const sendAt = onTime ? fireAt : office.pushAt(now);
    if (!onTime)
      deps.logger.info('reminder fired after office hours; held to office start', { tenant, no, fireAt });
    for (const kind of kinds.filter((k) => ONCE_A_DAY.includes(k))) {
      const claimed = kind === 'due' ? `due-${item.due}` : kind;
      if (!(await deps.daily.claim(tenant, no, claimed, office.dayOf(sendAt), fireAt)))
        kinds = kinds.filter((k) => k !== kind);
    }
    if (kinds.length === 0) return 'already reminded today';
    // Worded as of when it goes out: a chase held overnight does not say "今天" of yesterday.
    for (const note of reminderCardNotes(kinds, item, { settings, office, fireAt: sendAt }))
      await deps.batcher.add(tenant, note, sendAt);
    return kinds.join('+');
  };

  /** Records the escalation planned for `fireAt`; true when it is this one to send. */
  async function recorded(
    item: Item,
    settings: GroupSettings,
    fireAt: number,
    now: number,
  ): Promise<boolean> {
    const level: EscalationLevel = 'principal';
    const told = settings.principal ?? item.lead;
    const change = await deps.items.update(
      item.tenant,
      item.no,
      (current) =>
        isClosed(current) || current.planVersion !== item.planVersion
          ? current
          : recordEscalation(current, level, fireAt),
      {
        actor: BOT_ACTOR,
        action: 'escalate',
        at: now,
        detail: told ? `告知 ${told.name || '主要负责人'}` : '本群未设主要负责人，告知本群',
      },
    );
    return change !== undefined && mayEscalate(change.after, level, fireAt);
  }
}
