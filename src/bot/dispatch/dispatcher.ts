/**
 * From a queued Lark event to a handler. A message becomes a `MessageContext` and goes to the
 * command router through the error sink; other event types are acknowledged or ignored here.
 *
 * Nothing a person sends is dropped in silence. A message event we cannot use (malformed, no
 * sender id, a rich-text body we cannot read) is answered in its chat when it has one, and
 * reported through `onUnusable` (logged and counted). The message is read tolerantly
 * (`messageText.ts`, nullish optional fields), its length is checked before any parsing, and its
 * text is normalised (`src/domain/text.ts`) before a handler sees it.
 *
 * People: every name a message carries (its mentions) goes into the people directory, and the
 * sender — whom an event gives by open_id only — is named from it, so an item's creator has a
 * name. A contact-change event updates the directory. None of this is on the webhook's path:
 * it runs here, in the inbound worker.
 */
import { exceeds, FIELDS } from '../../domain/limits.ts';
import { normaliseText } from '../../domain/text.ts';
import type { Logger } from '../../logger.ts';
import type { LarkEnvelope } from '../../transport/envelope.ts';
import { messageEventSchema } from '../../transport/envelope.ts';
import type { IncomingFile } from '../delivery/files.ts';
import type { Messenger } from '../delivery/messenger.ts';
import { CONTACT_USER_UPDATED, readContactChange } from '../people/contactChange.ts';
import type { PeopleDirectory } from '../people/directory.ts';
import { createMessageContext, type MessageContext } from './context.ts';
import { withErrorSink } from './errorSink.ts';
import { messageFile, messageText } from './messageText.ts';
import { parseCommandLine, type Router } from './router.ts';

/** Why an inbound message could not be used. */
export type UnusableReason = 'malformed' | 'no-sender' | 'unreadable-content';

export interface DispatcherOptions {
  router: Router;
  messenger: Messenger;
  logger: Logger;
  /** The bot's own open_id (from /bot/v3/info at start-up), to strip its mention. */
  botOpenId: string;
  /** Names seen go in; the sender's name comes out. */
  people: PeopleDirectory;
  /** Said when a message names no command or an unknown one. */
  helpHint: (ctx: MessageContext, word?: string) => string;
  /** Said when the bot joins a group. */
  welcome: () => string;
  /**
   * A file someone sent (`message_type: file`): a plan spreadsheet after `/计划 导入`. Without
   * it, a file is answered like any message the bot cannot read.
   */
  onFile?: (ctx: MessageContext, file: IncomingFile) => Promise<void>;
  /** Counts a message that could not be used (metrics); it has been logged and answered. */
  onUnusable?: (reason: UnusableReason) => void;
}

export interface DispatchAttempt {
  isLastAttempt: boolean;
}

const UNUSABLE_TEXT: Record<UnusableReason, string> = {
  malformed: '这条消息的格式我读不懂，已记录下来。请重新发送文字命令，或发送 /帮助 查看用法。',
  'no-sender': '无法识别发送人，这条消息没有办理。请联系管理员检查应用的通讯录权限。',
  'unreadable-content': '这条消息的内容我读不懂，已记录下来。请直接输入文字命令，或发送 /帮助 查看用法。',
};

const UNSUPPORTED_TYPE_TEXT = '我只看得懂文字命令。发送 /帮助 查看可用的命令。';

/** The chat and message of an event we could not parse, when they are there to answer. */
function whereFrom(event: unknown): { chatId: string; messageId?: string } | undefined {
  const message = (event as { message?: { chat_id?: unknown; message_id?: unknown } } | undefined)?.message;
  if (typeof message?.chat_id !== 'string' || !message.chat_id) return undefined;
  return {
    chatId: message.chat_id,
    ...(typeof message.message_id === 'string' && message.message_id
      ? { messageId: message.message_id }
      : {}),
  };
}

