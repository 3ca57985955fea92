/**
 * The far side of the bot: Lark's Open Platform when an app is configured, the playground's
 * message log otherwise. Everything else in the composition root is the same for both.
 *
 * With both (`LUOSHI_PLAYGROUND=on` beside a Lark app) each keeps to its own side: what the
 * bot says to the playground's tenant goes to the playground's log, never to Lark. The
 * playground's people, chats and message ids are made up; sent to Lark they would at best fail
 * and retry, and a message to a real open_id or chat typed into the page must never be sent.
 * The routing is by tenant, which the playground always sets to its own and Lark always signs.
 */
import type { Delivery, DeliveryResult } from './bot/delivery/delivery.ts';
import type { ChatFiles } from './bot/delivery/files.ts';
import type { MessageOpJob, MessageOps } from './bot/delivery/messageOps.ts';
import type { OutboundJob } from './bot/delivery/messenger.ts';
import type { ContactLookup } from './bot/people/directory.ts';
import type { ChatRoster } from './bot/people/roster.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createLarkClient, fetchBotOpenId } from './lark/client.ts';
import { LarkContacts } from './lark/larkContacts.ts';
import { LarkDelivery } from './lark/larkDelivery.ts';
import { LarkFiles } from './lark/larkFiles.ts';
import { LarkMessageOps } from './lark/larkMessageOps.ts';
import { LarkRoster } from './lark/larkRoster.ts';
import { LarkTokenCache } from './lark/tokenCache.ts';
import type { Logger } from './logger.ts';
import { PlaygroundDelivery } from './playground/delivery.ts';
import { PlaygroundFiles } from './playground/files.ts';
import { PlaygroundMembers } from './playground/members.ts';
import { PLAYGROUND_TENANT } from './playground/world.ts';
import { LARK_LIMITS, SendPacer } from './scheduling/sendPacer.ts';
import type { Keys } from './storage/keys.ts';
import type { RedisClient } from './storage/redis.ts';

/** The bot's identity in playground mode, where there is no Lark app to ask. */
export const PLAYGROUND_BOT_OPEN_ID = 'ou_luoshi_playground_bot';

/** Where messages end up, and how sent ones are changed. */
export interface PlatformSide {
  /** Shows new messages to people. */
  delivery: Delivery;
  /** Acts on messages already sent: PATCH a card, make a message urgent. */
  messageOps: MessageOps;
  /** Keeps a file the bot is about to send (the 台账), and reads one a person sent (a plan). */
  files: ChatFiles;
  /** Who is in a chat, for names written where no one can be @-ed (a plan spreadsheet). */
  roster: ChatRoster;
}

export interface Platform extends PlatformSide {
  /** The bot's own open_id, to strip its mention from messages. */
  botOpenId: string;
  /** Lark's per-group and per-user send limits; the playground has none. */
  pacer: SendPacer | undefined;
  /** Beside a Lark app with the playground on: the side the playground's tenant is served by. */
  playground: PlatformSide | undefined;
  /** People's names from the contact directory; the playground's people are its own. */
  contacts: ContactLookup | undefined;
}

function playgroundSide(deps: { redis: RedisClient; keys: Keys; clock: Clock }): PlatformSide {
  const log = new PlaygroundDelivery(deps.redis, deps.keys, () => deps.clock.now());
  return {
    delivery: log,
    files: new PlaygroundFiles(deps.redis, deps.keys),
    // Everyone of the playground is in each of its chats.
    roster: { membersOf: async () => new PlaygroundMembers(deps.redis, deps.keys).all() },
    // The page has no urgent flag to show; the escalation card itself says 【加急】.
    messageOps: {
      patchCard: (messageId, card) => log.updateCard(messageId, { ...card }),
      makeUrgent: async () => ({ invalid: [] }),
    },
  };
}

/** The bot's open_id, asked of Lark at start; a failure says what an operator can check. */
async function askWhoTheBotIs(client: ReturnType<typeof createLarkClient>, domain: string): Promise<string> {
  try {
    return await fetchBotOpenId(client);
  } catch (e) {
    throw new Error(
      `${e instanceof Error ? e.message : String(e)}\n` +
        `  luoshi asks Lark for its bot's identity at start (GET ${domain}/open-apis/bot/v3/info). Check that\n` +
        "  LARK_APP_ID and LARK_APP_SECRET are the app's credentials, that the app has its bot enabled and a\n" +
        '  published version, and that LARK_DOMAIN is reachable from this machine.',
      { cause: e },
    );
  }
}

export async function connectPlatform(
  config: Config,
  deps: { redis: RedisClient; keys: Keys; clock: Clock; logger: Logger },
): Promise<Platform> {
  if (config.lark) {
    const tokens = new LarkTokenCache();
    const client = createLarkClient({ ...config.lark, logger: deps.logger, cache: tokens });
    return {
      botOpenId: await askWhoTheBotIs(client, config.lark.domain),
      delivery: new LarkDelivery(client, tokens),
      messageOps: new LarkMessageOps(client, tokens),
      files: new LarkFiles(client),
      roster: new LarkRoster(client),
      pacer: new SendPacer(deps.redis, deps.keys, {
        target: LARK_LIMITS.target,
        appSecond: { ...LARK_LIMITS.appSecond, sends: config.lark.sendLimits.perSecond },
        appMinute: { ...LARK_LIMITS.appMinute, sends: config.lark.sendLimits.perMinute },
      }),
      playground: config.playground ? playgroundSide(deps) : undefined,
      contacts: new LarkContacts(client, tokens),
    };
  }
  return {
    botOpenId: PLAYGROUND_BOT_OPEN_ID,
    ...playgroundSide(deps),
    pacer: undefined,
    playground: undefined,
    contacts: undefined,
  };
}

/**
 * The delivery the outbound worker uses beside a Lark app: jobs of the playground's tenant —
 * sends, card PATCHes and urgent flags alike — go to the playground's side, all others to Lark.
 */
export function byTenant(playground: Delivery, lark: Delivery): Delivery {
  return {
    deliver(job: OutboundJob | MessageOpJob): Promise<DeliveryResult> {
      return (job.tenant === PLAYGROUND_TENANT ? playground : lark).deliver(job as OutboundJob);
    },
  };
}

/** Chat members beside a Lark app: the playground's tenant has its own people. */
export function rosterByTenant(playground: ChatRoster, lark: ChatRoster): ChatRoster {
  return {
    membersOf: (tenant, chatId) =>
      (tenant === PLAYGROUND_TENANT ? playground : lark).membersOf(tenant, chatId),
  };
}

/** Uploads beside a Lark app: the playground's tenant keeps its files itself, all others go to Lark. */
export function filesByTenant(playground: ChatFiles, lark: ChatFiles): ChatFiles {
  return {
    upload: (tenant, file) => (tenant === PLAYGROUND_TENANT ? playground : lark).upload(tenant, file),
    download: (tenant, file, max) =>
      (tenant === PLAYGROUND_TENANT ? playground : lark).download(tenant, file, max),
  };
}
