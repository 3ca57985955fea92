/**
 * Times of day: `下午3点半`, `17时30分`, `17:00`, `晚上8点`, `中午`, `下班前`.
 *
 * An hour of 1–6 with no part of day (`3点`) is refused rather than guessed: in speech it
 * usually means the afternoon, on paper it would be 03:00, and either guess can be wrong.
 * `24时` is accepted as the very end of that day, as in `12月31日24时前`.
 */
import { NUMBER, numeralValue } from './numerals.ts';
import type { ParseContext, PhraseRule, Reading, TimeOfDay } from './types.ts';

const PART_OF_DAY = '(上午|早上|早晨|中午|下午|傍晚|晚上)';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function at(hour: number, minute: number): Reading {
  return { kind: 'time', time: { hour, minute, label: `${pad(hour)}:${pad(minute)}` } };
}

function impossibleTime(written: string, why: string): Reading {
  return { kind: 'refusal', refusal: 'impossible', reason: `“${written}”不是有效时间：${why}` };
}

/** The 24-hour hour for `hour` said with a part of day, or undefined when they contradict. */
function toDayHour(part: string | undefined, hour: number): number | undefined {
  switch (part) {
    case undefined:
      return hour;
    case '上午':
    case '早上':
    case '早晨':
      return hour <= 12 ? hour : undefined;
    case '中午':
      if (hour === 11 || hour === 12) return hour;
      return hour >= 1 && hour <= 2 ? hour + 12 : undefined;
    case '下午':
    case '傍晚':
      if (hour >= 1 && hour <= 11) return hour + 12;
      return hour >= 12 && hour <= 18 ? hour : undefined;
    default: // 晚上
      if (hour >= 6 && hour <= 12) return hour + 12;
      return hour >= 18 && hour <= 24 ? hour : undefined;
  }
}

function timeReading(written: string, part: string | undefined, hour: number, minute: number): Reading {
  if (hour > 24) return impossibleTime(written, '一天只有0到24点');
  if (minute > 59) return impossibleTime(written, '分钟只有0到59');
  if (part === undefined && hour >= 1 && hour <= 6 && /[点點时]/.test(written)) {
    return {
      kind: 'refusal',
      refusal: 'vague',
      reason: `“${written}”没有写明上午还是下午，请写“下午${hour}点”或“${pad(hour + 12)}:${pad(minute)}”`,
    };
  }
  const dayHour = toDayHour(part, hour);
  if (dayHour === undefined) return impossibleTime(written, `${part}没有${hour}点`);
  if (dayHour === 24 && minute > 0) return impossibleTime(written, '24点之后就是第二天了');
  return at(dayHour, minute);
}

/** `下午3点`, `3点半`, `17时30分`, `十点整`. */
const hourWord: PhraseRule = {
  name: 'hour word',
  pattern: `${PART_OF_DAY}?\\s*(${NUMBER})\\s*[点點时](?:\\s*(半|整|(${NUMBER})\\s*分?))?`,
  read: (m) => {
    const hour = numeralValue(m[2]!);
    const minute = m[3] === '半' ? 30 : m[4] !== undefined ? numeralValue(m[4]) : 0;
    if (hour === undefined || minute === undefined) return { kind: 'skip' };
    return timeReading(m[0], m[1], hour, minute);
  },
};

/** `17:00`, `下午3:30`. */
const clock: PhraseRule = {
  name: 'clock',
  pattern: `${PART_OF_DAY}?\\s*(?<![0-9])([0-9]{1,2}):([0-9]{2})(?![0-9])`,
  read: (m) => timeReading(m[0], m[1], Number(m[2]), Number(m[3])),
};

function officeTime(ctx: ParseContext, which: 'start' | 'end'): TimeOfDay {
  const hhmm = which === 'end' ? ctx.options.workdayEnd : ctx.options.workdayStart;
  return {
    hour: Number(hhmm.slice(0, 2)),
    minute: Number(hhmm.slice(3, 5)),
    label: which === 'end' ? '下班前' : '上班前',
  };
}

const officeEnd: PhraseRule = {
  name: 'office end',
  pattern: '下班(?:之前|以前|前|时间|时)?',
  read: (_m, ctx) => ({ kind: 'time', time: officeTime(ctx, 'end') }),
};

const officeStart: PhraseRule = {
  name: 'office start',
  pattern: '上班(?:之前|以前|前|时间|时)',
  read: (_m, ctx) => ({ kind: 'time', time: officeTime(ctx, 'start') }),
};

/** `中午` alone; `中午12点` is read by `hourWord`. */
const noon: PhraseRule = {
  name: 'noon',
  pattern: '中午(?!\\s*[0-9一二两十])',
  read: () => at(12, 0),
};

export const timeRules: readonly PhraseRule[] = [hourWord, clock, officeEnd, officeStart, noon];
