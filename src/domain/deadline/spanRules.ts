/**
 * Spans people give in weeks and months (DESIGN §5): `一周内`/`N周内` are 7N calendar days,
 * `半个月内` 15 days, `N个月内` the same day N months on (the 31st becomes the month's last day).
 * Like `N天内`, they land wherever they land, at office end; they count from today, or from the
 * day a start marker names (`自12月1日起两周内`).
 */
import { addDays, dateParts, daysInMonth, formatDate, formatMonthDay } from '../time.ts';
import { NUMBER } from './numerals.ts';
import { readCount } from './relativeRules.ts';
import type { PhraseRule } from './types.ts';

const WITHIN = '(?:之内|以内|内)';
const MAX_WEEKS = 520;
const MAX_MONTHS = 120;

const weeks: PhraseRule = {
  name: 'weeks',
  pattern: `(${NUMBER})\\s*个?\\s*(?:周|星期|礼拜)${WITHIN}`,
  read: (m, ctx) => {
    const count = readCount(m[1]!, '周', MAX_WEEKS);
    if (typeof count !== 'number') return count;
    return {
      kind: 'day',
      date: addDays(ctx.base, 7 * count),
      how: `${formatMonthDay(ctx.base)}后第${7 * count}天`,
    };
  },
};

const halfMonth: PhraseRule = {
  name: 'half a month',
  pattern: `半\\s*个?\\s*月${WITHIN}`,
  read: (_m, ctx) => ({
    kind: 'day',
    date: addDays(ctx.base, 15),
    how: `${formatMonthDay(ctx.base)}后第15天`,
  }),
};

/** The same day `n` months after `date`, or that month's last day when it is shorter. */
export function addMonthsClamped(date: string, n: number): string {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + n;
  const [y, mo] = [Math.floor(index / 12), (index % 12) + 1];
  return formatDate(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/** `一个月内`, `3个月内`; the `个` is required: `3月内` would read as March. */
const months: PhraseRule = {
  name: 'months',
  pattern: `(${NUMBER})\\s*个\\s*月${WITHIN}`,
  read: (m, ctx) => {
    const count = readCount(m[1]!, '个月', MAX_MONTHS);
    if (typeof count !== 'number') return count;
    return {
      kind: 'day',
      date: addMonthsClamped(ctx.base, count),
      how: `自${formatMonthDay(ctx.base)}起${count}个月`,
    };
  },
};

export const spanRules: readonly PhraseRule[] = [weeks, halfMonth, months];
