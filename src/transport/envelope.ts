/**
 * The shape of a Lark v2 event envelope as we use it. Validated loosely with zod: Lark adds
 * fields over time, and we only depend on these. Every optional field may arrive as `null`, not
 * only absent (an app without the user-ID scope gets `"user_id": null` in every id object; see
 * LARK.md), so optional means nullish here.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 */
import { z } from 'zod';

export const envelopeSchema = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(200),
    create_time: z.string().nullish(),
    token: z.string().nullish(),
    app_id: z.string().nullish(),
    tenant_key: z.string().nullish(),
  }),
  event: z.record(z.string(), z.any()).optional(),
});

export type LarkEnvelope = z.infer<typeof envelopeSchema> & {
  // biome-ignore lint/suspicious/noExplicitAny: event payloads vary by type; handlers validate them
  event?: Record<string, any>;
};

const optional = z.string().nullish();
const userIds = z.looseObject({ open_id: optional, user_id: optional, union_id: optional });

export const mentionSchema = z.looseObject({
  key: z.string(),
  id: userIds.nullish(),
  name: optional,
  tenant_key: optional,
});

export const messageEventSchema = z.looseObject({
  sender: z.looseObject({
    sender_id: userIds.nullish(),
    sender_type: optional,
    tenant_key: optional,
  }),
  message: z.looseObject({
    message_id: z.string().min(1),
    root_id: optional,
    parent_id: optional,
    chat_id: z.string().min(1),
    chat_type: optional,
    message_type: z.string(),
    content: z.string(),
    create_time: optional,
    mentions: z.array(mentionSchema).nullish(),
  }),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;
export type Mention = z.infer<typeof mentionSchema>;
