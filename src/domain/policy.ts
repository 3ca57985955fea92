/**
 * A group's settings (`/设置`): who leads it, who administers it, and how reminders behave.
 * Defaults follow DESIGN §6; admins change them per group.
 */
import type { Person } from './item.ts';

export interface ReminderPolicy {
  /** Approaching reminders start this many working days before the due day (at office start). */
  approachWorkingDays: number;
  /** Office hours for this group's reminders, `HH:mm`. */
  workdayStart: string;
  workdayEnd: string;
  /** The principal leader is told once an item is this many working days overdue. */
  escalateAfterWorkingDays: number;
  /** An item nobody acknowledged (签收) within this many working days is chased. */
  ackWithinWorkingDays: number;
  /** Daily digest on working days at office start. */
  digest: boolean;
  /** Weekly report on Friday afternoon (the last working day of the week). */
  weeklyReport: boolean;
  /** Escalations are sent at once, even outside office hours, and made urgent (加急). */
  urgentEscalation: boolean;
}

export interface GroupSettings {
  /** 主要负责人 of this group: receives escalations and the leader's digest. */
  principal?: Person;
  /** Group admins (besides `LUOSHI_ADMINS`). */
  admins: Person[];
  policy: ReminderPolicy;
}

export function defaultPolicy(office: { workdayStart: string; workdayEnd: string }): ReminderPolicy {
  return {
    approachWorkingDays: 1,
    workdayStart: office.workdayStart,
    workdayEnd: office.workdayEnd,
    escalateAfterWorkingDays: 2,
    ackWithinWorkingDays: 1,
    digest: true,
    weeklyReport: true,
    urgentEscalation: false,
  };
}

export function defaultGroupSettings(office: { workdayStart: string; workdayEnd: string }): GroupSettings {
  return { admins: [], policy: defaultPolicy(office) };
}
