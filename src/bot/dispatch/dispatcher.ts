/**
 * From a queued Lark event to a handler. Messages become a `MessageContext` and go to the
 * command router through the error sink; other event types are acknowledged or ignored here.
 */
import type { Logger } from '../../logger.ts';
import type { LarkEnvelope } from '../../transport/envelope.ts';
import { messageEventSchema } from '../../transport/envelope.ts';
import type { Messenger } from '../delivery/messenger.ts';
import { createMessageContext, type MessageContext } from './context.ts';
import { withErrorSink } from './errorSink.ts';
import { parseCommandLine, type Router } from './router.ts';

export interface DispatcherOptions {
  router: Router;
  messenger: Messenger;
  logger: Logger;
  /** The bot's own open_id (from /bot/v3/info at start-up), to strip its mention. */
  botOpenId: string;
  /** Said when a message names no command or an unknown one. */
  helpHint: (ctx: MessageContext, word?: string) => string;
  /** Said when the bot joins a group. */
  welcome: () => string;
}

export interface DispatchAttempt {
  isLastAttempt: boolean;
}

export function createDispatcher(options: DispatcherOptions) {
  const { router, messenger, logger, botOpenId } = options;

  async function onMessage(envelope: LarkEnvelope, attempt: DispatchAttempt): Promise<void> {
    const parsed = messageEventSchema.safeParse(envelope.event);
    if (!parsed.success) {
      logger.warn('malformed message event dropped', { eventId: envelope.header.event_id });
      return;
    }
    const event = parsed.data;
    if (event.sender.sender_type && event.sender.sender_type !== 'user') return;
    const tenant = envelope.header.tenant_key ?? event.sender.tenant_key ?? 'default';
    const ctx = createMessageContext({
      eventId: envelope.header.event_id,
      tenant,
      event,
      botOpenId,
      messenger,
    });
    await withErrorSink(
      ctx,
      async () => {
        if (event.message.message_type !== 'text') {
          await ctx.reply('我只看得懂文字命令。发送 /帮助 查看可用的命令。');
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
      default:
        logger.debug('event type not handled', { eventType: envelope.header.event_type });
    }
  };
}
