/**
 * The bits of Lark's card markdown and text markup luoshi uses, rendered as JSX. Nothing here
 * emits raw HTML: every piece of text becomes a JSX string child, which hono/jsx escapes, so
 * whatever a user typed into a title can only ever show up as text.
 *
 * Card markdown: `**bold**`, `*italic*`, `~~strike~~`, `` `code` ``, `[text](https://…)`,
 * `<at id=ou_…></at>`, `<font color='red'>…</font>`, `<text_tag color='…'>…</text_tag>`,
 * headings, `- ` lists, `---`, backslash escapes and HTML entities.
 * Text messages: `<at user_id="ou_…">name</at>` and the entities `escapeText` writes.
 * In both, the state emoji (traffic lights, ✅, 🚫) are drawn by the page (`glyphs.tsx`).
 */
import type { Child } from 'hono/jsx';
import { withGlyphs } from './glyphs.tsx';

/** Resolves an open_id to a display name (card `<at id=…>` carries no name). */
export type NameOf = (openId: string) => string | undefined;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Lark's named colours; anything else is shown uncoloured rather than passed into a class. */
export const LARK_COLOURS = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'lime',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'neutral',
]);

function colourClass(prefix: string, colour: string | undefined): string {
  const c = (colour ?? '').toLowerCase();
  return LARK_COLOURS.has(c) ? `${prefix}-${c}` : '';
}

function Mention({ openId, name }: { openId: string; name: string }) {
  return (
    <span class="at" data-open-id={openId}>
      @{name}
    </span>
  );
}

function atName(openId: string, given: string, nameOf: NameOf): string {
  if (openId === 'all') return '所有人';
  return decodeEntities(given) || nameOf(openId) || openId;
}

/** A text message's `text`: `<at user_id>` mentions, entities decoded, newlines kept (CSS). */
export function renderTextMessage(text: string, nameOf: NameOf): Child[] {
  const out: Child[] = [];
  const re = /<at\s+user_id="([^"]*)"\s*>([\s\S]*?)<\/at>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(...withGlyphs(decodeEntities(text.slice(last, m.index))));
    const openId = m[1] ?? '';
    out.push(<Mention openId={openId} name={atName(openId, m[2] ?? '', nameOf)} />);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...withGlyphs(decodeEntities(text.slice(last))));
  return out;
}

const INLINE = new RegExp(
  [
    /\\([\\*_~`[\]()#<>|-])/.source, // 1 escaped char
    /\*\*([\s\S]+?)\*\*/.source, // 2 bold
    /~~([\s\S]+?)~~/.source, // 3 strike
    /\*([^*\n]+?)\*/.source, // 4 italic
    /`([^`\n]+)`/.source, // 5 code
    /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/.source, // 6 text, 7 url
    /<at\s+(?:id|user_id|open_id)=["']?([^"'\s>]+)["']?\s*>([^<]*)<\/at>/.source, // 8 id, 9 name
    /<font\s+color=["']?([\w-]+)["']?\s*>([\s\S]*?)<\/font>/.source, // 10 colour, 11 text
    /<text_tag\s+color=["']?([\w-]+)["']?\s*>([\s\S]*?)<\/text_tag>/.source, // 12 colour, 13 text
    /<br\s*\/?>/.source,
  ]
    .map((s) => `(?:${s})`)
    .join('|'),
  'g',
);

/** One line of card markdown, inline marks only. `depth` stops pathological nesting. */
export function renderInline(text: string, nameOf: NameOf, depth = 0): Child[] {
  if (depth > 4) return withGlyphs(decodeEntities(text));
  const out: Child[] = [];
  const inner = (s: string) => renderInline(s, nameOf, depth + 1);
  let last = 0;
  const matches = [...text.matchAll(INLINE)];
  for (const m of matches) {
    const index = m.index ?? 0;
    if (index > last) out.push(...withGlyphs(decodeEntities(text.slice(last, index))));
    last = index + m[0].length;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(<strong>{inner(m[2])}</strong>);
    else if (m[3] !== undefined) out.push(<s>{inner(m[3])}</s>);
    else if (m[4] !== undefined) out.push(<em>{inner(m[4])}</em>);
    else if (m[5] !== undefined) out.push(<code>{decodeEntities(m[5])}</code>);
    else if (m[6] !== undefined && m[7] !== undefined)
      out.push(
        <a href={m[7]} target="_blank" rel="noopener noreferrer">
          {inner(m[6])}
        </a>,
      );
    else if (m[8] !== undefined) out.push(<Mention openId={m[8]} name={atName(m[8], m[9] ?? '', nameOf)} />);
    else if (m[10] !== undefined)
      out.push(<span class={colourClass('fc', m[10])}>{inner(m[11] ?? '')}</span>);
    else if (m[12] !== undefined)
      out.push(<span class={`tag ${colourClass('tg', m[12])}`}>{inner(m[13] ?? '')}</span>);
    else out.push(<br />);
  }
  if (last < text.length) out.push(...withGlyphs(decodeEntities(text.slice(last))));
  return out;
}

/** A card `markdown` element's content: block structure per line, inline marks within. */
export function renderMarkdown(content: string, nameOf: NameOf, className = 'md'): Child {
  const blocks: Child[] = [];
  let list: Child[] = [];
  const flush = () => {
    if (list.length > 0) blocks.push(<ul>{list}</ul>);
    list = [];
  };
  for (const line of content.split(/\r?\n/)) {
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (bullet) {
      list.push(<li>{renderInline(bullet[1] ?? '', nameOf)}</li>);
      continue;
    }
    flush();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) blocks.push(<div class="md-h">{renderInline(heading[2] ?? '', nameOf)}</div>);
    else if (/^\s*(?:---+|\*\*\*+)\s*$/.test(line)) blocks.push(<hr />);
    else if (line.trim() === '') blocks.push(<div class="md-gap" />);
    else blocks.push(<div class="md-p">{renderInline(line, nameOf)}</div>);
  }
  flush();
  return <div class={className}>{blocks}</div>;
}
