/**
 * The composition root: builds the concrete dependencies from a `Config` and starts what the
 * process's role asks for (`LUOSHI_ROLE`): the web side (`src/roles/web.ts`), the workers
 * (`src/roles/worker.ts`), or both. `src/main.ts` calls it for `npm start`; end-to-end tests
 * call it the same way, with a test clock and a fake Lark domain.
 */
import { Hono } from 'hono';
import type { BotDeps } from './bot/deps.ts';
import { type Clock, ShiftedClock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { connectPlatform } from './platform.ts';
import type { Playground } from './playground/index.ts';
import { buildCore } from './roles/core.ts';
import { startWebRole, type WebRole } from './roles/web.ts';
import { startWorkerRole, type WorkerRole } from './roles/worker.ts';
import { createQueues, type Queues } from './scheduling/queues.ts';
import { ItemLedger } from './storage/itemLedger.ts';
import { ItemRepository } from './storage/itemRepository.ts';
import { createKeys, type Keys } from './storage/keys.ts';
import { migrate } from './storage/migrations.ts';
import type { RedisClient } from './storage/redis.ts';
import { createRedis, waitReady } from './storage/redis.ts';
import { InboundGate } from './transport/inboundGate.ts';
import { healthRoutes } from './web/health.ts';
import { Listener, localUrl } from './web/listen.ts';
import { Metrics, metricsRoutes } from './web/metrics.ts';

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
  /** What this process runs (`LUOSHI_ROLE`). */
  role: Config['role'];
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
  const servesWeb = config.role !== 'worker';
  const runsWorkers = config.role !== 'web';
  // The ports first: one already taken is said at once, before anything else has started.
  // Beside a Lark app the playground has a listener of its own (loopback unless configured),
  // so the public one, the webhook's, never serves it. A worker process serves no playground.
  const host = options.hostname ?? config.host;
  const listener = await Listener.open({
    host,
    port: options.port ?? config.port,
    hostVariable: 'HOST',
    portVariable: 'PORT',
  });
  const playgroundListen = config.playground && servesWeb ? config.playgroundListen : undefined;
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
  // The listener's port is known already; LUOSHI_PUBLIC_URL says how people reach it.
  const publicUrl = config.publicUrl ?? localUrl(host, listener.port);
  const core = await buildCore({ config, redis, keys, queues, platform, clock, logger, publicUrl });

  let web: WebRole | undefined;
  // Read at scrape time. Queue depth and open items are the workers' to report (one series
  // per Redis, not one per web process); the long connection is the web side's.
  const metrics = new Metrics({
    processMetrics: true,
    redisPing: () => redis.ping(),
    queues: runsWorkers ? [queues.inbound, queues.outbound, queues.reminders, queues.followUps] : [],
    ...(runsWorkers
      ? {
          openItems: () => openItems(redis, keys, core.ledger),
          inboundBacklog: () => redis.xlen(keys.inboundLog()),
        }
      : {}),
    ...(servesWeb && config.lark && config.lark.transport !== 'webhook'
      ? { longConnected: () => web?.longConnection?.state() === 'connected' }
      : {}),
  });
  const worker: WorkerRole | undefined = runsWorkers
    ? await startWorkerRole({
        config,
        core,
        redis,
        keys,
        inbound: queues.inbound,
        outbound: queues.outbound,
        platform,
        metrics,
        clock,
        logger,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      })
    : undefined;

  const gate = new InboundGate(redis, keys);
  const app = new Hono();
  app.route('/', metricsRoutes(metrics, config.metricsToken));
  if (servesWeb) {
    web = startWebRole({
      config,
      core,
      redis,
      keys,
      queues,
      gate,
      metrics,
      clock,
      logger,
      botOpenId: platform.botOpenId,
      publicUrl,
      app,
      ownPlaygroundListener: playgroundListener !== undefined,
    });
  }
  const connection = web?.longConnection;
  app.route(
    '/',
    healthRoutes({
      redis,
      // A worker process is ready when its workers run; a web process when it can enqueue.
      ...(worker ? { workersRunning: worker.workers.running } : {}),
      ...(connection ? { extra: { longConnection: () => connection.state() === 'connected' } } : {}),
    }),
  );
  const playgroundApp = web?.playgroundApp ?? app;
  for (const a of new Set([app, playgroundApp])) {
    a.onError((err, c) => {
      logger.error('unhandled request error', { path: c.req.path, err });
      return c.json({ error: 'internal error' }, 500);
    });
  }
  listener.serve(app);
  playgroundListener?.serve(playgroundApp);

  const url = localUrl(host, listener.port);
  const playground = web?.playground;
  const playgroundUrl = !playground
    ? undefined
    : playgroundListener && playgroundListen
      ? `${localUrl(playgroundListen.host, playgroundListener.port)}/playground`
      : `${url}/playground`;
  const mode = config.lark ? 'lark' : 'playground';
  logger.info('luoshi started', {
    // `url` is where this machine reaches it; `listening` is the address bound (0.0.0.0: every interface).
    url,
    listening: `${host}:${listener.port}`,
    mode,
    role: config.role,
    botOpenId: platform.botOpenId,
    playgroundUrl,
  });

  return {
    url,
    app,
    deps: core.deps,
    keys,
    queues,
    redis,
    gate,
    botOpenId: platform.botOpenId,
    mode,
    role: config.role,
    playground,
    playgroundUrl,
    // Order matters: stop taking requests, finish in-flight jobs, then let go of Redis.
    close: async () => {
      web?.close();
      // Half the shutdown deadline for requests in flight; the rest for jobs and Redis.
      const graceMs = config.shutdownSeconds * 500;
      await Promise.all([listener.close(graceMs), playgroundListener?.close(graceMs)]);
      await worker?.stop();
      await queues.close();
      await redis.quit().catch(() => {});
    },
  };
}

async function openItems(
  redis: RedisClient,
  keys: Keys,
  ledger: { tenants(): Promise<string[]> },
): Promise<number> {
  let n = 0;
  for (const tenant of await ledger.tenants()) n += await redis.zcard(keys.tenantOpen(tenant));
  return n;
}
