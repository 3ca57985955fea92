/**
 * Small text builders shared by replies: mentions, item lines, deadlines with weekday.
 */
import { type Item, type Person, UNNAMED } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';

/** Lark text messages treat `<at …>` as markup: keep user text from forming tags. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<at user_id="ou_…">张三</at>` — Lark renders it as a real @mention. */
export function at(person: Person): string {
  return `<at user_id="${person.openId}">${escapeText(person.name)}</at>`;
}

export function atAll(people: readonly Person[]): string {
  return people.map(at).join(' ');
}

/** `张三、李四`: named first (`src/bot/people/naming.ts`); never an open_id. */
export function namesOf(people: readonly Person[]): string {
  return people.map((p) => p.name || UNNAMED).join('、');
}

/** `2026-12-10 18:00 周四` */
export function dueText(item: Pick<Item, 'due'>, timezone: string): string {
  return formatDue(item.due, timezone);
}
