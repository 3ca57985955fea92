/**
 * The one place errors from handlers end up. A `UserError` is the user's to fix: answer
 * politely, with the usage line. Anything else is ours: log it with the event and chat ids
 * and let the queue retry; on the last attempt, tell the user we failed rather than stay silent.
 */
import { UserError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { escapeText } from '../texts/format.ts';
import type { MessageContext } from './context.ts';

export interface ErrorSinkOptions {
  logger: Logger;
  /** True when the queue will not retry this event again. */
  isLastAttempt: boolean;
}

/**
 * A refusal often quotes what was typed (`看不懂“…”`): its message is escaped, so nothing a
 * person typed can form a mention tag in the reply. The usage line is ours and stays as written.
 */
export function userErrorText(e: UserError): string {
  const message = escapeText(e.message);
  return e.usage ? `⚠️ ${message}\n用法：${e.usage}` : `⚠️ ${message}`;
}

export async function withErrorSink(
  ctx: MessageContext,
  run: () => Promise<void>,
  options: ErrorSinkOptions,
) {
  try {
    await run();
  } catch (e) {
    if (e instanceof UserError) {
      await ctx.reply(userErrorText(e));
      return;
    }
    options.logger.error('handler failed', { eventId: ctx.eventId, chatId: ctx.chatId, err: e });
    if (options.isLastAttempt) {
      await ctx.reply('抱歉，处理这条消息时出了问题，已记录下来。请稍后再试，或联系管理员。');
    }
    throw e;
  }
}
