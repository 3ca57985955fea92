/**
 * `/完成 #n [说明]` — close an item. Its owners, creator, lead leader or an admin may.
 */
import type { BotDeps } from '../src/bot/deps.ts';
import { escapeText } from '../src/bot/format.ts';
import { parseItemRef } from '../src/bot/itemRef.ts';
import type { CommandSpec } from '../src/bot/router.ts';
import { completeItem, isClosed, mayChange, STATUS_CN } from '../src/domain/item.ts';
import { formatDue } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const DONE_USAGE = '/完成 #编号 [办理结果]，例如：/完成 #12 已报送县政府办';
const MAX_NOTE_CHARS = 1000;

export function doneCommand(deps: BotDeps): CommandSpec {
  return {
    name: '完成',
    aliases: ['done'],
    usage: DONE_USAGE,
    summary: '办结一件事项并写明结果',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, DONE_USAGE);
      const note = ctx.readable(rest);
      if ([...note].length > MAX_NOTE_CHARS)
        throw new UserError(`说明太长了（最多 ${MAX_NOTE_CHARS} 字）。`, DONE_USAGE);
      const now = deps.clock.now();
      const isAdmin = await deps.roles.isAdmin(ctx.tenant, ctx.chatId, ctx.sender.openId);
      let alreadyClosed = false;
      const changed = await deps.items.update(
        ctx.tenant,
        no,
        (item) => {
          if (!mayChange(item, ctx.sender.openId, isAdmin)) {
            throw new UserError(`只有 #${no} 的负责人、创建人、牵头领导或管理员可以办结它。`);
          }
          if (isClosed(item)) {
            alreadyClosed = true;
            return item;
          }
          return completeItem(item, note, now);
        },
        { actor: ctx.sender.openId, action: 'complete', at: now, detail: note },
      );
      if (!changed) throw new UserError(`没有找到 #${no}，请用 /列表 查看编号。`);
      const { before, after } = changed;
      if (alreadyClosed) {
        const when = before.doneAt ? `于 ${formatDue(before.doneAt, deps.time.timezone)} ` : '';
        await ctx.reply(
          `#${no} ${escapeText(before.title)} 已${when}${STATUS_CN[before.status]}，无需重复办结。`,
        );
        return;
      }
      const late = now > before.due;
      const lines = [
        `✅ #${no} ${escapeText(after.title)} 已办结${late ? '（逾期办结）' : '（按期办结）'}。`,
      ];
      if (note) lines.push(`办理结果：${escapeText(note)}`);
      await ctx.reply(lines.join('\n'));
    },
  };
}
