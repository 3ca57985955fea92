/**
 * What a person reads on a card, as text, for assertions: the header, every markdown block with
 * character references decoded (the client shows `&#60;` as `<`), button and input labels. Card
 * mentions stay as written (`<at id=ou_…></at>`), so tests can see who is notified.
 */
import { decodeEntities } from '../../src/playground/view/markdown.tsx';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** Decodes references but keeps tags (mentions) as they are. */
const shown = (s: string) => decodeEntities(s);

function walk(elements: unknown, out: string[]): void {
  if (!Array.isArray(elements)) return;
  for (const e of elements) {
    const el = obj(e);
    if (!el) continue;
    if (el.tag === 'markdown' && typeof el.content === 'string') out.push(shown(el.content));
    if (el.tag === 'button') out.push(`[${String(obj(el.text)?.content ?? '')}]`);
    if (el.tag === 'input') out.push(`{${String(obj(el.label)?.content ?? '')}}`);
    if (Array.isArray(el.elements)) walk(el.elements, out);
    if (Array.isArray(el.columns)) for (const c of el.columns) walk(obj(c)?.elements, out);
  }
}

export function isCard(content: unknown): content is Json {
  return obj(content)?.schema === '2.0';
}

export function cardText(content: unknown): string {
  const card = obj(content);
  if (!card) return '';
  const header = obj(card.header);
  const out: string[] = [];
  const title = obj(header?.title)?.content;
  if (typeof title === 'string') out.push(title);
  const subtitle = obj(header?.subtitle)?.content;
  if (typeof subtitle === 'string') out.push(subtitle);
  walk(obj(card.body)?.elements, out);
  return out.join('\n');
}

/** Every button on a card, in order: its label and callback value. */
export function cardButtonList(content: unknown): Array<{ label: string; value: Json }> {
  const found: Array<{ label: string; value: Json }> = [];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const e of elements) {
      const el = obj(e);
      if (!el) continue;
      if (el.tag === 'button') {
        const behaviour = Array.isArray(el.behaviors) ? obj(el.behaviors[0]) : undefined;
        const value = obj(behaviour?.value);
        if (value) found.push({ label: String(obj(el.text)?.content ?? ''), value });
      }
      visit(el.elements);
      if (Array.isArray(el.columns)) for (const c of el.columns) visit(obj(c)?.elements);
    }
  };
  visit(obj(obj(content)?.body)?.elements);
  return found;
}

/** Every button's callback value on a card, by its label. */
export function cardButtons(content: unknown): Map<string, Json> {
  return new Map(cardButtonList(content).map((b) => [b.label, b.value]));
}
