/**
 * A Lark card (JSON 2.0, and the 1.0 shapes that still appear) drawn the way the Feishu client
 * shows it: a coloured header, then markdown, field columns, buttons and forms. Buttons carry
 * their callback `value` (and the form they submit) in data attributes; the page's script posts
 * them to the playground, which hands them to the card-callback handler as Lark would.
 *
 * The card is data from the bot, with user text inside: it is read defensively (anything may be
 * missing or of the wrong type) and only ever rendered through escaped JSX.
 */
import type { Child } from 'hono/jsx';
import { withGlyphs } from './glyphs.tsx';
import { LARK_COLOURS, type NameOf, renderInline, renderMarkdown } from './markdown.tsx';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A text object `{tag: 'plain_text' | 'lark_md', content}`, or a bare string. */
function TextObject({ text, nameOf }: { text: unknown; nameOf: NameOf }) {
  if (typeof text === 'string') return <>{withGlyphs(text)}</>;
  const t = obj(text);
  if (!t) return null;
  const content = str(t.content);
  return <>{t.tag === 'lark_md' ? renderInline(content, nameOf) : withGlyphs(content)}</>;
}

/** The value a button sends back: 2.0 `behaviors: [{type: 'callback', value}]`, or 1.0 `value`. */
function callbackValue(button: Json): Json | undefined {
  for (const b of arr(button.behaviors)) {
    const behaviour = obj(b);
    if (behaviour?.type === 'callback') return obj(behaviour.value) ?? {};
  }
  return obj(button.value);
}

