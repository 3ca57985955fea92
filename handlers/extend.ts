/**
 * `/延期 #n <新截止> <理由>` — ask for a later deadline; the lead leader or an admin decides
 * with /批准 or /驳回. The deadline reads exactly like the one of /任务.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { readExtensionArgs } from '../src/bot/args/extensionArgs.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { requestExtension } from '../src/domain/lifecycle.ts';
import { formatDue } from '../src/domain/time.ts';
import { extensionCard } from '../src/lark/cards/extensionCard.ts';

export const EXTEND_USAGE = '/延期 #编号 <新截止> <理由>，例如：/延期 #12 下周五 材料未齐';

export function extendCommand(deps: BotDeps): CommandSpec {
  return {
    name: '延期',
    aliases: ['extend'],
    usage: EXTEND_USAGE,
    summary: '申请延长截止时间，由牵头领导或管理员审批',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, EXTEND_USAGE);
      const calendar = await deps.calendars.calendarFor(ctx.tenant);
      const now = deps.clock.now();
      const { deadline, reason } = readExtensionArgs(
        ctx.readable(rest),
        now,
        { calendar, ...deps.time },
        EXTEND_USAGE,
      );
      const ask = {
        due: deadline.due,
        allDay: deadline.allDay,
        uncoveredYears: deadline.uncoveredYears,
        reason,
      };
      const { before, after } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor, at) => requestExtension(item, ask, actor, at),
        {
          action: 'extension-request',
          detail: `至 ${formatDue(deadline.due, deps.time.timezone)}；${reason}`,
          usage: EXTEND_USAGE,
        },
      );
      // The request card: the lead leader (or an admin) approves or rejects it with one tap.
      const ext = { request: after.extension!, from: before.due };
      const card = extensionCard(after, ext, {
        timezone: deps.time.timezone,
        calendar,
        replaced: before.extension !== undefined,
      });
      await ctx.reply(
        { type: 'card', card: { ...card } },
        { showsItem: { no, view: 'ext', ext, to: { chatId: ctx.chatId } } },
      );
    },
  };
}
