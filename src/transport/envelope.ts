/**
 * The shape of a Lark v2 event envelope as we use it. Validated loosely with zod: Lark adds
 * fields over time, and we only depend on these.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 */
import { z } from 'zod';

export const envelopeSchema = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(200),
    create_time: z.string().optional(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.any()).optional(),
});

export type LarkEnvelope = z.infer<typeof envelopeSchema> & {
  // biome-ignore lint/suspicious/noExplicitAny: event payloads vary by type; handlers validate them
  event?: Record<string, any>;
};

export const mentionSchema = z.looseObject({
  key: z.string(),
  id: z.looseObject({
    open_id: z.string().optional(),
    user_id: z.string().optional(),
    union_id: z.string().optional(),
  }),
  name: z.string().default(''),
  tenant_key: z.string().optional(),
});

export const messageEventSchema = z.looseObject({
  sender: z.looseObject({
    sender_id: z.looseObject({ open_id: z.string().optional(), user_id: z.string().optional() }),
    sender_type: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  message: z.looseObject({
    message_id: z.string(),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    chat_id: z.string(),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    create_time: z.string().optional(),
    mentions: z.array(mentionSchema).optional(),
  }),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;
export type Mention = z.infer<typeof mentionSchema>;
