/**
 * A chat command that changes one item (签收, 进展, 完成, 延期, 批准, 驳回, 取消, 销号, 退回):
 * the item-action service applies it, the follow-up runs, and the command is answered with the
 * words the service chose. When the command came from another chat than the item's (an owner
 * finishing from a private chat), what others must hear is posted in the item's chat as well.
 */
import type { BotDeps } from '../deps.ts';
import type { CommandContext } from '../dispatch/router.ts';
import { followUpOf, runFollowUp } from './followUp.ts';
import { type ActionInput, type Applied, applyItemAction } from './itemActions.ts';

export async function runItemCommand(
  deps: BotDeps,
  ctx: CommandContext,
  no: number,
  input: ActionInput,
): Promise<Applied> {
  const result = await applyItemAction(deps, {
    tenant: ctx.tenant,
    no,
    who: ctx.sender,
    from: ctx.chatId,
    typedInGroup: ctx.chatType !== 'p2p',
    input,
    usage: ctx.command.usage,
  });
  // Commands carry no card state, so nothing is stale.
  if (result.kind !== 'applied') throw new Error('a command cannot be stale');
  const followUp = followUpOf(result, {
    announce: ctx.chatId !== result.after.chatId,
    key: `announce:${ctx.eventId}`,
  });
  try {
    await runFollowUp(deps, followUp);
  } catch (err) {
    // The change is written and must be answered; retrying the command would find it done.
    // The daily reconciliation mends a plan left behind; older card copies catch up next time.
    deps.logger.error('follow-up of a command failed', { eventId: ctx.eventId, no, err });
  }
  const to = { chatId: ctx.chatId };
  await ctx.reply(result.message, result.showsItem ? { showsItem: { ...result.showsItem, to } } : undefined);
  return result;
}
