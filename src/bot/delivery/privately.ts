/**
 * Answers meant for one person alone — their own list (`/我的`), their 看板 login link (`/看板`) —
 * asked in a group go to them by direct message, and the group hears only that it was sent; in
 * their private chat with the bot they are the answer itself.
 */
import type { MessageContext } from '../dispatch/context.ts';
import type { Messenger, OutgoingMessage } from './messenger.ts';

export async function answerPrivately(
  deps: { messenger: Messenger },
  ctx: MessageContext,
  message: OutgoingMessage,
  /** Names the direct message (with the event id), so a retried command sends it once. */
  kind: string,
  sentText = '已私信发给你。',
): Promise<void> {
  if (ctx.chatType === 'p2p') {
    await ctx.reply(message);
    return;
  }
  await deps.messenger.send({
    tenant: ctx.tenant,
    to: { openId: ctx.sender.openId },
    message,
    key: `${kind}:${ctx.eventId}`,
  });
  await ctx.reply(sentText);
}
