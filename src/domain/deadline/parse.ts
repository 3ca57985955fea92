/**
 * `parseDeadline`: finds the deadline in a phrase or sentence and resolves it to an instant.
 *
 * The rules are tried in three tiers, each only when the one before found no deadline:
 *   1. days, dates, periods, spans and holidays (`12月10日`, `下周五`, `3个工作日内`, `2小时内`,
 *      `国庆节前`), each optionally followed by a time of day (`12月10日17时前`); schedules
 *      (`每周五`) are read here too, as refusals, so that no part of them is read as a deadline;
 *   2. a time of day alone, meaning today (`下午3点前`);
 *   3. words that name no time (`尽快`, a holiday without 前/后) or a past one (`昨天`), which
 *      only produce reasons.
 * Within a tier the leftmost match wins, the longest on a tie. An impossible date or time
 * stops the search at once: we never read around something the user clearly got wrong.
 */
import {
  addDays,
  atLocal,
  formatDayWithWeekday,
  formatDue,
  formatMonthDay,
  isValidDate,
  localDate,
  localTime,
  WEEKDAY_CN,
  weekdayOf,
  yearOf,
} from '../time.ts';
import { dateRules } from './dateRules.ts';
import { holidayRules, holidayWithoutSide } from './holidayRules.ts';
import { type Found, findAll, hintedTimeAt, matchAt, normalise, skip } from './matching.ts';
import { monthRules } from './monthRules.ts';
import { notDeadlineRules } from './notDeadlineRules.ts';
import { EXAMPLES, refusalRules } from './refusalRules.ts';
import { countStartMarkerEnd, relativeRules } from './relativeRules.ts';
import { spanRules } from './spanRules.ts';
import { timeRules } from './timeRules.ts';
import type {
  DeadlineOptions,
  DeadlineResult,
  ParseContext,
  PhraseRule,
  Reading,
  RefusalKind,
  TimeOfDay,
} from './types.ts';

/** A deadline or refusal together with where in the phrase it was read. */
export type DeadlineOutcome =
  | (Extract<DeadlineResult, { ok: true }> & { start: number; end: number })
  | { ok: false; reason: string; refusal: RefusalKind; start?: number; end?: number };

const primaryRules: readonly PhraseRule[] = [
  ...dateRules,
  ...monthRules,
  ...relativeRules,
  ...spanRules,
  ...holidayRules,
  ...notDeadlineRules,
];
const lastResortRules: readonly PhraseRule[] = [...refusalRules, holidayWithoutSide];

const TIME_SEPARATOR = /[\sT,，的]*/y;
const BEFORE = /\s*(?:之前|以前|前|为止)/y;

function timeInstant(date: string, time: TimeOfDay, timezone: string): number {
  if (time.hour === 24) return atLocal(addDays(date, 1), '00:00', timezone);
  return atLocal(
    date,
    `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`,
    timezone,
  );
}