export function createDispatcher(options: DispatcherOptions) {
  const { router, messenger, logger, botOpenId, people } = options;

  /** Keeps the names the message carries and looks up the sender's, in one go. */
  async function senderName(tenant: string, openId: string, mentioned: MessageContext['mentions']) {
    const [, names] = await Promise.all([
      people.saw(tenant, [...mentioned.values()]),
      people.namesOf(tenant, [openId]),
    ]);
    return names.get(openId) ?? '';
  }

  async function unusable(envelope: LarkEnvelope, tenant: string, reason: UnusableReason): Promise<void> {
    const eventId = envelope.header.event_id;
    const where = whereFrom(envelope.event);
    logger.warn('inbound message not usable', { eventId, reason, chatId: where?.chatId });
    options.onUnusable?.(reason);
    if (!where) return;
    await messenger.send({
      tenant,
      to: { chatId: where.chatId },
      ...(where.messageId ? { replyTo: where.messageId } : {}),
      message: { type: 'text', text: UNUSABLE_TEXT[reason] },
      key: `unusable:${eventId}`,
    });
  }

  async function onMessage(envelope: LarkEnvelope, attempt: DispatchAttempt): Promise<void> {
    const headerTenant = envelope.header.tenant_key ?? undefined;
    const parsed = messageEventSchema.safeParse(envelope.event);
    if (!parsed.success) return unusable(envelope, headerTenant ?? 'default', 'malformed');
    const event = parsed.data;
    if (event.sender.sender_type && event.sender.sender_type !== 'user') return;
    const tenant = headerTenant ?? event.sender.tenant_key ?? 'default';
    const senderOpenId = event.sender.sender_id?.open_id;
    if (!senderOpenId) return unusable(envelope, tenant, 'no-sender');
    const file =
      event.message.message_type === 'file' && options.onFile
        ? messageFile(event.message.content)
        : undefined;
    const read = messageText(event.message.message_type, event.message.content);
    if (!read.ok && read.reason === 'malformed') return unusable(envelope, tenant, 'unreadable-content');
    const raw = read.ok ? read.text : '';
    const heard = createMessageContext({
      eventId: envelope.header.event_id,
      tenant,
      event,
      senderOpenId,
      // Checked before anything reads it: a 100k-character message costs what a short one does.
      text: exceeds(raw, FIELDS.message.max) ? '' : normaliseText(raw),
      botOpenId,
      messenger,
    });
    const name = await senderName(tenant, senderOpenId, heard.mentions);
    const ctx: MessageContext = { ...heard, sender: { openId: senderOpenId, name } };
    await withErrorSink(
      ctx,
      async () => {
        if (file && options.onFile) {
          await options.onFile(ctx, { ...file, messageId: event.message.message_id });
          return;
        }
        if (!read.ok) {
          await ctx.reply(UNSUPPORTED_TYPE_TEXT);
          return;
        }
        if (exceeds(raw, FIELDS.message.max)) {
          await ctx.reply(
            `⚠️ 消息太长了（最多 ${FIELDS.message.max} 字），没有办理。请精简后重新发送，长材料可作为附件或链接。`,
          );
          return;
        }
        const line = parseCommandLine(ctx.text);
        const command = line && router.find(line.word);
        if (!line || !command) {
          await ctx.reply(options.helpHint(ctx, line?.word));
          return;
        }
        await command.run({ ...ctx, args: line.args, command });
      },
      { logger, isLastAttempt: attempt.isLastAttempt },
    );
  }

  return async function dispatch(envelope: LarkEnvelope, attempt: DispatchAttempt): Promise<void> {
    switch (envelope.header.event_type) {
      case 'im.message.receive_v1':
        return onMessage(envelope, attempt);
      case 'im.chat.member.bot.added_v1': {
        const chatId = envelope.event?.chat_id;
        if (typeof chatId !== 'string') return;
        await messenger.send({
          tenant: envelope.header.tenant_key ?? 'default',
          to: { chatId },
          message: { type: 'text', text: options.welcome() },
          key: `welcome:${envelope.header.event_id}`,
        });
        return;
      }
      case CONTACT_USER_UPDATED: {
        const person = readContactChange(envelope.event);
        if (person) await people.saw(envelope.header.tenant_key ?? 'default', [person]);
        return;
      }
      default:
        logger.debug('event type not handled', { eventType: envelope.header.event_type });
    }
  };
}
