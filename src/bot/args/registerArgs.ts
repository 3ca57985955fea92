/**
 * The clauses the register commands share (`/发文`, `/督查`, `/调研`, `/会议`): `单位 <名称>`,
 * `理由 <…>` (to the end), a day, and bare flags (`政策性`, `计划内`). Each reader takes its
 * clause out of the text and returns the rest, so what remains is the title; every value is
 * checked against its field's limit before it is kept.
 */
import { exceeds, FIELDS, tooLongText } from '../../domain/limits.ts';
import { readDay } from '../../domain/registers.ts';
import { UserError } from '../../errors.ts';

export interface Taken<T> {
  value: T;
  rest: string;
}

const cut = (text: string, m: RegExpExecArray) =>
  `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/gu, ' ').trim();

/** `<word> <value up to the next keyword or the end>`. */
export function takeClause(
  text: string,
  word: string,
  usage: string,
  stopAt: readonly string[] = [],
): Taken<string | undefined> {
  const stops = stopAt.length > 0 ? `(?=\\s+(?:${stopAt.join('|')})(?:\\s|[:：]|$)|$)` : '$';
  const m = new RegExp(`(?:^|\\s)${word}\\s*[:：]?\\s*(.+?)${stops}`, 'u').exec(text);
  if (!m) return { value: undefined, rest: text };
  const value = m[1]!.trim();
  if (!value) throw new UserError(`“${word}”后面请写上内容。`, usage);
  if (exceeds(value, FIELDS.reason.max)) throw new UserError(tooLongText(FIELDS.reason, value), usage);
  return { value, rest: cut(text, m) };
}

export function takeUnit(text: string, usage: string): Taken<string | undefined> {
  const m = /(?:^|\s)(?:责任|被检查)?单位\s*[:：]?\s*([^\s@]+)/u.exec(text);
  if (!m) return { value: undefined, rest: text };
  const unit = m[1]!;
  if (exceeds(unit, FIELDS.unit.max)) throw new UserError(tooLongText(FIELDS.unit, unit), usage);
  return { value: unit, rest: cut(text, m) };
}

export function takeFlag(text: string, words: readonly string[]): Taken<string | undefined> {
  const m = new RegExp(`(?:^|\\s)(${words.join('|')})(?=\\s|$)`, 'u').exec(text);
  return m ? { value: m[1]!, rest: cut(text, m) } : { value: undefined, rest: text };
}

/** A day written as a word of its own (`12月15日`, `2026-12-15`, `明天`). */
export function takeDay(text: string, today: string): Taken<string | undefined> {
  for (const word of text.split(/\s+/u)) {
    const day = readDay(word, today);
    if (day) {
      const at = text.indexOf(word);
      return {
        value: day,
        rest: `${text.slice(0, at)} ${text.slice(at + word.length)}`.replace(/\s+/gu, ' ').trim(),
      };
    }
  }
  return { value: undefined, rest: text };
}

export function requireTitle(text: string, what: string, usage: string): string {
  const title = text.trim();
  if (!title) throw new UserError(`请写明${what}。`, usage);
  if (exceeds(title, FIELDS.title.max)) throw new UserError(tooLongText(FIELDS.title, title), usage);
  return title;
}
