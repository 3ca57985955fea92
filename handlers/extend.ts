/**
 * `/延期 #n <新截止> <理由>` — ask for a later deadline. The answer is the request card, which
 * names who decides: the lead leader, or — when the lead leader asks — the principal leader
 * or an admin. The deadline reads exactly like the one of /任务.
 */

import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { deadlineOptionsOfItem } from '../src/bot/args/deadlineOptions.ts';
import { readExtensionArgs } from '../src/bot/args/extensionArgs.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';

export const EXTEND_USAGE = '/延期 #编号 <新截止> <理由>，例如：/延期 #12 下周五 材料未齐';

export function extendCommand(deps: BotDeps): CommandSpec {
  return {
    name: '延期',
    aliases: ['extend'],
    usage: EXTEND_USAGE,
    summary: '申请延长截止时间，由牵头领导（或主要负责人、管理员）审批',
    async run(ctx) {
      const { no, rest } = parseItemRef(ctx.args, EXTEND_USAGE);
      const { deadline, reason } = readExtensionArgs(
        ctx.readable(rest),
        deps.clock.now(),
        await deadlineOptionsOfItem(deps, ctx.tenant, no, ctx.chatId),
        EXTEND_USAGE,
      );
      await runItemCommand(deps, ctx, no, { action: 'extend', deadline, reason });
    },
  };
}
