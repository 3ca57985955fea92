/**
 * Reads the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知),
 * as an admin pastes it, into that year's arrangement (issue 10 §4).
 *
 * The year comes from the title (or, without one, from `现将YYYY年…` or the first date written
 * with its year). Every holiday line (`一、元旦：…`) is read whole or listed as not understood,
 * with the reason; a line that mentions a holiday with dates but is not in the standard form is
 * listed too, so nothing that looks like an arrangement is silently skipped. Prose (the
 * addressees, the closing paragraph, the signature) is ignored. However the lines arrive — the
 * title alone on its line, blank lines dropped, everything joined by spaces — each numbered item
 * is read on its own, and a line number is the pasted line's. Pure: text in, data out.
 */

import { numeralValue } from '../deadline/numerals.ts';
import {
  type ArrangedHoliday,
  HOLIDAY_KEYS,
  HOLIDAY_NAME,
  type HolidayArrangement,
  type HolidayKey,
  keysOf,
} from '../holidays.ts';
import { readHolidayLine } from './holidayLine.ts';

/** A notice is about a page; far more is not one. Checked before any parsing. */
export const MAX_NOTICE_CHARS = 20_000;
const MAX_LINE_CHARS = 500;

export interface UnreadLine {
  /** 1-based, in the pasted text. */
  lineNumber: number;
  line: string;
  reason: string;
}

export interface NoticeReading {
  year: number;
  /** In the notice's order. */
  holidays: ArrangedHoliday[];
  unreadLines: UnreadLine[];
  /** Statutory holidays no line covered. */
  missing: HolidayKey[];
}

export type NoticeResult = { ok: true; reading: NoticeReading } | { ok: false; reason: string };

const HEAD = new RegExp(
  `^([一二三四五六七八九十]{1,3})\\s*[、.]\\s*((?:${HOLIDAY_NAME})(?:\\s*[、,和及与]\\s*(?:${HOLIDAY_NAME}))*)\\s*:\\s*(.*)$`,
);
const ENUMERATED = /^[一二三四五六七八九十]{1,3}\s*[、.]/;
const LOOKS_ARRANGED = new RegExp(
  `(?:${HOLIDAY_NAME}).*\\d+\\s*日.*(?:放假|上班|调休)|(?:放假|上班|调休).*\\d+\\s*日`,
);
const YEAR = '(\\d{4}|[〇零一二三四五六七八九]{4})';
const TITLE_YEAR = new RegExp(`关于\\s*${YEAR}\\s*年[^\\n]{0,12}?(?:节假日|放假)`);
const PREAMBLE_YEAR = new RegExp(`现将\\s*${YEAR}\\s*年`);

interface Line {
  /** 1-based, in the pasted text: pieces of one pasted line share it. */
  lineNumber: number;
  /** As pasted, for telling the admin which line it was. */
  raw: string;
  /** NFKC-normalised (ASCII digits, brackets, colons, commas), for reading. */
  text: string;
}

/**
 * Where a numbered holiday item starts (`一、元旦：`, `七、国庆节、中秋节：`), anywhere in a line:
 * a chat client may join the notice's lines with spaces, or with nothing, and the title (which
 * ends without a full stop) must not be glued onto 元旦. A numeral inside an item
 * (`农历腊月二十八、周日`) is not followed by a holiday's name and a colon.
 */
const ITEM_START = new RegExp(
  `(?<![一二三四五六七八九十])(?=[一二三四五六七八九十]{1,3}\\s*[、.．]\\s*(?:${HOLIDAY_NAME})(?:\\s*[、,，和及与]\\s*(?:${HOLIDAY_NAME}))*\\s*[:：])`,
  'g',
);

function splitLines(pasted: string): Line[] {
  return pasted
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((line, index) =>
      line
        // Each numbered item, and the closing paragraph every notice has, is read on its own
        // (a numbered line after a full stop too, so that one not about a holiday is listed).
        .replace(ITEM_START, '\n')
        .replace(/。[^\S\n]*(?=[一二三四五六七八九十]{1,3}、|节假日期间)/g, '。\n')
        .split('\n')
        .map((piece) => {
          const raw = piece.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
          return { lineNumber: index + 1, raw, text: raw.normalize('NFKC') };
        }),
    );
}

