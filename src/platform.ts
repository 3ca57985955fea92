/**
 * The far side of the bot: Lark's Open Platform when an app is configured, the playground's
 * message log otherwise. Everything else in the composition root is the same for both.
 */
import type { Redis } from 'ioredis';
import type { Delivery } from './bot/delivery/delivery.ts';
import type { MessageOps } from './bot/delivery/messageOps.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createLarkClient, fetchBotOpenId } from './lark/client.ts';
import { LarkDelivery } from './lark/larkDelivery.ts';
import { LarkMessageOps } from './lark/larkMessageOps.ts';
import { LarkTokenCache } from './lark/tokenCache.ts';
import type { Logger } from './logger.ts';
import { PlaygroundDelivery } from './playground/delivery.ts';
import { SendPacer } from './scheduling/sendPacer.ts';
import type { Keys } from './storage/keys.ts';

/** The bot's identity in playground mode, where there is no Lark app to ask. */
export const PLAYGROUND_BOT_OPEN_ID = 'ou_luoshi_playground_bot';

export interface Platform {
  /** Shows new messages to people. */
  delivery: Delivery;
  /** Acts on messages already sent: PATCH a card, make a message urgent. */
  messageOps: MessageOps;
  /** The bot's own open_id, to strip its mention from messages. */
  botOpenId: string;
  /** Lark's per-group and per-user send limits; the playground has none. */
  pacer: SendPacer | undefined;
}

export async function connectPlatform(
  config: Config,
  deps: { redis: Redis; keys: Keys; clock: Clock; logger: Logger },
): Promise<Platform> {
  if (config.lark) {
    const tokens = new LarkTokenCache();
    const client = createLarkClient({ ...config.lark, logger: deps.logger, cache: tokens });
    return {
      botOpenId: await fetchBotOpenId(client),
      delivery: new LarkDelivery(client, tokens),
      messageOps: new LarkMessageOps(client, tokens),
      pacer: new SendPacer(deps.redis, deps.keys),
    };
  }
  const playground = new PlaygroundDelivery(deps.redis, deps.keys, () => deps.clock.now());
  return {
    botOpenId: PLAYGROUND_BOT_OPEN_ID,
    delivery: playground,
    // The page has no urgent flag to show; the escalation card itself says 【加急】.
    messageOps: {
      patchCard: (messageId, card) => playground.updateCard(messageId, { ...card }),
      makeUrgent: async () => ({ invalid: [] }),
    },
    pacer: undefined,
  };
}
