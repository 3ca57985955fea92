/**
 * `/统计 [时间段] [单位 名称] [类型 …]` — the supervision figures of the asker's scope (a group's
 * items in the group; in a private chat, everything the person leads or holds a role on, or
 * everything for an organisation admin) as a card. The figures mean what `src/domain/figures.ts`
 * says, the same as in the weekly report and the 台账.
 */
import { readStatsArgs, statsUsage } from '../src/bot/args/statsArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { statsCardFor } from '../src/bot/views/statsView.ts';

export function statsCommand(deps: BotDeps): CommandSpec {
  return {
    name: '统计',
    aliases: ['stats'],
    usage: statsUsage('统计'),
    summary: '督办统计：登记、办结、逾期、按期办结率，按单位、负责人和类型（默认本月）',
    async run(ctx) {
      const request = readStatsArgs(ctx.args, '统计', deps.clock.now(), deps.time.timezone);
      const card = await statsCardFor(
        deps,
        { tenant: ctx.tenant, openId: ctx.sender.openId, chatId: ctx.chatId, chatType: ctx.chatType },
        request,
      );
      await ctx.reply({ type: 'card', card: { ...card } });
    },
  };
}
