/**
 * Deterministic BullMQ job ids for the `reminders` queue. Adding a job whose id exists is a
 * no-op in BullMQ, so every retry, replan or restart that computes the same id schedules the
 * same job once. BullMQ forbids `:` in custom ids and ids that look like integers; parts that
 * come from outside (tenant keys, chat and open ids) are escaped so they contain neither `.`
 * (our separator) nor `:`.
 *
 *   reminder   r.<tenant>.<no>.<planVersion>.<fireAt ms>.<kind>[+<kind>…]
 *   collector  c.<tenant>.<target>.<minute>.<part>
 *   digest     digest-daily-2026-11-27, digest-weekly-2026-11-27
 *   a group's digest held to its own office start   g.<tenant>.<chat>.<kind>.<date>.<fireAt ms>
 *   an occurrence of a schedule made an item   o.<tenant>.<schedule no>.<generation>.<occurrence key>
 */

import type { PeriodicKind } from '../domain/periodicSchedule.ts';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminderPlan.ts';

export type { PeriodicKind };

/** Anything but letters, digits, `_` and `-` becomes `%` and four hex digits (one UTF-16 unit). */
const escapeIdPart = (s: string) =>
  s.replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const unescapeIdPart = (s: string) =>
  s.replace(/%([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

export interface ReminderJobKey {
  tenant: string;
  no: number;
  planVersion: number;
  fireAt: number;
  kinds: readonly ReminderKind[];
}

export function reminderJobId(k: ReminderJobKey): string {
  return `r.${escapeIdPart(k.tenant)}.${k.no}.${k.planVersion}.${k.fireAt}.${k.kinds.join('+')}`;
}

export function parseReminderJobId(id: string): ReminderJobKey | undefined {
  const m = /^r\.([^.]+)\.(\d+)\.(\d+)\.(\d+)\.([a-z+]+)$/.exec(id);
  if (!m) return undefined;
  const kinds = m[5]!.split('+') as ReminderKind[];
  if (!kinds.every((k) => REMINDER_KINDS.includes(k))) return undefined;
  return {
    tenant: unescapeIdPart(m[1]!),
    no: Number(m[2]),
    planVersion: Number(m[3]),
    fireAt: Number(m[4]),
    kinds,
  };
}

export interface CollectorJobKey {
  tenant: string;
  /** A chat id or an open id: where the batched message goes. */
  target: string;
  /** The planned fire time's minute, `floor(fireAt / 60 000)`. */
  minute: number;
  part: number;
}

export function collectorJobId(k: CollectorJobKey): string {
  return `c.${escapeIdPart(k.tenant)}.${escapeIdPart(k.target)}.${k.minute}.${k.part}`;
}

/** The minute a collector job gathers, or undefined for any other id. */
export function collectorMinute(id: string): number | undefined {
  const m = /^c\.[^.]+\.[^.]+\.(\d+)\.\d+$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

export function periodicJobId(kind: PeriodicKind, date: string): string {
  return `digest-${kind}-${date}`;
}

/**
 * The run of a periodic job for one group whose office hours did not include the run's time,
 * at `fireAt` (a run held again, because it came late, is a new job).
 */
export function groupPeriodicJobId(
  kind: PeriodicKind,
  date: string,
  tenant: string,
  chatId: string,
  fireAt: number,
): string {
  return `g.${escapeIdPart(tenant)}.${escapeIdPart(chatId)}.${kind}.${date}.${fireAt}`;
}

/**
 * A group's share of the `date` run at its own office start, before the run (`earlyShareAt`):
 * one per group and day whatever that start is, so the share planned ahead, the run that finds
 * it and a move after a change of hours are all the same job.
 */
export function groupStartJobId(kind: PeriodicKind, date: string, tenant: string, chatId: string): string {
  return `g.${escapeIdPart(tenant)}.${escapeIdPart(chatId)}.${kind}.${date}.start`;
}

/** The job that makes occurrence `key` of schedule `no` an item (its fire time is in its data). */
export function occurrenceJobId(tenant: string, no: number, generation: number, key: string): string {
  return `o.${escapeIdPart(tenant)}.${no}.${generation}.${escapeIdPart(key)}`;
}
