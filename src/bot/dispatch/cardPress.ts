/**
 * A card button press, read from Lark's `card.action.trigger` envelope, and the answer Lark
 * shows for it. Only the button's value comes from the card; the tenant comes from the
 * envelope header and the operator from `event.operator.open_id`.
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
import { z } from 'zod';
import { normaliseText } from '../../domain/text.ts';
import { type ButtonValue, buttonValueSchema } from '../../lark/cards/actionValue.ts';
import type { Card } from '../../lark/cards/elements.ts';
import type { Logger } from '../../logger.ts';
import type { LarkEnvelope } from '../../transport/envelope.ts';

export interface CardPress {
  eventId: string;
  tenant: string;
  operator: string;
  value: ButtonValue;
  /** The form's inputs, by name, when a form's submit button was pressed. */
  form: Record<string, string>;
  /** The message the card is in, and its chat. */
  messageId: string;
  chatId: string;
  /** Lark's card update token for this callback (`event.token`), when it sent one. */
  token: string | undefined;
}

export type ToastType = 'success' | 'info' | 'warning' | 'error';

/** Lark's callback response: a toast, and the card to show instead, when it changed. */
export interface CardAnswer {
  toast: { type: ToastType; content: string };
  card?: { type: 'raw'; data: Card };
}

export const toast = (type: ToastType, content: string, card?: Card): CardAnswer =>
  card ? { toast: { type, content }, card: { type: 'raw', data: card } } : { toast: { type, content } };

const eventSchema = z.looseObject({
  token: z.string().nullish(),
  operator: z.looseObject({ open_id: z.string().min(1), tenant_key: z.string().nullish() }),
  action: z.looseObject({
    value: z.unknown(),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.looseObject({
    open_message_id: z.string().nullish(),
    open_chat_id: z.string().nullish(),
  }),
});

/** The press, or why it cannot be one of ours (a malformed or foreign value). */
export function readCardPress(envelope: LarkEnvelope): CardPress | undefined {
  const event = eventSchema.safeParse(envelope.event);
  if (!event.success) return undefined;
  const value = buttonValueSchema.safeParse(event.data.action.value);
  if (!value.success) return undefined;
  const form: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.data.action.form_value ?? {})) {
    if (typeof v === 'string') form[k] = normaliseText(v);
  }
  return {
    eventId: envelope.header.event_id,
    tenant: envelope.header.tenant_key ?? event.data.operator.tenant_key ?? 'default',
    operator: event.data.operator.open_id,
    value: value.data,
    form,
    messageId: event.data.context.open_message_id ?? '',
    chatId: event.data.context.open_chat_id ?? '',
    token: event.data.token ?? undefined,
  };
}

/**
 * The webhook's (and the long connection's, and the playground's) `onCardAction`: one press,
 * one answer. A value that is not one of our buttons gets a polite warning, not an error page.
 */
export function cardCallback(handle: (press: CardPress) => Promise<CardAnswer>, logger: Logger) {
  return async (envelope: LarkEnvelope): Promise<CardAnswer> => {
    const press = readCardPress(envelope);
    if (!press) {
      logger.warn('card callback not understood', { eventId: envelope.header.event_id });
      return toast('warning', '这个按钮已失效，请发送 /帮助 查看文字命令。');
    }
    return handle(press);
  };
}
