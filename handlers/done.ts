/**
 * `/完成 #n <办理结果>` — close an item with its result note (required: nothing closes without
 * one). Its owners, creator, lead leader or an admin may.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { at, escapeText } from '../src/bot/texts/format.ts';
import { alreadyClosedText } from '../src/bot/texts/lifecycleReplies.ts';
import { finishItem } from '../src/domain/lifecycle.ts';
import { UserError } from '../src/errors.ts';

export const DONE_USAGE = '/完成 #编号 <办理结果>，例如：/完成 #12 已报送县政府办';
const MAX_NOTE_CHARS = 1000;

export function doneCommand(deps: BotDeps): CommandSpec {
  return {
    name: '完成',
    aliases: ['done'],
    usage: DONE_USAGE,
    summary: '办结一件事项并写明办理结果',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, DONE_USAGE);
      const note = ctx.readable(rest).trim();
      if (!note) throw new UserError('请写明办理结果，办结后大家才知道事情落实得怎样。', DONE_USAGE);
      if ([...note].length > MAX_NOTE_CHARS)
        throw new UserError(`办理结果太长了（最多 ${MAX_NOTE_CHARS} 字）。`, DONE_USAGE);
      const { before, after, changed } = await changeItem(
        deps,
        ctx,
        no,
        (item, actor, now) => finishItem(item, note, actor, now),
        { action: 'complete', detail: note, usage: DONE_USAGE },
      );
      if (!changed) {
        await ctx.reply(alreadyClosedText(before, deps.time.timezone, '办结'));
        return;
      }
      if (after.status === 'review') {
        await ctx.reply(
          [
            `📝 #${no} ${escapeText(after.title)} 已提交销号申请，整改情况：${escapeText(note)}`,
            `请牵头领导 ${after.lead ? at(after.lead) : ''} 确认：/销号 #${no} [意见]，或 /退回 #${no} <理由>。`,
          ].join('\n'),
        );
        return;
      }
      const late = (after.doneAt ?? 0) > before.due;
      await ctx.reply(
        [
          `✅ #${no} ${escapeText(after.title)} ${after.kind === 'rectification' ? '已销号' : '已办结'}${late ? '（逾期办结）' : '（按期办结）'}。`,
          `办理结果：${escapeText(note)}`,
        ].join('\n'),
      );
    },
  };
}
