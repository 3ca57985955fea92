/**
 * The composition root: builds the concrete dependencies from a `Config` and starts the HTTP
 * server and the workers. `src/main.ts` calls it for `npm start`; end-to-end tests call it
 * the same way, with a test clock and a fake Lark domain.
 */
import { Hono } from 'hono';
import { createCardActionHandler } from '../handlers/cardActions.ts';
import { createFileHandler, createRouter, helpHint, welcomeText } from '../handlers/index.ts';
import { createFollowUpProcessor } from '../jobs/followUp.ts';
import { createInboundProcessor } from '../jobs/inbound.ts';
import {
  createSpeechTimerProcessor,
  createTopicDeadlineProcessor,
  SPEECH_TIMER_JOB,
  TOPIC_DEADLINE_JOB,
} from '../jobs/meetingTimers.ts';
import { createOccurrenceProcessor } from '../jobs/occurrence.ts';
import { createOutboundProcessor } from '../jobs/outbound.ts';
import { reviewOnItsDay } from './bot/actions/planReview.ts';
import { CardDelivery } from './bot/delivery/cardDelivery.ts';
import { createQueueMessenger } from './bot/delivery/messenger.ts';
import type { BotDeps } from './bot/deps.ts';
import { cardCallback } from './bot/dispatch/cardPress.ts';
import { createDispatcher } from './bot/dispatch/dispatcher.ts';
import { directoryByTenant } from './bot/people/directory.ts';
import { renderCopy } from './bot/views/itemCards.ts';
import { createBotDeps } from './botDeps.ts';
import { type Clock, ShiftedClock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { byTenant, connectPlatform, type PlatformSide } from './platform.ts';
import { createPlayground, type Playground } from './playground/index.ts';
import { PlaygroundMembers } from './playground/members.ts';
import { PlaygroundPeople } from './playground/playgroundPeople.ts';
import { PLAYGROUND_TENANT } from './playground/world.ts';
import { OCCURRENCE_JOB } from './scheduling/occurrencePlanner.ts';
import { outboundWorkerSettings } from './scheduling/outboundWorker.ts';
import { createQueues, QUEUE, type Queues } from './scheduling/queues.ts';
import { createReminderEngine } from './scheduling/reminderEngine.ts';
import { startWorkers, type WorkerGroup, type WorkerSpec } from './scheduling/workers.ts';
import { CalendarStore } from './storage/calendarStore.ts';
import { CardCopies } from './storage/cardCopies.ts';
import { FigureRows } from './storage/figureRows.ts';
import { ItemLedger } from './storage/itemLedger.ts';
import { ItemRepository } from './storage/itemRepository.ts';
import { createKeys, type Keys } from './storage/keys.ts';
import { migrate } from './storage/migrations.ts';
import { CachedPeopleDirectory } from './storage/peopleDirectory.ts';
import { PressLedger } from './storage/pressLedger.ts';
import type { RedisClient } from './storage/redis.ts';
import { createRedis, waitReady } from './storage/redis.ts';
import { SettingsStore } from './storage/settingsStore.ts';
import { EDGE_PATH } from './transport/edgeContract.ts';
import { edgeWebhook } from './transport/edgeWebhook.ts';
import { InboundGate } from './transport/inboundGate.ts';
import { type LongConnection, startLongConnection } from './transport/longConnection.ts';
import { larkWebhook } from './transport/webhook.ts';
import { DashboardSessions } from './web/dashboard/sessions.ts';
import { healthRoutes } from './web/health.ts';
import { Listener, localUrl } from './web/listen.ts';
import { countedDelivery, Metrics, measured, metricsRoutes } from './web/metrics.ts';
import { peopleWebRoutes } from './web/peopleWeb.ts';

export interface StartOptions {
  /** `redisUrl` must be set: `main.ts` starts the embedded server first when it is not. */
  config: Config & { redisUrl: string };
  logger?: Logger;
  clock?: Clock;
  /** 0 picks a free port (tests). Defaults to `config.port`. */
  port?: number;
  /** Defaults to `config.host`. */
  hostname?: string;
  /** Worker concurrency (tests and benchmarks tune it). */
  concurrency?: { inbound?: number; outbound?: number; reminders?: number };
}

export interface Luoshi {
  url: string;
  app: Hono;
  deps: BotDeps;
  keys: Keys;
  queues: Queues;
  redis: RedisClient;
  gate: InboundGate;
  botOpenId: string;
  mode: 'lark' | 'playground';
  /** Set when `/playground` is served (`config.playground`). */
  playground: Playground | undefined;
  /** Where the playground page is: on `url`, or beside a Lark app on a listener of its own. */
  playgroundUrl: string | undefined;
  close(): Promise<void>;
}

export async function startLuoshi(options: StartOptions): Promise<Luoshi> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Playground time travel needs a clock it can move; with Lark the bot keeps real time.
  const clock = options.clock ?? (config.lark ? systemClock : new ShiftedClock(Date.now()));
  // The ports first: one already taken is said at once, before anything else has started.
  // Beside a Lark app the playground has a listener of its own (loopback unless configured),
  // so the public one, the webhook's, never serves it.
  const host = options.hostname ?? config.host;
  const listener = await Listener.open({
    host,
    port: options.port ?? config.port,
    hostVariable: 'HOST',
    portVariable: 'PORT',
  });
  const playgroundListen = config.playground ? config.playgroundListen : undefined;
  const playgroundListener = playgroundListen
    ? await Listener.open({
        ...playgroundListen,
        hostVariable: 'LUOSHI_PLAYGROUND_HOST',
        portVariable: 'LUOSHI_PLAYGROUND_PORT',
      }).catch(async (e: unknown) => {
        await listener.close();
        throw e;
      })
    : undefined;
  const redis = createRedis(config.redisUrl, 'command');
  await waitReady(redis);
  const keys = createKeys(config.keyPrefix);
  const items = new ItemRepository(redis, keys, ({ tenant, no, err }) =>
    logger.error('stored item cannot be read; skipped', { tenant, no, err }),
  );
  // Stored data this version needs (new indexes, the hash-tagged key names) is brought up to
  // date before anything reads or writes it — the queues included: a BullMQ queue writes its
  // `meta` key when it opens, which would take the name the old one moves to.
  await migrate({ redis, keys, ledger: new ItemLedger(redis, keys, items), logger });
  const queues = createQueues(redis, keys);

  const platform = await connectPlatform(config, { redis, keys, clock, logger });
  const { botOpenId, pacer } = platform;
  const messenger = createQueueMessenger(queues.outbound);
  const settings = new SettingsStore(redis, keys, config.time);
  const calendars = new CalendarStore(redis, keys, config.time);
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
  });
  const copies = new CardCopies(redis, keys);
  const dashboardSessions = new DashboardSessions(redis, keys);
  // The listener's port is known already; LUOSHI_PUBLIC_URL says how people reach it.
  const publicUrl = config.publicUrl ?? localUrl(host, listener.port);
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
      `${publicUrl}/dashboard/login?token=${await dashboardSessions.issueLogin(viewer)}`,
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
  const router = createRouter(deps);
  // What is read at scrape time; the long connection is started below.
  let longConnection: LongConnection | undefined;
  const ledger = new ItemLedger(redis, keys, items);
  const metrics = new Metrics({
    queues: [queues.inbound, queues.outbound, queues.reminders, queues.followUps],
    openItems: async () => {
      let n = 0;
      for (const tenant of await ledger.tenants()) n += await redis.zcard(keys.tenantOpen(tenant));
      return n;
    },
    ...(config.lark && config.lark.transport !== 'webhook'
      ? { longConnected: () => longConnection?.state() === 'connected' }
      : {}),
  });
  const dispatch = createDispatcher({
    router,
    messenger,
    logger,
    botOpenId,
    people,
    helpHint,
    welcome: welcomeText,
    onFile: createFileHandler(deps),
    onUnusable: (reason) => metrics.unusable.inc({ reason }),
  });
  const workers: WorkerGroup = startWorkers(
    config.redisUrl,
    keys.queuePrefix,
    instrumented(metrics, clock, [
      {
        queue: QUEUE.inbound,
        processor: createInboundProcessor(dispatch),
        concurrency: options.concurrency?.inbound ?? 8,
      },
      reminders.worker(options.concurrency?.reminders, {
        [OCCURRENCE_JOB]: createOccurrenceProcessor(deps),
        [SPEECH_TIMER_JOB]: createSpeechTimerProcessor(deps),
        [TOPIC_DEADLINE_JOB]: createTopicDeadlineProcessor(deps),
      }),
      { queue: QUEUE.followUps, processor: createFollowUpProcessor(deps), concurrency: 8 },
      {
        queue: QUEUE.outbound,
        processor: createOutboundProcessor({ delivery: countedDelivery(metrics, delivery), logger, pacer }),
        ...outboundWorkerSettings({
          concurrency: options.concurrency?.outbound,
          ...(config.lark ? { appSendsPerSecond: config.lark.sendLimits.perSecond } : {}),
        }),
      },
    ]),
    logger,
  );
  await reminders.start();
  // The first /统计 after a start would read every figure row (about a second per 100k items):
  // read them now, in the background, so people meet a warm process.
  void (async () => {
    for (const tenant of (await ledger.tenants()).slice(0, 16)) await deps.figures.all(tenant);
  })().catch((err: unknown) => logger.warn('figure rows not warmed at start-up', { err }));

  const gate = new InboundGate(queues.inbound);
  // Card buttons are answered inline by every transport; what they cause follows from the queue.
  const onCardAction = cardCallback(
    createCardActionHandler({
      ...deps,
      copies,
      presses: new PressLedger(redis, keys),
      followUps: queues.followUps,
    }),
    logger,
  );
  const lark = config.lark;
  // LARK_TRANSPORT=ws or both: Lark's long connection, into the same gate and card handler.
  if (lark && lark.transport !== 'webhook') {
    longConnection = startLongConnection({
      appId: lark.appId,
      appSecret: lark.appSecret,
      domain: lark.domain,
      encryptKey: lark.encryptKey,
      gate,
      onCardAction,
      logger: logger.child({ component: 'long-connection' }),
    });
  }
  const app = new Hono();
  const connection = longConnection;
  // Webhook answers by status, counted for every route that takes Lark's or the edge's requests.
  app.use('/webhook/*', async (c, next) => {
    await next();
    // Known routes only: a label from the raw path would let anyone mint new series.
    const route = ['/webhook/lark/event', EDGE_PATH].includes(c.req.path) ? c.req.path : 'other';
    metrics.webhookRequests.inc({ route, status: String(c.res.status) });
  });
  app.route('/', metricsRoutes(metrics, config.metricsToken));
  app.route(
    '/',
    healthRoutes({
      redis,
      workersRunning: workers.running,
      ...(connection ? { extra: { longConnection: () => connection.state() === 'connected' } } : {}),
    }),
  );
  if (lark && lark.transport !== 'ws' && lark.encryptKey && lark.verificationToken) {
    app.route(
      '/webhook/lark/event',
      larkWebhook({
        encryptKey: lark.encryptKey,
        verificationToken: lark.verificationToken,
        gate,
        logger,
        onCardAction,
      }),
    );
  }
  // The 看板 and the queue board: people's pages, behind the 看板's sessions.
  app.route(
    '/',
    peopleWebRoutes({
      deps,
      sessions: dashboardSessions,
      queues: [queues.inbound, queues.outbound, queues.reminders, queues.followUps],
      logger,
      ...(lark ? { lark, publicUrl } : {}),
    }),
  );
  // LUOSHI_EDGE_SECRET set: events the Workers edge queued and forwards, into the same gate.
  if (config.edgeSecret) {
    app.route(EDGE_PATH, edgeWebhook({ secret: config.edgeSecret, gate, logger, onCardAction }));
  }
  let playground: Playground | undefined;
  if (config.playground) {
    playground = createPlayground({
      redis,
      keys,
      gate,
      clock,
      botOpenId,
      time: config.time,
      calendars: deps.calendars,
      queues,
      logger,
      // Moving the clock of a bot people rely on would fire their reminders early.
      allowTimeTravel: !config.lark,
      // Time travel promotes the reminder jobs the new time has made due.
      dueJobs: reminders.scheduler,
      onCardAction,
      ...(config.playgroundToken ? { token: config.playgroundToken } : {}),
      // The member picker opens the 看板 on the same address, which only pure playground mode has.
      ...(!playgroundListener
        ? {
            dashboardSession: (openId: string) =>
              dashboardSessions.start({ tenant: PLAYGROUND_TENANT, openId }),
          }
        : {}),
    });
  }
  const playgroundApp = playgroundListener ? new Hono() : app;
  if (playground) playgroundApp.route('/playground', playground.app);
  for (const a of new Set([app, playgroundApp])) {
    a.onError((err, c) => {
      logger.error('unhandled request error', { path: c.req.path, err });
      return c.json({ error: 'internal error' }, 500);
    });
  }
  listener.serve(app);
  playgroundListener?.serve(playgroundApp);

  const url = localUrl(host, listener.port);
  const playgroundUrl = !playground
    ? undefined
    : playgroundListener && playgroundListen
      ? `${localUrl(playgroundListen.host, playgroundListener.port)}/playground`
      : `${url}/playground`;
  logger.info('luoshi started', { url, mode: config.lark ? 'lark' : 'playground', botOpenId, playgroundUrl });

  return {
    url,
    app,
    deps,
    keys,
    queues,
    redis,
    gate,
    botOpenId,
    mode: config.lark ? 'lark' : 'playground',
    playground,
    playgroundUrl,
    // Order matters: stop taking requests, finish in-flight jobs, then let go of Redis.
    close: async () => {
      // Live playground feeds hold their connections open; end them so the server can close.
      playground?.close();
      longConnection?.close();
      // Half the shutdown deadline for requests in flight; the rest for jobs and Redis.
      const graceMs = config.shutdownSeconds * 500;
      await Promise.all([listener.close(graceMs), playgroundListener?.close(graceMs)]);
      await reminders.stop();
      await workers.close();
      await queues.close();
      await redis.quit().catch(() => {});
    },
  };
}

/** Every worker's processor, measured (attempts, durations, reminder lateness). */
function instrumented(metrics: Metrics, clock: Clock, specs: WorkerSpec[]): WorkerSpec[] {
  return specs.map((spec) => ({
    ...spec,
    processor: measured(metrics, spec.queue, spec.processor, () => clock.now()),
  }));
}
