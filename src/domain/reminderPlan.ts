/**
 * The reminder plan of an item (DESIGN §6): which reminders fire when, from the item, its
 * group's policy, the working-day calendar and the current instant. Pure: the scheduler turns
 * the plan into BullMQ delayed jobs, and the reminder worker recomputes it when a job fires to
 * check that what it is about to send still belongs to the item's plan.
 *
 * Choices:
 * - Office hours are a promise: every fire time, of every kind, is a moment the group's office
 *   hours allow a push (`OfficeHours.pushAt`: a working day, office start through the minute of
 *   office end). What would fall outside waits for the next office start — the deadline chase
 *   of a deadline set for 20:00 or a Saturday, and a 加急 escalation too.
 * - Every fire time is a whole minute, rounded up when the deadline or the creation time has
 *   seconds (`2小时内` does): deadlines are shown to the minute, a reminder is never early, and
 *   reminders to one person in the same minute are then reminders of the same instant, which
 *   the batcher gathers into one message after a short settling wait.
 * - Times before `now` are dropped; a time equal to `now` is kept, so a job firing at `fireAt`
 *   finds itself in `planReminders(…, fireAt)` and the next reminders in `planReminders(…, fireAt + 1)`.
 * - `approach`: office start on each of the `approachWorkingDays` working days before the due
 *   day (holidays skipped: a deadline on the first day after the National Day break is
 *   approached on the last working day before it), and office start on the due day when that
 *   is a working day and earlier than the deadline.
 * - `due`: at the deadline (a deadline at office end is chased at office end), or at the next
 *   office start when the deadline is outside office hours; an overdue chase planned for that
 *   same office start is left out, the deadline chase says it.
 * - `overdue`: office start on every working day after the due day, until the item closes.
 *   The plan lists the next OVERDUE_HORIZON of them from `now`; because each firing plans the
 *   rest from its own time, the horizon slides forward and the chase never stops by itself.
 * - `escalate`: once per deadline, when the item has been overdue for `escalateAfterWorkingDays`
 *   working days — the deadline's time of day on the N-th working day after the due day (a
 *   deadline on Tuesday 18:00 with N = 2 crosses the line on Thursday 18:00). It goes out at the
 *   next office-hours moment after that (Friday 09:00), or — when escalations are urgent — at
 *   that very instant when office hours allow it (18:00 does). An escalation made is recorded
 *   on the item with its instant (`escalation.ts`), and the plan lists it there and nowhere
 *   else, so only a retry of its own job finds it. One owed but not made, because an admin
 *   lowered N after the line was crossed, goes out at the next moment a push may.
 * - `unacknowledged`: when nobody 签收'd within `ackWithinWorkingDays` working days of the
 *   item's creation. The clock starts at creation, or at the next office start when the item
 *   was created outside office hours; the chase fires at the same office time N working days
 *   later. No chase when that falls at or after the deadline (the due chase speaks then), and
 *   none when the policy says 0. None for a check-in of a breakdown (`isCheckIn`): it is
 *   received with its main item, whose chase is the one; so a 签收 of the main item also
 *   silences a chase planned for a check-in before this rule (the job re-plans when it fires).
 * - A closed item has no plan; neither has a `review` item (整改 waiting for the lead leader's
 *   销号: the owners have done their part, and the digest shows it to the leader).
 */
import { isCheckIn } from './breakdown.ts';
import type { WorkingDayCalendar } from './calendar.ts';
import { escalationOf } from './escalation.ts';
import { type Item, isClosed } from './item.ts';
import { OfficeHours } from './officeHours.ts';
import type { ReminderPolicy } from './policy.ts';
import { atLocal, localTime } from './time.ts';

export type ReminderKind = 'unacknowledged' | 'approach' | 'due' | 'overdue' | 'escalate';

/** Order of kinds that fire at the same instant (and of sections in a batched message). */
export const REMINDER_KINDS: readonly ReminderKind[] = [
  'unacknowledged',
  'approach',
  'due',
  'overdue',
  'escalate',
];

export interface PlannedReminder {
  kind: ReminderKind;
  fireAt: number;
}

/** Reminders of one item that fire at the same instant: one scheduled job. */
export interface ReminderGroup {
  fireAt: number;
  kinds: ReminderKind[];
}

/** How many future overdue reminders a plan lists. */
export const OVERDUE_HORIZON = 10;

