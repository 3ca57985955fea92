/**
 * `/销号 #n [意见]` and `/退回 #n <理由>` — the lead leader (or an admin) closes a rectification
 * item the owners reported done, or sends it back to them (notice 十四: tracked to the end).
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { atAll, escapeText } from '../src/bot/texts/format.ts';
import { alreadyClosedText } from '../src/bot/texts/lifecycleReplies.ts';
import { finishItem, mayConfirmRectification, returnRectification } from '../src/domain/lifecycle.ts';
import { UserError } from '../src/errors.ts';

export const SIGNOFF_USAGE = '/销号 #编号 [意见]，例如：/销号 #12 整改到位';
export const RETURN_USAGE = '/退回 #编号 <理由>，例如：/退回 #12 台账未建立';

export function signoffCommand(deps: BotDeps): CommandSpec {
  return {
    name: '销号',
    aliases: ['signoff'],
    usage: SIGNOFF_USAGE,
    summary: '牵头领导确认整改事项办结（销号）',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, SIGNOFF_USAGE);
      const opinion = ctx.readable(rest).trim();
      const { before, after, changed } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor, now) => {
          if (item.kind !== 'rectification')
            return { ok: false, reason: `#${no} 不是整改事项；办结请用 /完成。` };
          if (!mayConfirmRectification(item, actor)) {
            return { ok: false, reason: `只有 #${no} 的牵头领导或管理员可以销号。` };
          }
          return finishItem(item, opinion, actor, now);
        },
        { action: 'signoff', detail: opinion, usage: SIGNOFF_USAGE },
      );
      if (!changed) {
        await ctx.reply(alreadyClosedText(before, deps.time.timezone, '销号'));
        return;
      }
      const lines = [`✅ #${no} ${escapeText(after.title)} 已销号。`];
      if (after.result) lines.push(`整改情况：${escapeText(after.result)}`);
      if (opinion) lines.push(`牵头领导意见：${escapeText(opinion)}`);
      await ctx.reply(lines.join('\n'));
    },
  };
}

export function returnCommand(deps: BotDeps): CommandSpec {
  return {
    name: '退回',
    aliases: ['return'],
    usage: RETURN_USAGE,
    summary: '牵头领导退回整改事项，请负责人继续整改',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, RETURN_USAGE);
      const reason = ctx.readable(rest).trim();
      if (!reason) throw new UserError('请写明退回理由。', RETURN_USAGE);
      const { after } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor) => returnRectification(item, reason, actor),
        {
          action: 'signoff-return',
          detail: reason,
          usage: RETURN_USAGE,
        },
      );
      await ctx.reply(
        `↩️ #${no} ${escapeText(after.title)} 已退回，请 ${atAll(after.owners)} 继续整改：${escapeText(reason)}`,
      );
    },
  };
}
