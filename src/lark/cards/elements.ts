/**
 * The few card JSON 2.0 components luoshi uses, as small constructors, so builders read like
 * the card they make. Shapes follow the component pages of the Feishu card docs:
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 *
 * In JSON 2.0 buttons sit directly in `elements` (the 1.0 `action` module is gone), a button's
 * callback is `behaviors: [{type: 'callback', value}]`, and a form container may only sit at
 * the card's root; its submit buttons send the inputs back as `action.form_value`.
 */
import type { ButtonValue } from './actionValue.ts';

export type HeaderTemplate = 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'grey';

export interface PlainText {
  tag: 'plain_text';
  content: string;
}

export interface MarkdownElement {
  tag: 'markdown';
  content: string;
  text_size?: 'normal' | 'notation';
}

export interface HrElement {
  tag: 'hr';
}

export interface ButtonElement {
  tag: 'button';
  text: PlainText;
  type: 'default' | 'primary' | 'danger' | 'primary_filled';
  name?: string;
  /** Inside a form: `submit` sends the form's inputs with the callback. */
  form_action_type?: 'submit';
  behaviors: [{ type: 'callback'; value: ButtonValue }];
}

export interface InputElement {
  tag: 'input';
  name: string;
  label?: PlainText;
  placeholder: PlainText;
  max_length: number;
  required?: boolean;
  input_type?: 'text' | 'multiline_text';
  rows?: number;
}

export interface ColumnSetElement {
  tag: 'column_set';
  horizontal_spacing?: string;
  columns: Array<{ tag: 'column'; width: 'auto' | 'weighted'; weight?: number; elements: CardElement[] }>;
}

export interface FormElement {
  tag: 'form';
  name: string;
  elements: Array<InputElement | ButtonElement | ColumnSetElement | MarkdownElement>;
}

export type CardElement = MarkdownElement | HrElement | ButtonElement | ColumnSetElement | FormElement;

export interface Card {
  schema: '2.0';
  config: { update_multi: true; summary?: PlainText };
  header: { title: PlainText; subtitle?: PlainText; template: HeaderTemplate };
  body: { elements: CardElement[] };
}

export const plain = (content: string): PlainText => ({ tag: 'plain_text', content });

export const markdown = (content: string, size?: 'notation'): MarkdownElement =>
  size ? { tag: 'markdown', content, text_size: size } : { tag: 'markdown', content };

export const hr = (): HrElement => ({ tag: 'hr' });

export function button(
  label: string,
  value: ButtonValue,
  options: { type?: ButtonElement['type']; submit?: boolean } = {},
): ButtonElement {
  return {
    tag: 'button',
    text: plain(label),
    type: options.type ?? 'default',
    // Lark wants a name on every component of a form; it also tells which button submitted.
    name: `btn_${value.action}`,
    ...(options.submit ? { form_action_type: 'submit' as const } : {}),
    behaviors: [{ type: 'callback', value }],
  };
}

export function input(
  name: string,
  label: string,
  placeholder: string,
  options: { maxLength: number; required?: boolean; multiline?: boolean },
): InputElement {
  return {
    tag: 'input',
    name,
    label: plain(label),
    placeholder: plain(placeholder),
    max_length: options.maxLength,
    ...(options.required ? { required: true } : {}),
    ...(options.multiline ? { input_type: 'multiline_text' as const, rows: 2 } : {}),
  };
}

/** Buttons side by side. */
export function buttonRow(buttons: ButtonElement[]): ColumnSetElement {
  return {
    tag: 'column_set',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

export function form(name: string, elements: FormElement['elements']): FormElement {
  return { tag: 'form', name, elements };
}

export function card(
  header: { title: string; subtitle?: string; template: HeaderTemplate },
  elements: CardElement[],
): Card {
  return {
    schema: '2.0',
    // Shared card: an update (callback answer or PATCH) shows for everyone who sees the message.
    config: { update_multi: true, summary: plain(header.title) },
    header: {
      title: plain(header.title),
      ...(header.subtitle ? { subtitle: plain(header.subtitle) } : {}),
      template: header.template,
    },
    body: { elements },
  };
}
