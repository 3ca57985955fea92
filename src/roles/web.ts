/**
 * The web side of a process (`LUOSHI_ROLE=web` or `all`): Lark's webhook and long connection,
 * card callbacks, the edge route, the 看板 and queue board, and the playground. It answers and
 * enqueues; the jobs it causes run wherever workers run.
 */
import { Hono } from 'hono';
import { createCardActionHandler } from '../../handlers/cardActions.ts';
import { cardCallback } from '../bot/dispatch/cardPress.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createPlayground, type Playground } from '../playground/index.ts';
import { PLAYGROUND_TENANT } from '../playground/world.ts';
import type { Queues } from '../scheduling/queues.ts';
import type { Keys } from '../storage/keys.ts';
import { PressLedger } from '../storage/pressLedger.ts';
import type { RedisClient } from '../storage/redis.ts';
import { EDGE_PATH } from '../transport/edgeContract.ts';
import { edgeWebhook } from '../transport/edgeWebhook.ts';
import type { InboundGate } from '../transport/inboundGate.ts';
import { type LongConnection, startLongConnection } from '../transport/longConnection.ts';
import { larkWebhook } from '../transport/webhook.ts';
import type { Metrics } from '../web/metrics.ts';
import { peopleWebRoutes } from '../web/peopleWeb.ts';
import type { Core } from './core.ts';

export interface WebRoleInputs {
  config: Config;
  core: Core;
  redis: RedisClient;
  keys: Keys;
  queues: Queues;
  gate: InboundGate;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  botOpenId: string;
  publicUrl: string;
  /** The public listener's app, which the routes are added to. */
  app: Hono;
  /** Beside a Lark app the playground is served on a listener of its own. */
  ownPlaygroundListener: boolean;
}

export interface WebRole {
  longConnection: LongConnection | undefined;
  playground: Playground | undefined;
  /** The app `/playground` is on: `app`, or the playground listener's own. */
  playgroundApp: Hono;
  close(): void;
}

export function startWebRole(w: WebRoleInputs): WebRole {
  const { config, core, redis, keys, queues, gate, metrics, logger, app } = w;
  const { deps } = core;
  // Card buttons are answered inline by every transport; what they cause follows from the queue.
  const onCardAction = cardCallback(
    createCardActionHandler({
      ...deps,
      copies: core.copies,
      presses: new PressLedger(redis, keys),
      followUps: queues.followUps,
    }),
    logger,
  );
  const lark = config.lark;
  // LARK_TRANSPORT=ws or both: Lark's long connection, into the same gate and card handler.
  const longConnection =
    lark && lark.transport !== 'webhook'
      ? startLongConnection({
          appId: lark.appId,
          appSecret: lark.appSecret,
          domain: lark.domain,
          encryptKey: lark.encryptKey,
          gate,
          onCardAction,
          logger: logger.child({ component: 'long-connection' }),
        })
      : undefined;
  // Webhook answers by status, counted for every route that takes Lark's or the edge's requests.
  app.use('/webhook/*', async (c, next) => {
    await next();
    // Known routes only: a label from the raw path would let anyone mint new series.
    const route = ['/webhook/lark/event', EDGE_PATH].includes(c.req.path) ? c.req.path : 'other';
    metrics.webhookRequests.inc({ route, status: String(c.res.status) });
  });
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
      sessions: core.dashboardSessions,
      queues: [queues.inbound, queues.outbound, queues.reminders, queues.followUps],
      logger,
      ...(lark ? { lark, publicUrl: w.publicUrl } : {}),
    }),
  );
  // LUOSHI_EDGE_SECRET set: events the Workers edge queued and forwards, into the same gate.
  if (config.edgeSecret) {
    app.route(EDGE_PATH, edgeWebhook({ secret: config.edgeSecret, gate, logger, onCardAction }));
  }
  const playground = config.playground
    ? createPlayground({
        redis,
        keys,
        gate,
        clock: w.clock,
        botOpenId: w.botOpenId,
        time: config.time,
        calendars: deps.calendars,
        queues,
        logger,
        // Moving the clock of a bot people rely on would fire their reminders early. Split into
        // web and worker processes, each has its own clock: moving this one alone would fire
        // jobs whose processors still live in the present (a digest skipped as "too late").
        allowTimeTravel: !config.lark && config.role === 'all',
        ...(!config.lark && config.role !== 'all'
          ? {
              noTimeTravelReason:
                '分开运行 web 和 worker 进程时不能拨动时间：每个进程各有自己的时钟。体验时间旅行请用单进程（LUOSHI_ROLE=all，默认）。',
            }
          : {}),
        // Time travel promotes the reminder jobs the new time has made due.
        dueJobs: core.reminders.scheduler,
        onCardAction,
        ...(config.playgroundToken ? { token: config.playgroundToken } : {}),
        // The member picker opens the 看板 on the same address, which only pure playground mode has.
        ...(!w.ownPlaygroundListener
          ? {
              dashboardSession: (openId: string) =>
                core.dashboardSessions.start({ tenant: PLAYGROUND_TENANT, openId }),
            }
          : {}),
      })
    : undefined;
  const playgroundApp = w.ownPlaygroundListener ? new Hono() : app;
  if (playground) playgroundApp.route('/playground', playground.app);
  return {
    longConnection,
    playground,
    playgroundApp,
    close() {
      // Live playground feeds hold their connections open; end them so the server can close.
      playground?.close();
      longConnection?.close();
    },
  };
}
