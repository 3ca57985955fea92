/**
 * `/查询 #n` — where an item stands: status, light, owners, deadline, latest progress, any
 * pending extension, and its recent history from the audit stream. Anyone may ask.
 */
import type { BotDeps } from '../src/bot/deps.ts';
import { notFound } from '../src/bot/itemChange.ts';
import { parseItemRef } from '../src/bot/itemRef.ts';
import { itemStatusText } from '../src/bot/lifecycleReplies.ts';
import type { CommandSpec } from '../src/bot/router.ts';
import { lightOf } from '../src/domain/light.ts';

export const STATUS_USAGE = '/查询 #编号，例如：/查询 #12';

export function statusCommand(deps: BotDeps): CommandSpec {
  return {
    name: '查询',
    aliases: ['status'],
    usage: STATUS_USAGE,
    summary: '查看一件事项的状态、红黄绿灯和办理记录',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, STATUS_USAGE);
      const item = await deps.items.get(ctx.tenant, no);
      if (!item) throw notFound(no);
      const [calendar, history] = await Promise.all([
        deps.calendars.calendarFor(ctx.tenant),
        deps.items.history(ctx.tenant, no),
      ]);
      const light = lightOf(item, deps.clock.now(), calendar);
      await ctx.reply(itemStatusText(item, light, history, deps.time.timezone));
    },
  };
}
