/**
 * The playground, assembled from the composition root's own parts: the same inbound gate, the
 * same queues, the same clock. Only `src/server.ts` calls this.
 */
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import type { CalendarSource } from '../bot/deps.ts';
import type { Clock } from '../clock.ts';
import type { TimeSettings } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import type { LarkEnvelope } from '../transport/envelope.ts';
import { requireToken } from './access.ts';
import { type CardActionHandler, PlaygroundChat } from './chat.ts';
import { PlaygroundFiles } from './files.ts';
import { PlaygroundLog } from './log.ts';
import { PlaygroundMembers } from './members.ts';
import { playgroundRoutes } from './routes.tsx';
import { type DueJobs, isMovable, TimeTravel } from './timeTravel.ts';
import { PLAYGROUND_TENANT } from './world.ts';

export interface PlaygroundDeps {
  redis: RedisClient;
  keys: Keys;
  gate: { accept(envelope: LarkEnvelope): Promise<unknown> };
  clock: Clock;
  botOpenId: string;
  time: TimeSettings;
  calendars: CalendarSource;
  queues: { reminders: Queue; outbound: Queue };
  logger: Logger;
  /** Time travel only in pure playground mode, and only with a clock that can move. */
  allowTimeTravel: boolean;
  /** Why the clock cannot be moved, told to whoever tries (default: a Lark app is connected). */
  noTimeTravelReason?: string;
  /** The reminder scheduler, once it exists: time travel promotes the jobs it makes due. */
  dueJobs?: DueJobs;
  /** The webhook's card-callback handler, once it exists: buttons go through it. */
  onCardAction?: CardActionHandler;
  /** Starts a 看板 session as a playground person (the page's member picker); unset: no picker. */
  dashboardSession?: (openId: string) => Promise<string>;
  /** Asked of every request when set (`LUOSHI_PLAYGROUND_TOKEN`; see `access.ts`). */
  token?: string;
}

export interface Playground {
  app: Hono;
  chat: PlaygroundChat;
  log: PlaygroundLog;
  members: PlaygroundMembers;
  timeTravel: TimeTravel | undefined;
  close(): void;
}

export function createPlayground(deps: PlaygroundDeps): Playground {
  const logger = deps.logger.child({ component: 'playground' });
  const log = new PlaygroundLog(deps.redis, deps.keys);
  const members = new PlaygroundMembers(deps.redis, deps.keys);
  const files = new PlaygroundFiles(deps.redis, deps.keys);
  const chat = new PlaygroundChat({
    log,
    members,
    files,
    gate: deps.gate,
    clock: deps.clock,
    botOpenId: deps.botOpenId,
    logger,
    ...(deps.onCardAction ? { onCardAction: deps.onCardAction } : {}),
  });
  const clock = deps.clock;
  const timeTravel =
    deps.allowTimeTravel && isMovable(clock)
      ? new TimeTravel({
          clock,
          calendarFor: () => deps.calendars.calendarFor(PLAYGROUND_TENANT),
          log,
          ...(deps.dueJobs ? { dueJobs: deps.dueJobs } : {}),
          drain: [deps.queues.reminders, deps.queues.outbound],
          drainDelayed: [deps.queues.outbound],
          logger,
        })
      : undefined;
  const routes = playgroundRoutes({
    redis: deps.redis,
    log,
    members,
    chat,
    now: () => clock.now(),
    timezone: deps.time.timezone,
    botOpenId: deps.botOpenId,
    feedConnectionName: `${deps.keys.prefix}:playground-feed`,
    files,
    ...(deps.dashboardSession ? { dashboardSession: deps.dashboardSession } : {}),
    ...(timeTravel ? { travel: timeTravel } : {}),
    ...(deps.noTimeTravelReason ? { noTravelReason: deps.noTimeTravelReason } : {}),
    logger,
  });
  const app = new Hono();
  if (deps.token) app.use('*', requireToken(deps.token));
  app.route('/', routes.app);
  return { app, chat, log, members, timeTravel, close: routes.close };
}
