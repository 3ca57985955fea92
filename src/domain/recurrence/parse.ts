/**
 * Reads a schedule's rule as people write it (issue 10 §3):
 *   每天 / 每个工作日 [时刻]; 每周X [时刻]; 每两周X; 每月D日[前]; 每月第N个工作日;
 *   每月最后一个工作日; 每季度末; 每年M月D日;
 * each optionally with a time of day (`每周五16:00`, `每月5日下班前`) and `顺延` or `遇节假日提前`
 * (the default). The whole text must be the rule: anything left over is refused, with the forms
 * that are understood, never skipped.
 */
import type { WorkingDayCalendar } from '../calendar.ts';
import { NUMBER, numeralValue } from '../deadline/numerals.ts';
import { timeRules } from '../deadline/timeRules.ts';
import type { ParseContext, TimeOfDay } from '../deadline/types.ts';
import { addDays, isValidDate, localDate, weekdayOf } from '../time.ts';
import type { RecurrencePattern, RecurrenceRule, RestDayMove } from './rule.ts';

export type RecurrenceParse = { ok: true; rule: RecurrenceRule } | { ok: false; reason: string };

/** Longer than any rule; checked before any parsing. */
export const MAX_RULE_CHARS = 60;
/** Every month has at least this many working days (February 2026, with 春节, has 16). */
const MAX_MONTH_WORKDAY = 15;

export const RULE_FORMS =
  '每天、每个工作日、每周五、每两周周一、每月5日前、每月第1个工作日、每月最后一个工作日、每季度末、每年12月10日，可加时刻（如“每周五16:00”）和“顺延”（遇节假日顺延；不写则提前到节前最后一个工作日）';

