/**
 * Shapes shared by the phrase rules and the parser. Public types are re-exported from
 * `index.ts`; `Reading` and `PhraseRule` are internal to `src/domain/deadline`.
 */
import type { WorkingDayCalendar } from '../calendar.ts';

export interface DeadlineOptions {
  calendar: WorkingDayCalendar;
  timezone: string;
  /** Office hours, `HH:mm` local time; a day without a time means that day at `workdayEnd`. */
  workdayStart: string;
  workdayEnd: string;
}

export type DeadlineResult =
  | {
      ok: true;
      /** Epoch milliseconds. */
      due: number;
      /** The phrase named a day but no time of day: `due` is that day at office end. */
      allDay: boolean;
      /** Chinese, for confirmations: `3个工作日内：11月26日后第3个工作日（12月1日 周二）下班前`. */
      explanation: string;
      /** Years the answer touched whose official arrangements are unknown (see WorkingDayCalendar). */
      uncoveredYears: number[];
      /** The substring of the phrase that was read. */
      matched: string;
    }
  | { ok: false; reason: string };

/**
 * Why a phrase was refused; the trailing-phrase split prefers specific refusals
 * (`impossible`, `past`, `vague`) over `none` when choosing the most helpful one.
 * `recurrence`: a schedule (`每周五`), which `/周期` takes; `uncovered`: a holiday whose
 * arrangement for that year nobody has published or entered.
 */
export type RefusalKind = 'none' | 'vague' | 'impossible' | 'past' | 'misplaced' | 'recurrence' | 'uncovered';

/** What the rules see: the instant, today's local date and the settings. */
export interface ParseContext {
  now: number;
  today: string;
  /** The day counts start from: today, or the day of a start marker (`自12月1日起`). */
  base: string;
  options: DeadlineOptions;
}

/** A time of day named in the phrase; `hour` may be 24 (`24时` = the end of that day). */
export interface TimeOfDay {
  hour: number;
  minute: number;
  /** How to show it: `15:00`, or `下班前` for office end. */
  label: string;
}

/** What one rule made of its match. */
export type Reading =
  /** A calendar day; a following time of day may refine it, otherwise office end. */
  | {
      kind: 'day';
      date: string;
      /** How the day was found, shown before it: `11月26日后第3个工作日`. Empty for plain dates. */
      how?: string;
      /** Shown after the time: `今年的3月1日已过，按明年计`. */
      note?: string;
      /** `今晚`, `明早`: the part of day a following bare hour belongs to (`今晚8点` is 20:00). */
      partOfDay?: '上午' | '晚上';
    }
  /** An exact instant (`2小时内`); no time of day attaches to it. */
  | { kind: 'instant'; due: number }
  | { kind: 'time'; time: TimeOfDay }
  | { kind: 'refusal'; refusal: RefusalKind; reason: string }
  /** The match turned out not to be a deadline after all (e.g. a number we cannot read). */
  | { kind: 'skip' };

export interface PhraseRule {
  /** For tests and debugging. */
  name: string;
  /** Regex source, compiled with `g` to search and `y` to match at a position. */
  pattern: string;
  read(match: RegExpExecArray, ctx: ParseContext): Reading;
}
