/**
 * `/任务 <标题> @负责人 [@负责人…] <截止> [牵头 @领导] [单位 <名称>]` — record an item, and
 * confirm it with the item's card (number, owners, lead leader, deadline with weekday, light).
 * The same /任务 (same title and owners) again within a minute is held back, and its sender is
 * asked with a card whether a second item is wanted (`src/storage/recentTasks.ts`).
 */
import { fingerprintOf, recordTask } from '../src/bot/actions/recordTask.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { currentItemCard } from '../src/bot/views/itemCards.ts';
import { splitTrailingDeadline } from '../src/domain/deadline/index.ts';
import { chatTypeOf, type NewItem } from '../src/domain/item.ts';
import { UserError } from '../src/errors.ts';
import { duplicateTaskCard } from '../src/lark/cards/duplicateTaskCard.ts';

export const TASK_USAGE =
  '/任务 <标题> @负责人 <截止> [牵头 @领导] [单位 <名称>]，例如：/任务 起草年度工作总结 @张三 3个工作日内';

export function taskCommand(deps: BotDeps): CommandSpec {
  return {
    name: '任务',
    aliases: ['task'],
    usage: TASK_USAGE,
    summary: '登记一件事项，@ 负责人并写明截止时间',
    async run(ctx) {
      if (!ctx.args) throw new UserError('请写明事项、负责人和截止时间。', TASK_USAGE);
      const clauses = readTaskClauses(ctx.args, ctx.mentions, TASK_USAGE);
      const now = deps.clock.now();
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const { title, deadline } = splitTrailingDeadline(clauses.rest, now, options);
      if (!deadline.ok) throw new UserError(deadline.reason, TASK_USAGE);
      const input: NewItem = {
        tenant: ctx.tenant,
        kind: 'task',
        chatId: ctx.chatId,
        chatType: chatTypeOf(ctx.chatType),
        title: checkTitle(title, TASK_USAGE),
        owners: clauses.owners,
        creator: ctx.sender,
        lead: clauses.lead,
        unit: clauses.unit,
        due: deadline.due,
        allDay: deadline.allDay,
        uncoveredYears: deadline.uncoveredYears.length > 0 ? deadline.uncoveredYears : undefined,
        sourceMessageId: ctx.messageId,
      };
      const earlier = await deps.recentTasks.recentOther(ctx.tenant, fingerprintOf(input), ctx.messageId);
      if (earlier !== undefined) {
        await deps.recentTasks.hold(ctx.tenant, ctx.messageId, {
          item: input,
          explanation: deadline.explanation,
        });
        const previous = await deps.items.get(ctx.tenant, earlier);
        const card = duplicateTaskCard({
          heldId: ctx.messageId,
          title: input.title,
          previous,
          timezone: deps.time.timezone,
        });
        await ctx.reply({ type: 'card', card: { ...card } });
        return;
      }
      const item = await recordTask(deps, input, deadline.explanation, ctx.messageId);
      // The confirmation is the item's card: its buttons act on it, and later changes redraw it.
      const card = await currentItemCard(deps, item, { confirmation: { explanation: deadline.explanation } });
      await ctx.reply(
        { type: 'card', card: { ...card } },
        { showsItem: { no: item.no, view: 'item', to: { chatId: ctx.chatId } } },
      );
    },
  };
}
