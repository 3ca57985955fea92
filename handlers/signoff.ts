/**
 * `/销号 #n [意见]` and `/退回 #n <理由>` — whoever may sign off a 整改 item (its lead leader,
 * the group's principal leader or an admin, but never someone who did the work) closes it once
 * its owners reported it done, keeping their 整改情况 and adding the opinion; or sends it back
 * (notice 十四: tracked to the end).
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import { optionalText, requireText } from '../src/bot/args/text.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { FIELDS } from '../src/domain/limits.ts';

export const SIGNOFF_USAGE = '/销号 #编号 [意见]，例如：/销号 #12 整改到位';
export const RETURN_USAGE = '/退回 #编号 <理由>，例如：/退回 #12 台账未建立';

export function signoffCommand(deps: BotDeps): CommandSpec {
  return {
    name: '销号',
    aliases: ['signoff'],
    usage: SIGNOFF_USAGE,
    summary: '确认整改事项办结（牵头领导、主要负责人或管理员）',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, SIGNOFF_USAGE);
      const opinion = optionalText(ctx.readable(rest), FIELDS.opinion, SIGNOFF_USAGE);
      await runItemCommand(deps, ctx, no, { action: 'signoff', opinion });
    },
  };
}

export function returnCommand(deps: BotDeps): CommandSpec {
  return {
    name: '退回',
    aliases: ['return'],
    usage: RETURN_USAGE,
    summary: '退回整改事项，请负责人继续整改',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, RETURN_USAGE);
      const reason = requireText(ctx.readable(rest), FIELDS.reason, RETURN_USAGE, '请写明退回理由。');
      await runItemCommand(deps, ctx, no, { action: 'return', reason });
    },
  };
}
