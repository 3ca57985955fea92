/**
 * Deadlines relative to today: named days (`明天`), weekdays (`下周五`), `本周内`, and spans
 * (`3个工作日内`, `5天内`, `2小时内`, `30分钟内`).
 */
import { addDays, formatMonthDay, weekdayOf } from '../time.ts';
import { NUMBER, readNumeral } from './numerals.ts';
import type { PhraseRule, Reading } from './types.ts';

const WITHIN = '(?:之内|以内|内|之后|以后|后)';

/** Offsets of the named days from today. */
const NAMED_DAYS: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  当天: 0,
  当日: 0,
  即日: 0,
  本日: 0,
  明天: 1,
  明日: 1,
  次日: 1,
  翌日: 1,
  后天: 2,
  大后天: 3,
};

/** Monday-first position in the week: 周一 is 1, 周日/周天 is 7. */
const WEEKDAY_POSITION: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};

/** Caps that keep a typo (`300个工作日`) from walking the calendar for decades. */
const MAX_WORKING_DAYS = 1000;
const MAX_CALENDAR_DAYS = 3660;

function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/**
 * Reads the count in a span. Refuses `十几` (an estimate) and zero; skips a run of characters
 * that only looks like a numeral (`统一三…`).
 */
export function readCount(text: string, unit: string, max: number): number | Reading {
  const reading = readNumeral(text);
  if (reading.kind === 'estimate') {
    return {
      kind: 'refusal',
      refusal: 'vague',
      reason: `“${text}${unit}”不是确定的数目，请写明具体数字，如“3${unit}内”`,
    };
  }
  if (reading.kind === 'invalid') return { kind: 'skip' };
  if (reading.value === 0) {
    return {
      kind: 'refusal',
      refusal: 'impossible',
      reason: `“${text}${unit}”不是有效期限，至少要1${unit}；当天截止请写“今天”`,
    };
  }
  if (reading.value > max) {
    return {
      kind: 'refusal',
      refusal: 'impossible',
      reason: `“${text}${unit}”太远了（最多${max}${unit}），请写明具体日期`,
    };
  }
  return reading.value;
}

