/**
 * What every role needs: the stores, the people directory, the reminder engine and the bot's
 * deps, built over one Redis. A web process needs them to answer card presses and serve the
 * 看板; a worker process to run the jobs. Stored data is migrated before this is built
 * (`src/server.ts`, before the queues open).
 */
import { reviewOnItsDay } from '../bot/actions/planReview.ts';
import { CardDelivery } from '../bot/delivery/cardDelivery.ts';
import type { Delivery } from '../bot/delivery/delivery.ts';
import { createQueueMessenger, type Messenger } from '../bot/delivery/messenger.ts';
import type { BotDeps } from '../bot/deps.ts';
import { directoryByTenant } from '../bot/people/directory.ts';
import { renderCopy } from '../bot/views/itemCards.ts';
import { cardsBeforeReminder } from '../bot/views/privateAssignment.ts';
import { createBotDeps } from '../botDeps.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { byTenant, type Platform, type PlatformSide } from '../platform.ts';
import { PlaygroundMembers } from '../playground/members.ts';
import { PlaygroundPeople } from '../playground/playgroundPeople.ts';
import { PLAYGROUND_TENANT } from '../playground/world.ts';
import type { Queues } from '../scheduling/queues.ts';
import { createReminderEngine, type ReminderEngine } from '../scheduling/reminderEngine.ts';
import { CalendarStore } from '../storage/calendarStore.ts';
import { CardCopies } from '../storage/cardCopies.ts';
import { FigureRows } from '../storage/figureRows.ts';
import { ItemLedger } from '../storage/itemLedger.ts';
import { ItemRepository } from '../storage/itemRepository.ts';
import type { Keys } from '../storage/keys.ts';
import { CachedPeopleDirectory } from '../storage/peopleDirectory.ts';
import type { RedisClient } from '../storage/redis.ts';
import { SettingsStore } from '../storage/settingsStore.ts';
import { DashboardSessions } from '../web/dashboard/sessions.ts';

export interface CoreInputs {
  config: Config;
  redis: RedisClient;
  keys: Keys;
  queues: Queues;
  platform: Platform;
  clock: Clock;
  logger: Logger;
  /** Where people reach the 看板, for the links `/看板` sends. */
  publicUrl: string;
}

export interface Core {
  deps: BotDeps;
  messenger: Messenger;
  reminders: ReminderEngine;
  copies: CardCopies;
  dashboardSessions: DashboardSessions;
  /** Sends that remember which messages show an item's card, per tenant's platform side. */
  delivery: Delivery;
  ledger: ItemLedger;
}

export async function buildCore(i: CoreInputs): Promise<Core> {
  const { config, redis, keys, queues, platform, clock, logger } = i;
  const messenger = createQueueMessenger(queues.outbound);
  const settings = new SettingsStore(redis, keys, config.time);
  const items = new ItemRepository(redis, keys, ({ tenant, no, err }) =>
    logger.error('stored item cannot be read; skipped', { tenant, no, err }),
  );
  const calendars = new CalendarStore(redis, keys, config.time);
  const ledger = new ItemLedger(redis, keys, items);
  // The playground's tenant names its own people (renameable); every other tenant asks Lark.
  const people = directoryByTenant(
    new Map([[PLAYGROUND_TENANT, new PlaygroundPeople(new PlaygroundMembers(redis, keys), logger)]]),
    new CachedPeopleDirectory({
      redis,
      keys,
      clock,
      logger: logger.child({ component: 'people' }),
      ...(platform.contacts ? { lookup: platform.contacts } : {}),
    }),
  );
  // One holder of the figure rows per process (about 58 MB per 100k items): the weekly report,
  // /统计, the 台账 and the 看板 all read through it.
  const figures = new FigureRows(redis, keys, ({ tenant, no, err }) =>
    logger.error('stored figure row cannot be read; skipped', { tenant, no, err }),
  );
  const reminders = createReminderEngine({
    figures,
    queue: queues.reminders,
    redis,
    keys,
    items,
    settings,
    calendars,
    messenger,
    people,
    clock,
    time: config.time,
    logger,
    // The deps are complete by the time a digest runs.
    dailyReview: (tenant, date) => reviewOnItsDay(deps, tenant, date),
    // …and by the time a reminder goes out: an owner is sent a held card first.
    cardsFirst: (items, openId) => cardsBeforeReminder(deps, items, openId),
  });
  const copies = new CardCopies(redis, keys);
  const dashboardSessions = new DashboardSessions(redis, keys);
  const deps = createBotDeps({
    config,
    redis,
    keys,
    queues,
    platform,
    clock,
    logger,
    parts: { items, settings, calendars, people, messenger, copies, scheduler: reminders.scheduler, figures },
    dashboardLink: async (viewer) =>
      `${i.publicUrl}/dashboard/login?token=${await dashboardSessions.issueLogin(viewer)}`,
  });
  // Sends remember which messages show an item's card; patch and urgent jobs act on them.
  const cardDelivery = (side: PlatformSide) =>
    new CardDelivery(side.delivery, {
      ops: side.messageOps,
      copies,
      outbound: queues.outbound,
      render: (tenant, copy) => renderCopy(deps, tenant, copy),
      logger,
    });
  // Beside a Lark app the playground's tenant is served by its own side, never by Lark.
  const delivery = platform.playground
    ? byTenant(cardDelivery(platform.playground), cardDelivery(platform))
    : cardDelivery(platform);
  return { deps, messenger, reminders, copies, dashboardSessions, delivery, ledger };
}