const WEEKDAYS: Readonly<Record<string, number>> = {
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

interface Head {
  pattern: RegExp;
  read(m: RegExpExecArray, today: string): RecurrencePattern | string;
}

/** `每` with the optional `个` after it (`每个月`, `每个工作日`). */
const EVERY = '每\\s*个?\\s*';

function count(text: string): number | undefined {
  const n = numeralValue(text);
  return n !== undefined && n > 0 ? n : undefined;
}

const heads: readonly Head[] = [
  { pattern: new RegExp(`${EVERY}(?:天|日|工作日)`, 'y'), read: () => ({ kind: 'workday' }) },
  {
    pattern: new RegExp(
      `${EVERY}(?:(两|二|2|隔一?|隔\\s*1)\\s*个?\\s*)?(?:周|星期|礼拜)\\s*的?\\s*(?:周|星期|礼拜)?([一二三四五六日天1-7])`,
      'y',
    ),
    read: (m, today) => {
      const weekday = WEEKDAYS[m[2]!]!;
      const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
      // The first occurrence is this week's when it has not passed, else next week's.
      const thisWeeks = addDays(monday, weekday - 1);
      const anchor = thisWeeks >= today ? monday : addDays(monday, 7);
      return { kind: 'weekly', weekday, interval: m[1] === undefined ? 1 : 2, anchor };
    },
  },
  {
    pattern: new RegExp(`${EVERY}月\\s*的?\\s*第\\s*(${NUMBER})\\s*个?\\s*工作日`, 'y'),
    read: (m) => {
      const n = count(m[1]!);
      if (n === undefined) return `“${m[0]}”里的数目读不懂，请写“每月第1个工作日”`;
      if (n > MAX_MONTH_WORKDAY) {
        return `“${m[0]}”：有的月份只有十几个工作日，最多写到第${MAX_MONTH_WORKDAY}个；更晚请写“每月最后一个工作日”或“每月25日”`;
      }
      return { kind: 'monthWorkday', n };
    },
  },
  {
    pattern: new RegExp(`${EVERY}月\\s*的?\\s*最后\\s*一\\s*个?\\s*工作日`, 'y'),
    read: () => ({ kind: 'monthLastWorkday' }),
  },
  { pattern: new RegExp(`${EVERY}月\\s*的?\\s*(?:底|末)`, 'y'), read: () => ({ kind: 'monthDay', day: 31 }) },
  {
    pattern: new RegExp(`${EVERY}月\\s*的?\\s*(${NUMBER})\\s*[日号]`, 'y'),
    read: (m) => {
      const day = count(m[1]!);
      if (day === undefined || day > 31) return `“${m[0]}”不是有效日期：每月只有1到31日`;
      return { kind: 'monthDay', day };
    },
  },
  { pattern: new RegExp(`${EVERY}季度?\\s*(?:末|底)`, 'y'), read: () => ({ kind: 'quarterEnd' }) },
  {
    pattern: new RegExp(`${EVERY}年\\s*的?\\s*(${NUMBER})\\s*月\\s*(${NUMBER})\\s*[日号]`, 'y'),
    read: (m) => {
      const [month, day] = [count(m[1]!), count(m[2]!)];
      if (month === undefined || day === undefined || !isValidDate(2026, month, day)) {
        return `“${m[0]}”不是有效日期`;
      }
      // 2026 is no leap year: 2月29日 fails above, and is refused rather than moved.
      return { kind: 'yearly', month, day };
    },
  },
];

/** `顺延`, `（遇节假日顺延）`, `节假日提前`, `遇休息日提前` anywhere after the head. */
const MOVE_WORDS = /[（(]?\s*(?:遇\s*)?(?:法定)?(?:节假日|休息日|假日|周末)?\s*(顺延|提前)\s*[）)]?/g;
const SEPARATOR = /[\s,，;；、的]*/y;
const BEFORE = /(?:之前|以前|前)?/y;
const TRAILING = /^[\s,，;；。.]*$/;

function normalise(text: string): string {
  return text
    .replace(/[０-９：]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

function refuse(reason: string): RecurrenceParse {
  return { ok: false, reason };
}

function skip(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.exec(text) ? re.lastIndex : pos;
}

/** A time of day at `pos`, read with the deadline grammar's rules. */
function timeAt(
  text: string,
  pos: number,
  ctx: ParseContext,
): { time?: TimeOfDay; end: number; refusal?: string } {
  for (const rule of timeRules) {
    const re = new RegExp(rule.pattern, 'y');
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m || m[0].length === 0) continue;
    const reading = rule.read(m, ctx);
    if (reading.kind === 'time') return { time: reading.time, end: re.lastIndex };
    if (reading.kind === 'refusal') return { end: re.lastIndex, refusal: reading.reason };
  }
  return { end: pos };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function parseRecurrence(text: string, now: number, calendar: WorkingDayCalendar): RecurrenceParse {
  if (text.length > MAX_RULE_CHARS * 2)
    return refuse(`周期规则太长了（最多${MAX_RULE_CHARS}字），支持的写法：${RULE_FORMS}`);
  const written = normalise(text);
  if (written.length === 0) return refuse(`请写明周期规则，支持的写法：${RULE_FORMS}`);
  if ([...written].length > MAX_RULE_CHARS)
    return refuse(`周期规则太长了（最多${MAX_RULE_CHARS}字），支持的写法：${RULE_FORMS}`);

  const moves = [...written.matchAll(MOVE_WORDS)];
  const kinds = new Set(moves.map((m) => m[1]));
  if (kinds.size > 1) return refuse(`“${written}”里既写了顺延又写了提前，请只写一个`);
  const onRestDay: RestDayMove = kinds.has('顺延') ? 'later' : 'earlier';
  const body = written.replace(MOVE_WORDS, ' ');

  const today = localDate(now, calendar.timezone);
  let pattern: RecurrencePattern | undefined;
  let pos = 0;
  for (const head of heads) {
    head.pattern.lastIndex = 0;
    const m = head.pattern.exec(body);
    if (!m) continue;
    const read = head.read(m, today);
    if (typeof read === 'string') return refuse(read);
    pattern = read;
    pos = head.pattern.lastIndex;
    break;
  }
  if (!pattern) {
    return refuse(`没有读懂周期规则“${written}”，支持的写法：${RULE_FORMS}`);
  }

  const ctx: ParseContext = {
    now,
    today,
    base: today,
    options: {
      calendar,
      timezone: calendar.timezone,
      workdayStart: calendar.workdayStart,
      workdayEnd: calendar.workdayEnd,
    },
  };
  const at = timeAt(body, skip(SEPARATOR, body, pos), ctx);
  if (at.refusal) return refuse(at.refusal);
  if (at.time) pos = at.end;
  pos = skip(BEFORE, body, pos);
  const rest = body.slice(pos);
  if (!TRAILING.test(rest)) {
    return refuse(`周期规则里“${rest.trim()}”读不懂，支持的写法：${RULE_FORMS}`);
  }

  const rule: RecurrenceRule = { pattern, onRestDay, text: written };
  // Office end stays "office end": if office hours change, the schedule follows them.
  if (at.time && at.time.label !== '下班前') {
    if (at.time.hour === 24) return refuse('周期的时刻请写在一天之内，如“17:00”或“下班前”');
    rule.time = `${pad(at.time.hour)}:${pad(at.time.minute)}`;
  }
  return { ok: true, rule };
}
