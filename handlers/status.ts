/**
 * `/查询 #n` — where an item stands: status, light, owners, deadline, latest progress, any
 * pending extension, and its recent history from the audit stream. For those who may read the
 * item (`src/domain/access.ts`); to anyone else it does not exist. Answered with a card
 * (`src/lark/cards/statusCard.ts`) whose buttons act on the item.
 */
import { readItem } from '../src/bot/actions/itemActions.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { currentStatusCard } from '../src/bot/views/itemCards.ts';

export const STATUS_USAGE = '/查询 #编号，例如：/查询 #12';

export function statusCommand(deps: BotDeps): CommandSpec {
  return {
    name: '查询',
    aliases: ['status'],
    usage: STATUS_USAGE,
    summary: '查看一件事项的状态、红黄绿灯和办理记录',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, STATUS_USAGE);
      const { item } = await readItem(deps, ctx.tenant, no, ctx.sender, ctx.chatId, ctx.chatType !== 'p2p');
      const card = await currentStatusCard(deps, item);
      await ctx.reply(
        { type: 'card', card: { ...card } },
        { showsItem: { no, view: 'status', to: { chatId: ctx.chatId } } },
      );
    },
  };
}
