/**
 * A recurring schedule's rule (`每月5日前`, `每周五16:00`, `每月最后一个工作日，顺延`), as data.
 *
 * The rule is plain JSON, so a scheduler can store it and read it back (`recurrenceRuleSchema`
 * checks what comes back); nothing in it depends on when it was read except the anchor week of
 * a fortnightly rule, fixed at parse time so that "every other Friday" stays the same Fridays.
 * Occurrences are computed from it with the working-day calendar (`occurrences.ts`).
 */
import { z } from 'zod';

/** What happens to an occurrence whose day is not a working day. */
export type RestDayMove =
  /** `遇节假日提前` (the default, the usual rule for 报送): the last working day before it. */
  | 'earlier'
  /** `顺延`: the first working day after it. */
  | 'later';

export type RecurrencePattern =
  /** `每天`, `每个工作日`: every working day; rest days are skipped, not moved. */
  | { kind: 'workday' }
  /**
   * `每周五` (interval 1), `每两周周五` (interval 2). `weekday` is Monday-first, 1–7. `anchor` is
   * the Monday of a week that has an occurrence; with interval 1 every week does.
   */
  | { kind: 'weekly'; weekday: number; interval: 1 | 2; anchor: string }
  /** `每月5日`: that day of each month, the month's last day when it is shorter. */
  | { kind: 'monthDay'; day: number }
  /** `每月第3个工作日`: always a working day, so never moved. */
  | { kind: 'monthWorkday'; n: number }
  /** `每月最后一个工作日`. */
  | { kind: 'monthLastWorkday' }
  /** `每季度末`: 3月31日, 6月30日, 9月30日, 12月31日. */
  | { kind: 'quarterEnd' }
  /** `每年12月10日`. */
  | { kind: 'yearly'; month: number; day: number };

export interface RecurrenceRule {
  pattern: RecurrencePattern;
  /** Local `HH:mm` each occurrence is due; absent: office end, whatever office hours are then. */
  time?: string;
  /** Ignored by patterns that only name working days. */
  onRestDay: RestDayMove;
  /** The rule as the user wrote it, for lists and cards. */
  text: string;
}

/** One occurrence of a rule. */
export interface Occurrence {
  /**
   * Its identity within the schedule, stable when the calendar changes (an imported holiday
   * moves the day, not the key): the nominal day for daily and weekly rules (`2026-12-04`), the
   * month (`2026-12`), the quarter (`2026-Q4`) or the year (`2027`). Job and item ids derive
   * from it, so an occurrence is never created twice.
   */
  key: string;
  /** The day the rule names, before any move (`YYYY-MM-DD`). */
  nominal: string;
  /** The day it falls due. */
  date: string;
  /** Epoch milliseconds. */
  due: number;
  /** Set when the nominal day was a rest day and the occurrence moved. */
  moved?: RestDayMove;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const recurrenceRuleSchema: z.ZodType<RecurrenceRule> = z.object({
  pattern: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('workday') }),
    z.object({
      kind: z.literal('weekly'),
      weekday: z.number().int().min(1).max(7),
      interval: z.union([z.literal(1), z.literal(2)]),
      anchor: isoDay,
    }),
    z.object({ kind: z.literal('monthDay'), day: z.number().int().min(1).max(31) }),
    z.object({ kind: z.literal('monthWorkday'), n: z.number().int().min(1).max(31) }),
    z.object({ kind: z.literal('monthLastWorkday') }),
    z.object({ kind: z.literal('quarterEnd') }),
    z.object({
      kind: z.literal('yearly'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
    }),
  ]),
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  onRestDay: z.enum(['earlier', 'later']),
  text: z.string(),
});