function yearValue(text: string): number | undefined {
  const year = /^\d{4}$/.test(text) ? Number(text) : numeralValue(text);
  return year !== undefined && year >= 2000 && year <= 2100 ? year : undefined;
}

/** The notice's year: the title's, the preamble's, or that of the first date written with one. */
function noticeYear(lines: readonly string[]): number | undefined {
  const text = lines.join('\n');
  for (const re of [TITLE_YEAR, PREAMBLE_YEAR]) {
    const m = re.exec(text);
    const year = m ? yearValue(m[1]!) : undefined;
    if (year !== undefined) return year;
  }
  for (const line of lines) {
    if (!HEAD.test(line)) continue;
    const m = /(\d{4})\s*年\s*\d{1,2}\s*月/.exec(line);
    if (m) return yearValue(m[1]!);
  }
  return undefined;
}

export function readHolidayNotice(text: string): NoticeResult {
  if (text.length > MAX_NOTICE_CHARS) {
    return { ok: false, reason: `内容太长了（最多${MAX_NOTICE_CHARS}字），请只粘贴通知正文` };
  }
  const lines = splitLines(text);
  const year = noticeYear(lines.map((l) => l.text));
  if (year === undefined) {
    return {
      ok: false,
      reason: '没有找到年份：请连同标题“国务院办公厅关于YYYY年部分节假日安排的通知”一起粘贴',
    };
  }

  const holidays: ArrangedHoliday[] = [];
  const unreadLines: UnreadLine[] = [];
  const seen = new Map<HolidayKey, string>();
  /** The line's holiday, the reason it cannot be read, or undefined for prose. */
  const readLine = (line: string): ArrangedHoliday | string | undefined => {
    if (line.length > MAX_LINE_CHARS) return `这一行太长（超过${MAX_LINE_CHARS}字），不像通知里的一项`;
    const head = HEAD.exec(line);
    if (!head) {
      return ENUMERATED.test(line) || LOOKS_ARRANGED.test(line)
        ? '不是“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”这样的格式'
        : undefined;
    }
    const name = head[2]!.replace(/\s+/g, '').replace(/[,和及与]/g, '、');
    const repeated = keysOf(name).find((k) => seen.has(k));
    if (repeated) return `${repeated}在“${seen.get(repeated)}”一项里已经有了`;
    const reading = readHolidayLine(name, head[3]!, year);
    if (!reading.ok) return reading.reason;
    const clash = holidays.find((h) => h.off.some((d) => reading.holiday.off.includes(d)));
    return clash ? `放假日期和“${clash.name}”重叠` : reading.holiday;
  };
  for (const { lineNumber, raw, text: line } of lines) {
    const read = readLine(line);
    if (typeof read === 'string') unreadLines.push({ lineNumber, line: raw, reason: read });
    else if (read) {
      for (const key of keysOf(read.name)) seen.set(key, read.name);
      holidays.push(read);
    }
  }

  const unreadKeys = new Set(
    unreadLines.flatMap((u) => keysOf(HEAD.exec(u.line.normalize('NFKC'))?.[2] ?? '')),
  );
  const missing = HOLIDAY_KEYS.filter((k) => !seen.has(k) && !unreadKeys.has(k));
  if (holidays.length === 0 && unreadLines.length === 0) {
    return {
      ok: false,
      reason: '没有找到放假安排：请粘贴通知正文，如“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”',
    };
  }
  return { ok: true, reading: { year, holidays, unreadLines, missing } };
}

/** What keeps a reading from being applied, in Chinese, one item a line; empty when none. */
export function noticeProblems(reading: NoticeReading): string[] {
  return [
    ...reading.unreadLines.map((u) => `第${u.lineNumber}行没有读懂：“${u.line}”——${u.reason}`),
    ...(reading.missing.length > 0 ? [`没有找到这些节日的安排：${reading.missing.join('、')}`] : []),
  ];
}

/** The arrangement to apply, once a reading has no problems. */
export function arrangementOf(reading: NoticeReading): HolidayArrangement {
  return { year: reading.year, holidays: reading.holidays };
}
