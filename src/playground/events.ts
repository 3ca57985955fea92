/**
 * What the playground hands the bot: the same v2 envelopes Lark sends (LARK.md), so that the
 * dispatcher and every handler run exactly as they do in production.
 *
 * - A typed line becomes `im.message.receive_v1`: `content` is a JSON string whose text has
 *   each `@name` replaced by `@_user_N` in order of appearance, with `mentions[]` listing the
 *   keys, ids and names. In the group the bot must be @-ed to hear anything (as in Lark), so
 *   its mention is put first when the person did not type it.
 * - A pressed card button becomes `card.action.trigger` with the operator, the button's value,
 *   the form's values and the card's message and chat.
 */
import type { Person } from '../domain/item.ts';
import type { LarkEnvelope } from '../transport/envelope.ts';

export const PLAYGROUND_APP_ID = 'cli_playground000000';

export interface LarkMention {
  key: string;
  id: { open_id: string; union_id: string; user_id: string };
  name: string;
  tenant_key: string;
}

/** Names that mean @all in the input box, as in Lark's picker. */
const ALL_NAMES = ['所有人'];

/**
 * Replace each `@name` of a known person with `@_user_N`, numbered in order of appearance (one
 * key per @, like Lark). The longest matching name wins (`@张三丰` is not `@张三`); an `@`
 * naming nobody stays plain text, as when someone types @ without picking a person.
 */
export function toMentionKeys(
  text: string,
  people: readonly Person[],
  tenantKey: string,
): { text: string; mentions: LarkMention[] } {
  const byLength = [...people].filter((p) => p.name.length > 0).sort((a, b) => b.name.length - a.name.length);
  const mentions: LarkMention[] = [];
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '@') {
      const all = ALL_NAMES.find((n) => text.startsWith(n, i + 1));
      if (all) {
        mentions.push({
          key: '@_all',
          id: { open_id: '', union_id: '', user_id: '' },
          name: '所有人',
          tenant_key: tenantKey,
        });
        out += '@_all';
        i += 1 + all.length;
        continue;
      }
      const person = byLength.find((p) => text.startsWith(p.name, i + 1));
      if (person) {
        const key = `@_user_${mentions.filter((m) => m.key !== '@_all').length + 1}`;
        mentions.push({
          key,
          id: { open_id: person.openId, union_id: '', user_id: '' },
          name: person.name,
          tenant_key: tenantKey,
        });
        out += key;
        i += 1 + person.name.length;
        continue;
      }
    }
    out += text[i];
    i += 1;
  }
  return { text: out, mentions };
}

export interface MessageInput {
  tenant: string;
  chatId: string;
  chatType: 'group' | 'p2p';
  sender: Person;
  /** As typed, with `@name` for mentions. */
  text: string;
  /** People who can be @-ed (the group's members). */
  people: readonly Person[];
  bot: Person;
  eventId: string;
  messageId: string;
  /** The bot's clock: Lark stamps events with its own time, and in the playground ours is it. */
  now: number;
}

export function messageEnvelope(input: MessageInput): LarkEnvelope {
  let typed = input.text.trim();
  const botTag = `@${input.bot.name}`;
  if (input.chatType === 'group' && !typed.startsWith(botTag)) typed = `${botTag} ${typed}`;
  // Lark never shows a p2p chat's bot as a mention; only the group needs the bot's key.
  const candidates = input.chatType === 'group' ? [input.bot, ...input.people] : input.people;
  const { text, mentions } = toMentionKeys(typed, candidates, input.tenant);
  return envelopeOf(input, {
    message_type: 'text',
    content: JSON.stringify({ text }),
    // Lark omits `mentions` when nobody was @-ed.
    ...(mentions.length > 0 ? { mentions } : {}),
  });
}

/** A file dropped into a chat: Lark's `file` message, by the key its store keeps it under. */
export function fileEnvelope(
  input: Omit<MessageInput, 'text' | 'people' | 'bot'> & { fileKey: string; fileName: string },
): LarkEnvelope {
  return envelopeOf(input, {
    message_type: 'file',
    content: JSON.stringify({ file_key: input.fileKey, file_name: input.fileName }),
  });
}

function envelopeOf(
  input: Pick<MessageInput, 'tenant' | 'chatId' | 'chatType' | 'sender' | 'eventId' | 'messageId' | 'now'>,
  message: Record<string, unknown>,
): LarkEnvelope {
  const createTime = String(input.now);
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId,
      event_type: 'im.message.receive_v1',
      create_time: createTime,
      app_id: PLAYGROUND_APP_ID,
      tenant_key: input.tenant,
    },
    event: {
      sender: {
        sender_id: { open_id: input.sender.openId, union_id: '', user_id: '' },
        sender_type: 'user',
        tenant_key: input.tenant,
      },
      message: {
        message_id: input.messageId,
        create_time: createTime,
        update_time: createTime,
        chat_id: input.chatId,
        chat_type: input.chatType,
        ...message,
      },
    },
  };
}

export interface CardActionInput {
  tenant: string;
  operator: string;
  /** The object the button carried (`behaviors[].value`). */
  value: Record<string, unknown>;
  /** A form's inputs by name, when the button submits a form. */
  formValue?: Record<string, string>;
  /** The button's `name`, when it has one. */
  name?: string;
  messageId: string;
  chatId: string;
  eventId: string;
  /** The card update token Lark issues per callback (`c-…`). */
  cardToken: string;
  now: number;
}

export function cardActionEnvelope(input: CardActionInput): LarkEnvelope {
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId,
      event_type: 'card.action.trigger',
      create_time: String(input.now),
      app_id: PLAYGROUND_APP_ID,
      tenant_key: input.tenant,
    },
    event: {
      operator: { tenant_key: input.tenant, open_id: input.operator, union_id: '', user_id: '' },
      token: input.cardToken,
      action: {
        tag: 'button',
        value: input.value,
        ...(input.formValue ? { form_value: input.formValue } : {}),
        ...(input.name ? { name: input.name } : {}),
      },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  };
}
