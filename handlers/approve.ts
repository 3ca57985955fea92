/**
 * `/批准 #n` — the lead leader or an admin grants a pending extension: the deadline moves and
 * the reminder plan is redone; the requester is told in the group.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { extensionApprovedText } from '../src/bot/texts/lifecycleReplies.ts';
import { approveExtension } from '../src/domain/lifecycle.ts';

export const APPROVE_USAGE = '/批准 #编号，例如：/批准 #12';

export function approveCommand(deps: BotDeps): CommandSpec {
  return {
    name: '批准',
    aliases: ['approve'],
    usage: APPROVE_USAGE,
    summary: '批准延期申请（牵头领导或管理员）',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, APPROVE_USAGE);
      const { before, after } = await changeItem(deps, ctx, no, approveExtension, {
        action: 'extension-approve',
        usage: APPROVE_USAGE,
      });
      await ctx.reply(extensionApprovedText(before, after, deps.time.timezone));
    },
  };
}
