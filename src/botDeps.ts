/**
 * The dependencies every handler and job gets (`BotDeps`), assembled in one place from what the
 * composition root (`server.ts`) has already opened: the Redis connection, the queues, the
 * platform's sides, and the stores it needed earlier itself.
 */
import { createCardRefresher } from './bot/delivery/cardRefresh.ts';
import type { Messenger } from './bot/delivery/messenger.ts';
import type { BotDeps, CalendarSource } from './bot/deps.ts';
import type { PeopleDirectory } from './bot/people/directory.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { filesByTenant, type Platform, rosterByTenant } from './platform.ts';
import { PLAYGROUND_ADMIN_OPEN_ID } from './playground/world.ts';
import { OccurrencePlanner } from './scheduling/occurrencePlanner.ts';
import type { Queues } from './scheduling/queues.ts';
import type { BullReminderScheduler } from './scheduling/scheduler.ts';
import type { CardCopies } from './storage/cardCopies.ts';
import type { FigureRows } from './storage/figureRows.ts';
import type { ItemRepository } from './storage/itemRepository.ts';
import type { Keys } from './storage/keys.ts';
import { OpenItemLists } from './storage/openItemLists.ts';
import { PendingPlans } from './storage/pendingPlans.ts';
import { PendingTopics } from './storage/pendingTopics.ts';
import { RecentTasks } from './storage/recentTasks.ts';
import type { RedisClient } from './storage/redis.ts';
import { RegisterStore } from './storage/registerStore.ts';
import { Authority } from './storage/roles.ts';
import { ScheduleStore } from './storage/schedules.ts';
import type { SettingsStore } from './storage/settingsStore.ts';

export function createBotDeps(o: {
  config: Config;
  redis: RedisClient;
  keys: Keys;
  queues: Queues;
  platform: Platform;
  clock: Clock;
  logger: Logger;
  /** What the composition root built before the handlers (migrations, reminders, delivery). */
  parts: {
    items: ItemRepository;
    settings: SettingsStore;
    calendars: CalendarSource;
    people: PeopleDirectory;
    messenger: Messenger;
    copies: CardCopies;
    scheduler: BullReminderScheduler;
    figures: FigureRows;
  };
  /** A person's one-time link into the 看板. */
  dashboardLink: BotDeps['dashboard']['loginLink'];
}): BotDeps {
  const { config, redis, keys, queues, platform, clock, logger, parts } = o;
  return {
    items: parts.items,
    figures: parts.figures,
    lists: new OpenItemLists(redis, keys, parts.items),
    recentTasks: new RecentTasks(redis, keys),
    messenger: parts.messenger,
    cards: createCardRefresher(parts.copies, queues.outbound),
    clock,
    time: config.time,
    calendars: parts.calendars,
    // The playground's 赵管理员 is an organisation admin, as LUOSHI_ADMINS makes someone with Lark.
    authority: new Authority(
      config.lark ? config.admins : [...config.admins, PLAYGROUND_ADMIN_OPEN_ID],
      parts.settings,
    ),
    settings: parts.settings,
    people: parts.people,
    scheduler: parts.scheduler,
    schedules: new ScheduleStore(redis, keys),
    pendingPlans: new PendingPlans(redis, keys),
    pendingTopics: new PendingTopics(redis, keys),
    registers: new RegisterStore(redis, keys, (bad) =>
      logger.error('register entry cannot be read; skipped', bad),
    ),
    occurrences: new OccurrencePlanner({
      queue: queues.reminders,
      calendars: parts.calendars,
      clock,
      settings: parts.settings,
    }),
    timers: queues.reminders,
    followUps: queues.followUps,
    // Beside a Lark app the playground's tenant keeps its files itself.
    files: platform.playground ? filesByTenant(platform.playground.files, platform.files) : platform.files,
    roster: platform.playground
      ? rosterByTenant(platform.playground.roster, platform.roster)
      : platform.roster,
    organisation: config.organisation,
    dashboard: { loginLink: o.dashboardLink },
    logger,
  };
}
