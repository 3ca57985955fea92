/**
 * User text inside card markdown. Feishu's markdown component (JSON 2.0) reads a subset of
 * Markdown plus a few HTML-like tags (`<at>`, `<font>`, `<text_tag>`, `<link>`) and `:EMOJI:`
 * codes, and it decodes HTML character references. So every character that could start one of
 * those marks is written as a numeric character reference: the client shows the character,
 * nothing forms a tag, a link, emphasis, an emoji or a mention, and a title like `<at id=all>`
 * stays text. Line starts matter too (`#`, `-`, `1.`, `>`): user text is always placed after a
 * label, and its newlines are folded into spaces so it never starts a line of its own.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/rich-text
 */
import { type Person, UNNAMED } from '../../domain/item.ts';

/** Characters with a meaning in card markdown; each becomes `&#N;`. */
const SPECIAL = /[&<>*_~`[\]()#|\\:!+=-]/g;

/** Escapes `text` for a card markdown element; newlines and runs of spaces become one space. */
export function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(SPECIAL, (c) => `&#${c.codePointAt(0)};`);
}

/** `text` cut to `max` characters (code points), with `…` when cut. For plain text and markdown alike. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Open ids come from Lark, but a card must never carry anything that could close the tag early. */
const OPEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A card mention: `<at id=ou_…></at>`; the client shows the person's current name and notifies
 * them (cards take no display name, unlike text messages' `<at user_id="…">name</at>`).
 */
export function mention(person: Pick<Person, 'openId' | 'name'>): string {
  if (OPEN_ID.test(person.openId)) return `<at id=${person.openId}></at>`;
  return md(person.name || UNNAMED);
}

export function mentions(people: readonly Pick<Person, 'openId' | 'name'>[]): string {
  return people.map(mention).join(' ');
}

/**
 * Names as plain (escaped) text, for places that must not notify anyone. Callers name people
 * first (`src/bot/people/naming.ts`); someone nobody could name is `UNNAMED`, never an open_id.
 */
export function names(people: readonly Pick<Person, 'openId' | 'name'>[]): string {
  return md(people.map((p) => p.name || UNNAMED).join('、'));
}
