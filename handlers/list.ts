/**
 * `/列表 [页码] [我的|逾期|@某人|单位 名称]` — this group's open items, nearest deadline first,
 * each with its light, a page at a time (the card's 下一页 button turns the page); and `/我的` —
 * a person's own open items across every chat, sent to them by direct message.
 */
import { LIST_USAGE, readListArgs } from '../src/bot/args/listArgs.ts';
import { answerPrivately } from '../src/bot/delivery/privately.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { chatListCard, personalListCard } from '../src/bot/views/listViews.ts';

export function listCommand(deps: BotDeps): CommandSpec {
  return {
    name: '列表',
    aliases: ['list'],
    usage: LIST_USAGE,
    summary: '本群未办结的事项，按截止时间排序；可翻页、按我的/逾期/负责人/单位筛选',
    async run(ctx) {
      const request = readListArgs(ctx.args, ctx.mentions, ctx.sender.openId);
      const card = await chatListCard(deps, ctx.tenant, ctx.chatId, request, {
        privateChat: ctx.chatType === 'p2p',
      });
      await ctx.reply({ type: 'card', card: { ...card } });
    },
  };
}

export const MINE_USAGE = '/我的';

export function mineCommand(deps: BotDeps): CommandSpec {
  return {
    name: '我的',
    aliases: ['mine'],
    usage: MINE_USAGE,
    summary: '我在各群负责和牵头的未办结事项（私信发给我）',
    async run(ctx) {
      const card = await personalListCard(deps, ctx.tenant, ctx.sender.openId);
      // A person's list may name other groups' work: it goes to them alone.
      await answerPrivately(deps, ctx, { type: 'card', card: { ...card } }, 'mine');
    },
  };
}
