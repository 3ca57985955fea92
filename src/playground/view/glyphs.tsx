/**
 * The emoji that carry state in the bot's messages — the traffic lights 🔴🟡🟢 (and 🟠 while
 * waiting for 销号), ✅ done and 🚫 cancelled — drawn by the page itself. On a machine without
 * an emoji font each of them was an empty box (so was the ⏩ of the page's clock divider), so a list of red and green items looked all the
 * same. Here each becomes a small shape coloured by CSS (`.glyph` in `messages.css`), the same
 * with or without such a font, named for screen readers and on hover; the character itself
 * stays in the page as hidden text, so copying a line or searching it still finds 🔴.
 */
import type { Child } from 'hono/jsx';

interface Glyph {
  /** CSS class: the shape and colour. */
  kind: string;
  /** What it means, for screen readers and the tooltip. */
  label: string;
}

const GLYPHS: Record<string, Glyph> = {
  '🔴': { kind: 'g-red', label: '红灯' },
  '🟡': { kind: 'g-yellow', label: '黄灯' },
  '🟢': { kind: 'g-green', label: '绿灯' },
  '🟠': { kind: 'g-orange', label: '橙灯' },
  '✅': { kind: 'g-done', label: '已完成' },
  '🚫': { kind: 'g-cancelled', label: '已取消' },
  // The page's own clock divider.
  '⏩': { kind: 'g-forward', label: '快进' },
};

/** The glyphs above, with an optional variation selector (`✅️`) taken along. */
const PATTERN = new RegExp(`(${Object.keys(GLYPHS).join('|')})\uFE0F?`, 'gu');

/** `text` with each state emoji drawn as a `.glyph`; other text stays a plain (escaped) string. */
export function withGlyphs(text: string): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const at = m.index ?? 0;
    const glyph = GLYPHS[m[1] ?? ''];
    if (!glyph) continue;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <span class={`glyph ${glyph.kind}`} role="img" aria-label={glyph.label} title={glyph.label}>
        <span class="glyph-char">{m[0]}</span>
      </span>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
