/**
 * Escalations (逾期上报) an item has had. The rule (issue 9 §2): one escalation per item per
 * level for a deadline — never again at that level, whatever replans, policy changes or retried
 * jobs happen after it — but a new deadline (an approved extension) starts afresh. The record
 * lives on the item itself, written in the same compare-and-set as any item change, so it is
 * durable and atomic; the reminder plan reads it and plans no second escalation. Pure.
 */
import type { Item } from './item.ts';

/** Who is told. One level today: the group's principal leader (主要负责人). */
export type EscalationLevel = 'principal';

export interface Escalation {
  level: EscalationLevel;
  /** The deadline that was missed. */
  due: number;
  /** The planned instant of the escalation that was sent (a retry of that job finds its own record). */
  at: number;
}

type Escalatable = Pick<Item, 'due' | 'escalations'>;

/** The escalation already made at `level` for the item's current deadline, if any. */
export function escalationOf(item: Escalatable, level: EscalationLevel): Escalation | undefined {
  return item.escalations?.find((e) => e.level === level && e.due === item.due);
}

/**
 * The item with the escalation planned for `at` recorded, or the very item when one is
 * already recorded for this level and deadline (then `mayEscalate` tells whether it is ours).
 */
export function recordEscalation<T extends Escalatable>(item: T, level: EscalationLevel, at: number): T {
  if (escalationOf(item, level)) return item;
  // Records of earlier deadlines are history nobody reads: keep only the current one per level.
  const kept = (item.escalations ?? []).filter((e) => e.level !== level);
  return { ...item, escalations: [...kept, { level, due: item.due, at }] };
}

/** True when the escalation planned for `at` is the one recorded (so it, and only it, goes out). */
export function mayEscalate(item: Escalatable, level: EscalationLevel, at: number): boolean {
  return escalationOf(item, level)?.at === at;
}