export function readDeadline(phrase: string, now: number, options: DeadlineOptions): DeadlineOutcome {
  const text = normalise(phrase);
  const today = localDate(now, options.timezone);
  const ctx: ParseContext = { now, today, base: today, options };
  const currentYear = yearOf(today);
  const taken: Array<[number, number]> = [];
  const isTaken = (f: Found) => taken.some(([s, e]) => f.start < e && f.end > s);
  let firstRefusal: DeadlineOutcome | undefined;
  let countFrom: number | undefined;

  const refuse = (
    reading: Extract<Reading, { kind: 'refusal' }>,
    start: number,
    end: number,
  ): DeadlineOutcome => ({
    ok: false,
    reason: reading.reason,
    refusal: reading.refusal,
    start,
    end,
  });

  /** Past instants become refusals; everything else becomes the answer. */
  const settle = (
    due: number,
    allDay: boolean,
    body: string,
    start: number,
    end: number,
    lastDay: string,
  ) => {
    const matched = phrase.slice(start, end).trim();
    if (due <= now) {
      const reason = `“${matched}”（${formatDue(due, options.timezone)}）已经过去，截止时间必须晚于现在（${formatDue(now, options.timezone)}），${EXAMPLES}`;
      firstRefusal ??= { ok: false, reason, refusal: 'past', start, end };
      return undefined;
    }
    const uncoveredYears = options.calendar.uncoveredYears(today, ctx.base, lastDay);
    return {
      ok: true as const,
      due,
      allDay,
      // `12月9日（周三）下班前`, not `12月9日：12月9日（周三）下班前` (trial): the phrase only when it adds.
      explanation: body.startsWith(matched) ? body : `${matched}：${body}`,
      uncoveredYears,
      matched,
      start,
      end,
    };
  };

  // Tier 1: days, dates, periods and spans, each with an optional time of day after it.
  for (const found of findAll(primaryRules, text)) {
    if (isTaken(found)) continue;
    let reading = found.rule.read(found.match, ctx);
    if (reading.kind === 'skip') continue;
    const markerEnd = reading.kind === 'day' ? countStartMarkerEnd(text, found.end) : undefined;
    if (reading.kind === 'day' && markerEnd !== undefined) {
      // `即日起` / `自12月1日起` / `12月31日后3个工作日内`: where a count starts, not a deadline.
      // A month-day already past this year is this year's here (`自11月1日起`), not next year's.
      let start = reading.date;
      if (reading.note && start > today) {
        const year = yearOf(start) - 1;
        const [month, day] = [Number(start.slice(5, 7)), Number(start.slice(8))];
        if (isValidDate(year, month, day)) start = `${year}${start.slice(4)}`;
      }
      ctx.base = start;
      countFrom = found.start;
      taken.push([found.start, markerEnd]);
      continue;
    }
    let end = found.end;
    let time: TimeOfDay | undefined;
    if (reading.kind === 'day' || reading.kind === 'refusal') {
      const pos = skip(TIME_SEPARATOR, text, end);
      const t =
        reading.kind === 'day' && reading.partOfDay
          ? hintedTimeAt(text, pos, reading.partOfDay)
          : matchAt(timeRules, text, pos);
      const timeReading = t?.rule.read(t.match, ctx);
      if (t && timeReading && timeReading.kind !== 'skip') {
        end = t.end;
        if (timeReading.kind === 'time') time = timeReading.time;
        else if (timeReading.kind === 'refusal' && reading.kind === 'day') reading = timeReading;
      }
    }
    end = skip(BEFORE, text, end);
    taken.push([found.start, end]);
    const start =
      countFrom !== undefined && reading.kind !== 'refusal' ? Math.min(countFrom, found.start) : found.start;
    if (reading.kind === 'refusal') {
      if (reading.refusal === 'impossible') return refuse(reading, start, end);
      firstRefusal ??= refuse(reading, start, end);
      continue;
    }
    if (reading.kind === 'instant') {
      const day = localDate(reading.due, options.timezone);
      const body = `${formatDayWithWeekday(day, currentYear)}${localTime(reading.due, options.timezone)}`;
      const outcome = settle(reading.due, false, body, start, end, day);
      if (outcome) return outcome;
      continue;
    }
    if (reading.kind !== 'day') continue;
    if (reading.partOfDay && !time) {
      const matched = phrase.slice(start, end).trim();
      firstRefusal ??= refuse(
        { kind: 'refusal', refusal: 'vague', reason: `“${matched}”没有写明几点，如“${matched}8点”` },
        start,
        end,
      );
      continue;
    }
    const due = time
      ? timeInstant(reading.date, time, options.timezone)
      : atLocal(reading.date, options.workdayEnd, options.timezone);
    const dayText = reading.how
      ? `${reading.how}（${formatMonthDay(reading.date, currentYear)} ${WEEKDAY_CN[weekdayOf(reading.date)]}）`
      : formatDayWithWeekday(reading.date, currentYear);
    const body = `${dayText}${time ? time.label : '下班前'}${reading.note ? `（${reading.note}）` : ''}`;
    const outcome = settle(due, time === undefined, body, start, end, reading.date);
    if (outcome) return outcome;
  }

  // Tier 2: a time of day alone means today.
  for (const found of findAll(timeRules, text)) {
    if (isTaken(found)) continue;
    const reading = found.rule.read(found.match, ctx);
    if (reading.kind === 'skip') continue;
    const end = skip(BEFORE, text, found.end);
    taken.push([found.start, end]);
    if (reading.kind === 'refusal') {
      if (reading.refusal === 'impossible') return refuse(reading, found.start, end);
      firstRefusal ??= refuse(reading, found.start, end);
      continue;
    }
    if (reading.kind !== 'time') continue;
    const due = timeInstant(today, reading.time, options.timezone);
    const outcome = settle(
      due,
      false,
      `${formatDayWithWeekday(today, currentYear)}${reading.time.label}`,
      found.start,
      end,
      today,
    );
    if (outcome) return outcome;
  }

  // Tier 3: words that only ever produce a reason.
  for (const found of findAll(lastResortRules, text)) {
    if (isTaken(found)) continue;
    const reading = found.rule.read(found.match, ctx);
    if (reading.kind === 'refusal') {
      firstRefusal ??= refuse(reading, found.start, skip(BEFORE, text, found.end));
      break;
    }
  }

  return firstRefusal ?? { ok: false, refusal: 'none', reason: `没有找到截止时间，请写明，${EXAMPLES}` };
}

/** Reads the deadline in `phrase` (a bare phrase or a whole sentence) as of `now`. */
export function parseDeadline(phrase: string, now: number, options: DeadlineOptions): DeadlineResult {
  const outcome = readDeadline(phrase, now, options);
  if (!outcome.ok) return { ok: false, reason: outcome.reason };
  const { start: _start, end: _end, ...result } = outcome;
  return result;
}
