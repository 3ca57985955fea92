/**
 * `/签收 #n` — an owner acknowledges an item: from now on it is not chased as unanswered.
 */

import { changeItem } from '../src/bot/actions/itemChange.ts';
import { parseItemRef } from '../src/bot/args/itemRef.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { acknowledgedText, alreadyAcknowledgedText } from '../src/bot/texts/lifecycleReplies.ts';
import { acknowledge } from '../src/domain/lifecycle.ts';

export const ACK_USAGE = '/签收 #编号，例如：/签收 #12';

export function ackCommand(deps: BotDeps): CommandSpec {
  return {
    name: '签收',
    aliases: ['ack'],
    usage: ACK_USAGE,
    summary: '负责人签收事项，表示已收到并着手办理',
    async run(ctx) {
      const { no } = parseItemRef(ctx.args, ACK_USAGE);
      const { after, changed } = await changeItem(deps, ctx, no, acknowledge, {
        action: 'acknowledge',
        usage: ACK_USAGE,
      });
      const tz = deps.time.timezone;
      await ctx.reply(changed ? acknowledgedText(after, tz) : alreadyAcknowledgedText(after, tz));
    },
  };
}
