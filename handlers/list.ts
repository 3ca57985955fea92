/**
 * `/列表` — the open items of this group, nearest deadline first, each with its light.
 */
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { itemLine } from '../src/bot/texts/replies.ts';
import { lightOf } from '../src/domain/light.ts';

/** Enough to read on a phone; the dashboard has the rest. */
export const LIST_LIMIT = 30;

export function listCommand(deps: BotDeps): CommandSpec {
  return {
    name: '列表',
    aliases: ['list'],
    usage: '/列表',
    summary: '本群未办结的事项，按截止时间排序',
    async run(ctx) {
      const { items, total } = await deps.items.listOpenInChat(ctx.tenant, ctx.chatId, LIST_LIMIT);
      if (total === 0) {
        await ctx.reply('本群目前没有未办结的事项。用 /任务 登记一件吧。');
        return;
      }
      const now = deps.clock.now();
      const calendar = await deps.calendars.calendarFor(ctx.tenant);
      const lines = items.map((item) => itemLine(item, deps.time.timezone, lightOf(item, now, calendar)));
      const overdue = items.filter((i) => i.due <= now).length;
      const head = `📋 本群未办结事项 ${total} 项${overdue > 0 ? `，其中已逾期 ${overdue} 项` : ''}：`;
      const more = total > items.length ? [`……还有 ${total - items.length} 项，请在看板中查看。`] : [];
      await ctx.reply([head, ...lines, ...more].join('\n'));
    },
  };
}