const namedDay: PhraseRule = {
  name: 'named day',
  pattern: Object.keys(NAMED_DAYS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  read: (m, ctx) => ({ kind: 'day', date: addDays(ctx.today, NAMED_DAYS[m[0]] ?? 0) }),
};

/** `今晚8点`, `明早9点`: a day that also says which half of it the hour is in. */
const dayWithPart: PhraseRule = {
  name: 'day with part of day',
  pattern: '(今|明)(早上?|晚上?)',
  read: (m, ctx) => ({
    kind: 'day',
    date: addDays(ctx.today, m[1] === '明' ? 1 : 0),
    partOfDay: m[2]!.startsWith('早') ? '上午' : '晚上',
  }),
};

const weekday: PhraseRule = {
  name: 'weekday',
  pattern: '(下下|下|本|这|上)?个?(?:周|星期|礼拜)([一二三四五六日天1-7])',
  read: (m, ctx) => {
    const which = m[1] ?? '';
    const position = WEEKDAY_POSITION[m[2]!]!;
    const monday = mondayOf(ctx.today);
    const thisWeeks = addDays(monday, position - 1);
    if (which === '上') {
      return { kind: 'refusal', refusal: 'past', reason: `“${m[0]}”已经过去，截止时间必须在今天或以后` };
    }
    if (which === '下') return { kind: 'day', date: addDays(thisWeeks, 7) };
    if (which === '下下') return { kind: 'day', date: addDays(thisWeeks, 14) };
    if (which === '本' || which === '这') {
      if (thisWeeks < ctx.today) {
        return {
          kind: 'refusal',
          refusal: 'past',
          reason: `“${m[0]}”（${formatMonthDay(thisWeeks)}）已经过去，请写“下${m[0].slice(1)}”或具体日期`,
        };
      }
      return { kind: 'day', date: thisWeeks };
    }
    // A bare `周五`: the coming Friday, today included (on Saturday it means next week's).
    return { kind: 'day', date: thisWeeks >= ctx.today ? thisWeeks : addDays(thisWeeks, 7) };
  },
};

/**
 * `本周内`: the last working day of this week (Monday–Sunday), which is usually Friday but is
 * Saturday in a week with an adjusted Saturday and Wednesday before a Thursday holiday.
 */
const withinThisWeek: PhraseRule = {
  name: 'within this week',
  pattern: '(?:本|这)个?(?:周|星期|礼拜)(?:之内|以内|内)',
  read: (m, ctx) => {
    const sunday = addDays(mondayOf(ctx.today), 6);
    const { calendar } = ctx.options;
    const last = calendar.isWorkingDay(sunday) ? sunday : calendar.lastWorkingDayBefore(sunday);
    if (last < ctx.today) {
      return {
        kind: 'refusal',
        refusal: 'past',
        reason: `本周已没有工作日，“${m[0]}”无法截止，请写“下周五”或具体日期`,
      };
    }
    return { kind: 'day', date: last, how: '本周最后一个工作日' };
  },
};

const workingDays: PhraseRule = {
  name: 'working days',
  pattern: `(${NUMBER})\\s*个?\\s*工作日${WITHIN}?`,
  read: (m, ctx) => {
    const count = readCount(m[1]!, '个工作日', MAX_WORKING_DAYS);
    if (typeof count !== 'number') return count;
    const date = ctx.options.calendar.addWorkingDays(ctx.base, count);
    return { kind: 'day', date, how: `${formatMonthDay(ctx.base)}后第${count}个工作日` };
  },
};

/** `N天内`: calendar days, landing wherever they land (a Sunday stays a Sunday). */
const calendarDays: PhraseRule = {
  name: 'calendar days',
  pattern: `(${NUMBER})\\s*个?\\s*(?:天|日|自然日)${WITHIN}`,
  read: (m, ctx) => {
    const count = readCount(m[1]!, '天', MAX_CALENDAR_DAYS);
    if (typeof count !== 'number') return count;
    return {
      kind: 'day',
      date: addDays(ctx.base, count),
      how: `${formatMonthDay(ctx.base)}后第${count}天`,
    };
  },
};

const hours: PhraseRule = {
  name: 'hours',
  pattern: `(?:(${NUMBER})\\s*个?\\s*(半)?|(半))\\s*个?\\s*(?:小时|钟头)${WITHIN}?`,
  read: (m, ctx) => {
    let minutes = 30;
    if (m[1] !== undefined) {
      const count = readCount(m[1], '小时', 24 * MAX_CALENDAR_DAYS);
      if (typeof count !== 'number') return count;
      minutes = count * 60 + (m[2] ? 30 : 0);
    }
    return { kind: 'instant', due: ctx.now + minutes * 60_000 };
  },
};

const minutes: PhraseRule = {
  name: 'minutes',
  pattern: `(${NUMBER})\\s*分钟${WITHIN}?`,
  read: (m, ctx) => {
    const count = readCount(m[1]!, '分钟', 60 * 24 * MAX_CALENDAR_DAYS);
    if (typeof count !== 'number') return count;
    return { kind: 'instant', due: ctx.now + count * 60_000 };
  },
};

export const relativeRules: readonly PhraseRule[] = [
  namedDay,
  dayWithPart,
  weekday,
  withinThisWeek,
  workingDays,
  calendarDays,
  hours,
  minutes,
];

/** Days that name the start of a count rather than a deadline: `即日起`, `自12月1日起`. */
export const START_MARKER = /^\s*(?:起|开始|以来)/;

/**
 * `12月31日后` right before a count of days (`12月31日后3个工作日内`) names where the count
 * starts, as `国庆节后3个工作日内` does for a holiday: the day itself is not counted, as with
 * `自12月31日起`. Only counts of days, weeks and months: they are the ones counted from a day
 * (`2小时内` counts from now, so `12月31日后2小时内` stays refused).
 */
const AFTER_MARKER = new RegExp(
  `^\\s*(?:之后|以后|后)(?=\\s*(?:${NUMBER}\\s*个?\\s*(?:工作日|天|日|自然日|周|星期|礼拜|个\\s*月)|半\\s*个?\\s*月))`,
);

/** Where the marker after a day that starts a count ends, or undefined when none follows `pos`. */
export function countStartMarkerEnd(text: string, pos: number): number | undefined {
  const rest = text.slice(pos);
  const m = START_MARKER.exec(rest) ?? AFTER_MARKER.exec(rest);
  return m ? pos + m[0].length : undefined;
}
