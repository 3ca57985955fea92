/**
 * The card JSON 2.0 luoshi may send, as a zod schema: every card is checked against it (and
 * against Lark's 30 KB limit for `interactive` content) before it leaves, so a builder mistake
 * fails loudly in a test instead of reaching Lark as error 230001/230025.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 * https://open.feishu.cn/document/server-docs/im-v1/message/create (content ≤ 30 KB for cards)
 */
import { z } from 'zod';
import { buttonValueSchema } from './actionValue.ts';
import type { Card } from './elements.ts';

/** Lark measures the `content` string (the card's JSON) in bytes. */
export const MAX_CARD_BYTES = 30 * 1024;

const plainText = z.strictObject({ tag: z.literal('plain_text'), content: z.string().min(1).max(2000) });

const markdownSchema = z.strictObject({
  tag: z.literal('markdown'),
  content: z.string().min(1),
  text_size: z.enum(['normal', 'notation']).optional(),
});

const buttonSchema = z.strictObject({
  tag: z.literal('button'),
  text: plainText,
  type: z.enum(['default', 'primary', 'danger', 'primary_filled']),
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/)
    .optional(),
  form_action_type: z.literal('submit').optional(),
  behaviors: z.tuple([z.strictObject({ type: z.literal('callback'), value: buttonValueSchema })]),
});

const inputSchema = z.strictObject({
  tag: z.literal('input'),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/),
  label: plainText.optional(),
  placeholder: plainText,
  // Lark's input takes at most 1000 characters.
  max_length: z.number().int().min(1).max(1000),
  required: z.boolean().optional(),
  input_type: z.enum(['text', 'multiline_text']).optional(),
  rows: z.number().int().min(1).max(5).optional(),
});

type ElementInput = z.input<typeof markdownSchema> | { tag: string; [k: string]: unknown };

const columnSetSchema: z.ZodType<ElementInput> = z.lazy(() =>
  z.strictObject({
    tag: z.literal('column_set'),
    horizontal_spacing: z.string().optional(),
    columns: z
      .array(
        z.strictObject({
          tag: z.literal('column'),
          width: z.enum(['auto', 'weighted']),
          weight: z.number().int().min(1).max(5).optional(),
          elements: z.array(elementSchema),
        }),
      )
      .min(1)
      .max(10),
  }),
);

const formSchema = z.strictObject({
  tag: z.literal('form'),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/),
  elements: z
    .array(z.union([inputSchema, buttonSchema, columnSetSchema, markdownSchema]))
    .min(1)
    // A form needs a way to submit it.
    .refine((els) => JSON.stringify(els).includes('"form_action_type":"submit"'), 'form without submit'),
});

const elementSchema: z.ZodType<ElementInput> = z.lazy(() =>
  z.union([markdownSchema, z.strictObject({ tag: z.literal('hr') }), buttonSchema, columnSetSchema]),
);

export const cardSchema = z.strictObject({
  schema: z.literal('2.0'),
  config: z.strictObject({ update_multi: z.literal(true), summary: plainText.optional() }),
  header: z.strictObject({
    title: plainText,
    subtitle: plainText.optional(),
    template: z.enum(['blue', 'green', 'yellow', 'orange', 'red', 'carmine', 'grey']),
  }),
  body: z.strictObject({
    // Forms may only sit at the root (the form container page).
    elements: z
      .array(z.union([elementSchema, formSchema]))
      .min(1)
      .max(200),
  }),
});

export class CardError extends Error {
  override readonly name = 'CardError';
}

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** Returns the card when it is valid and small enough; throws `CardError` otherwise. */
export function validateCard(card: Card): Card {
  const parsed = cardSchema.safeParse(card);
  if (!parsed.success) throw new CardError(`invalid card: ${z.prettifyError(parsed.error)}`);
  const bytes = cardBytes(card);
  if (bytes > MAX_CARD_BYTES) throw new CardError(`card is ${bytes} bytes, over Lark's ${MAX_CARD_BYTES}`);
  return card;
}
