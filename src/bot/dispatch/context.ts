/**
 * One context per inbound chat message: who said what where, with the bot's own mention
 * removed and the other mentions resolved by their keys (never by display name).
 */
import type { Person } from '../../domain/item.ts';
import { exceeds, FIELDS } from '../../domain/limits.ts';
import { normaliseText } from '../../domain/text.ts';
import type { Mention, MessageEvent } from '../../transport/envelope.ts';
import type { Messenger, OutgoingMessage, SendRequest } from '../delivery/messenger.ts';

export interface MentionedPerson extends Person {
  /** Lark's placeholder in the text, `@_user_N`. */
  key: string;
}

export interface MessageContext {
  eventId: string;
  tenant: string;
  chatId: string;
  chatType: string;
  messageId: string;
  sender: Person;
  /** Text with the bot's mention removed; other mentions stay as their `@_user_N` keys. */
  text: string;
  /** The same with its line breaks kept (spaces within a line folded, blank lines dropped). */
  multiline: string;
  /** People mentioned (not the bot, not @all), by key. */
  mentions: ReadonlyMap<string, MentionedPerson>;
  /** Whether the message mentioned @all. */
  mentionsAll: boolean;
  /** `text` with each mention key replaced by `@name`, for showing back to people. */
  readable(s: string): string;
  /**
   * Replies to the triggering message; each reply of one event has a stable identity. A card
   * that shows an item says so (`showsItem`), so later changes update it; one a job changes
   * later is sent under a name (`rememberAs`).
   */
  reply(
    message: OutgoingMessage | string,
    extra?: Pick<SendRequest, 'showsItem' | 'rememberAs'>,
  ): Promise<void>;
}

export interface ContextSource {
  eventId: string;
  tenant: string;
  event: MessageEvent;
  /** The sender's open_id (the dispatcher refuses a message without one). */
  senderOpenId: string;
  /** The message's words, normalised, mentions as their keys (`messageText.ts`). */
  text: string;
  botOpenId: string;
  messenger: Messenger;
}

function toPerson(m: Mention): MentionedPerson | undefined {
  const openId = m.id?.open_id;
  if (!openId) return undefined;
  const name = normaliseText(m.name ?? '');
  return {
    key: m.key,
    openId,
    name: exceeds(name, FIELDS.name.max) ? [...name].slice(0, FIELDS.name.max).join('') : name,
  };
}

export function createMessageContext(src: ContextSource): MessageContext {
  const { message } = src.event;
  const mentions = new Map<string, MentionedPerson>();
  let text = src.text;
  let mentionsAll = false;
  for (const m of message.mentions ?? []) {
    if (m.key === '@_all') {
      mentionsAll = true;
      continue;
    }
    if (m.id?.open_id === src.botOpenId) {
      // `@_user_1` must not eat the start of `@_user_12`.
      text = text.replace(new RegExp(`${m.key}(?!\\d)`, 'g'), ' ');
      continue;
    }
    const p = toPerson(m);
    if (p) mentions.set(m.key, p);
  }
  // Lines matter to a few commands (a 纪要's 议定 lines); everything else reads one line.
  const multiline = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  text = text.replace(/\s+/g, ' ').trim();
  let replies = 0;
  const readable = (s: string) =>
    s.replace(/@_user_\d+|@_all/g, (key) =>
      key === '@_all' ? '@所有人' : `@${mentions.get(key)?.name ?? key}`,
    );
  return {
    eventId: src.eventId,
    tenant: src.tenant,
    chatId: message.chat_id,
    chatType: message.chat_type ?? 'group',
    messageId: message.message_id,
    sender: { openId: src.senderOpenId, name: '' },
    text,
    multiline,
    mentions,
    mentionsAll,
    readable,
    reply: (msg, extra) =>
      src.messenger.send({
        tenant: src.tenant,
        to: { chatId: message.chat_id },
        replyTo: message.message_id,
        message: typeof msg === 'string' ? { type: 'text', text: msg } : msg,
        key: `reply:${src.eventId}:${replies++}`,
        ...extra,
      }),
  };
}