function openUrl(button: Json): string | undefined {
  for (const b of arr(button.behaviors)) {
    const behaviour = obj(b);
    const url = str(behaviour?.default_url) || str(behaviour?.url);
    if (behaviour?.type === 'open_url' && /^https?:\/\//.test(url)) return url;
  }
  const url = str(button.url);
  return /^https?:\/\//.test(url) ? url : undefined;
}

const BUTTON_KINDS = new Set([
  'default',
  'primary',
  'danger',
  'text',
  'primary_filled',
  'danger_filled',
  'laser',
]);

function Button({ el, nameOf }: { el: Json; nameOf: NameOf }) {
  const kind = BUTTON_KINDS.has(str(el.type)) ? str(el.type) : 'default';
  const label = <TextObject text={el.text} nameOf={nameOf} />;
  const url = openUrl(el);
  if (url) {
    return (
      <a class={`btn btn-${kind}`} href={url} target="_blank" rel="noopener noreferrer">
        {label}
      </a>
    );
  }
  const value = callbackValue(el);
  const submits = el.form_action_type === 'submit' || el.action_type === 'form_submit';
  const disabled = el.disabled === true || (!value && !submits);
  return (
    <button
      type="button"
      class={`btn btn-${kind} card-btn${el.width === 'fill' ? ' btn-fill' : ''}`}
      data-value={JSON.stringify(value ?? {})}
      data-name={str(el.name) || undefined}
      data-submit={submits ? '1' : undefined}
      disabled={disabled}
    >
      {label}
    </button>
  );
}

function Input({ el, nameOf }: { el: Json; nameOf: NameOf }) {
  const name = str(el.name);
  const placeholder = str(obj(el.placeholder)?.content) || str(el.placeholder);
  const label = el.label ? <TextObject text={el.label} nameOf={nameOf} /> : undefined;
  const max = typeof el.max_length === 'number' ? el.max_length : 1000;
  if (el.input_type === 'multiline_text' || (typeof el.rows === 'number' && el.rows > 1)) {
    return (
      <label class="card-input">
        {label && <span class="card-input-label">{label}</span>}
        <textarea name={name} placeholder={placeholder} maxlength={max} rows={3}>
          {str(el.default_value)}
        </textarea>
      </label>
    );
  }
  return (
    <label class="card-input">
      {label && <span class="card-input-label">{label}</span>}
      <input name={name} placeholder={placeholder} maxlength={max} value={str(el.default_value)} />
    </label>
  );
}

function Select({ el, nameOf }: { el: Json; nameOf: NameOf }) {
  return (
    <label class="card-input">
      <select name={str(el.name)}>
        {arr(el.options).map((o) => {
          const option = obj(o) ?? {};
          return (
            <option value={str(option.value)} selected={option.value === el.initial_option}>
              <TextObject text={option.text} nameOf={nameOf} />
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** `width: auto` fits the content (a row of buttons); weights are small integers, else the default. */
const columnClass = (column: Json) =>
  column.width === 'auto'
    ? 'auto'
    : typeof column.weight === 'number' && column.weight >= 1 && column.weight <= 5
      ? `w${Math.round(column.weight)}`
      : 'w1';

function Elements({ list, nameOf }: { list: unknown; nameOf: NameOf }) {
  return (
    <>
      {arr(list).map((e) => (
        <Element el={obj(e)} nameOf={nameOf} />
      ))}
    </>
  );
}

function Element({ el, nameOf }: { el: Json | undefined; nameOf: NameOf }): Child {
  if (!el) return null;
  switch (el.tag) {
    case 'markdown':
    case 'lark_md':
      return renderMarkdown(str(el.content), nameOf, el.text_size === 'notation' ? 'md note' : 'md');
    case 'plain_text':
      return <div class="md-p">{str(el.content)}</div>;
    case 'div':
      return (
        <div class="card-div">
          {el.text ? (
            <div class="md-p">
              <TextObject text={el.text} nameOf={nameOf} />
            </div>
          ) : null}
          {arr(el.fields).length > 0 && (
            <div class="fields">
              {arr(el.fields).map((f) => {
                const field = obj(f) ?? {};
                return (
                  <div class={field.is_short === false ? 'field wide' : 'field'}>
                    <TextObject text={field.text} nameOf={nameOf} />
                  </div>
                );
              })}
            </div>
          )}
        </div>
      );
    case 'column_set':
      return (
        <div class="cols">
          {arr(el.columns).map((c) => {
            const column = obj(c) ?? {};
            return (
              <div class={`col ${columnClass(column)}`}>
                <Elements list={column.elements} nameOf={nameOf} />
              </div>
            );
          })}
        </div>
      );
    case 'hr':
      return <hr />;
    case 'button':
      return <Button el={el} nameOf={nameOf} />;
    case 'action':
      return (
        <div class="actions">
          {arr(el.actions).map((a) => (
            <Element el={obj(a)} nameOf={nameOf} />
          ))}
        </div>
      );
    case 'form':
      return (
        <form class="card-form" data-form-name={str(el.name)}>
          <Elements list={el.elements} nameOf={nameOf} />
        </form>
      );
    case 'input':
      return <Input el={el} nameOf={nameOf} />;
    case 'select_static':
      return <Select el={el} nameOf={nameOf} />;
    case 'date_picker':
      return (
        <label class="card-input">
          <input type="date" name={str(el.name)} value={str(el.initial_date)} />
        </label>
      );
    case 'note':
      return (
        <div class="note">
          <Elements list={el.elements} nameOf={nameOf} />
        </div>
      );
    case 'collapsible_panel':
      return (
        <details class="panel" open={el.expanded === true}>
          <summary>
            <TextObject text={obj(el.header)?.title} nameOf={nameOf} />
          </summary>
          <Elements list={el.elements} nameOf={nameOf} />
        </details>
      );
    case 'img':
    case 'image':
      return <div class="note">［图片］</div>;
    default:
      return <div class="note">（此卡片元素暂不支持预览：{str(el.tag) || '未知'}）</div>;
  }
}

export function CardView({ card, nameOf }: { card: Json; nameOf: NameOf }) {
  const header = obj(card.header);
  const colour = str(header?.template).toLowerCase();
  const elements = obj(card.body)?.elements ?? card.elements;
  return (
    <div class="card">
      {header && (
        <div class={`card-h t-${LARK_COLOURS.has(colour) ? colour : 'default'}`}>
          <div class="card-title">
            <TextObject text={header.title} nameOf={nameOf} />
          </div>
          {header.subtitle ? (
            <div class="card-sub">
              <TextObject text={header.subtitle} nameOf={nameOf} />
            </div>
          ) : null}
        </div>
      )}
      <div class="card-b">
        <Elements list={elements} nameOf={nameOf} />
      </div>
    </div>
  );
}