export type PlanInput = Pick<Item, 'status' | 'due' | 'createdAt' | 'acknowledgedAt' | 'escalations'> &
  Partial<Pick<Item, 'kind' | 'parentNo'>>;

const wholeDays = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);
const MINUTE = 60_000;
/** The first whole minute at or after `ms`. */
export const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE) * MINUTE;

export function planReminders(
  item: PlanInput,
  policy: ReminderPolicy,
  calendar: WorkingDayCalendar,
  now: number,
): PlannedReminder[] {
  if (isClosed(item) || item.status === 'review') return [];
  const office = new OfficeHours(calendar, policy.workdayStart, policy.workdayEnd);
  const dueDay = office.dayOf(item.due);
  const plan: PlannedReminder[] = [];
  // The one gate every reminder passes: moved into office hours, then dropped when past.
  const add = (kind: ReminderKind, wanted: number) => {
    const fireAt = office.pushAt(wanted);
    if (fireAt >= now) plan.push({ kind, fireAt });
  };

  const ackDays = wholeDays(policy.ackWithinWorkingDays);
  if (item.acknowledgedAt === undefined && ackDays > 0 && !isCheckIn(item)) {
    const from = office.nextOpen(ceilMinute(item.createdAt));
    const fromDay = office.dayOf(from);
    const chase =
      office.startOf(calendar.addWorkingDays(fromDay, ackDays)) + (from - office.startOf(fromDay));
    if (chase < item.due) add('unacknowledged', chase);
  }

  for (let k = wholeDays(policy.approachWorkingDays); k >= 1; k--) {
    const start = office.startOf(calendar.addWorkingDays(dueDay, -k));
    if (start < item.due) add('approach', start);
  }
  if (office.isWorkingDay(dueDay) && office.startOf(dueDay) < item.due)
    add('approach', office.startOf(dueDay));

  add('due', ceilMinute(item.due));
  const dueChase = plan.find((r) => r.kind === 'due')?.fireAt;

  // The first overdue day worth listing: after the due day, and not before today.
  let day = calendar.nextWorkingDay(dueDay);
  const today = office.dayOf(now);
  if (day < today) day = office.workingDayFrom(today);
  if (office.startOf(day) < now) day = calendar.nextWorkingDay(day);
  for (let listed = 0; listed < OVERDUE_HORIZON; day = calendar.nextWorkingDay(day)) {
    // A deadline chase moved to this office start speaks for the day's overdue chase.
    if (office.startOf(day) === dueChase) continue;
    add('overdue', office.startOf(day));
    listed++;
  }

  const made = escalationOf(item, 'principal');
  // One made stays where it was: only its own job, retried at that instant, still finds it.
  if (made) {
    if (made.at >= now) plan.push({ kind: 'escalate', fireAt: made.at });
  } else {
    const crossDay = calendar.addWorkingDays(dueDay, wholeDays(policy.escalateAfterWorkingDays));
    // The deadline's wall-clock minute (rounded up, as the due chase) on the day the line is crossed.
    const crossed =
      atLocal(crossDay, localTime(item.due, calendar.timezone), calendar.timezone) +
      (ceilMinute(item.due) - Math.floor(item.due / MINUTE) * MINUTE);
    const wanted = policy.urgentEscalation ? crossed : office.nextOpen(crossed);
    add('escalate', Math.max(wanted, ceilMinute(now)));
  }

  return plan.sort(byFireTime);
}

export function byFireTime(a: PlannedReminder, b: PlannedReminder): number {
  return a.fireAt - b.fireAt || REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind);
}

/** A sorted plan folded into one group per fire time, earliest first. */
export function groupByFireTime(plan: readonly PlannedReminder[]): ReminderGroup[] {
  const groups: ReminderGroup[] = [];
  for (const r of plan) {
    const last = groups.at(-1);
    if (last && last.fireAt === r.fireAt) {
      if (!last.kinds.includes(r.kind)) last.kinds.push(r.kind);
    } else groups.push({ fireAt: r.fireAt, kinds: [r.kind] });
  }
  return groups;
}

/** Kinds planned for exactly `fireAt`, in `REMINDER_KINDS` order. */
export function kindsAt(plan: readonly PlannedReminder[], fireAt: number): ReminderKind[] {
  return REMINDER_KINDS.filter((k) => plan.some((r) => r.fireAt === fireAt && r.kind === k));
}
