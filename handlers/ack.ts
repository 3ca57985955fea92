/**
 * `/签收 #n` — an owner acknowledges an item: from now on it is not chased as unanswered.
 */
import { runItemCommand } from '../src/bot/actions/itemCommand.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';

export const ACK_USAGE = '/签收 #编号，例如：/签收 #12';

export function ackCommand(deps: BotDeps): CommandSpec {
  return {
    name: '签收',
    aliases: ['ack'],
    usage: ACK_USAGE,
    summary: '负责人签收事项，表示已收到并着手办理',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, ACK_USAGE);
      await runItemCommand(deps, ctx, no, { action: 'ack' });
    },
  };
}
