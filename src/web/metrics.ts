/**
 * `GET /metrics`: what an operator watches, in Prometheus's text format through prom-client.
 * Counters move where things happen (the server wires them: webhook answers, events, sends,
 * unusable messages, job durations, reminder lateness); gauges that would cost a write on every
 * change — queue depth, open items, the long connection — are read when Prometheus scrapes.
 * A series read from Redis that fails or takes over a second is left out of that scrape, the
 * rest still answer: an outage is when an operator needs the others, and `luoshi_redis_up` says it.
 * With `LUOSHI_METRICS_TOKEN` set, a scrape must carry `Authorization: Bearer <token>` (any case).
 */
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Delivery } from '../bot/delivery/delivery.ts';
import { LarkApiError } from '../errors.ts';
import { safeEqual } from '../lark/crypto.ts';
import type { Processor } from '../scheduling/workers.ts';
import { bearerToken } from './bearer.ts';

/** How a send to the platform ended, as an operator groups it. */
export type SendOutcome = 'ok' | '429' | '5xx' | '4xx' | 'error';

export interface MetricsSources {
  queues: readonly Queue[];
  /** Events accepted but not yet moved from the inbound log into the inbound queue. */
  inboundBacklog?: () => Promise<number>;
  /** Open items across tenants, read on scrape; unset: not reported (a web process). */
  openItems?: () => Promise<number>;
  /** Undefined when no long connection is configured. */
  longConnected?: () => boolean;
  /**
   * Also report Node's own series (`process_cpu_*`, `nodejs_eventloop_lag_*`, GC, heap) — what
   * tells an operator whether a slow reply waited on this process. The server turns them on.
   */
  processMetrics?: boolean;
  /** A round trip to Redis (PING), for `luoshi_redis_up`; unset: not reported. */
  redisPing?: () => Promise<unknown>;
}

/** How long a scrape waits on Redis for one series before leaving it out. */
const REDIS_READ_MS = 1000;

/** `read()`, or a rejection once `ms` have passed: a Redis that does not answer must not hold a scrape. */
function within<T>(ms: number, read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([read(), late]).finally(() => clearTimeout(timer));
}

const QUEUE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

export class Metrics {
  readonly registry = new Registry();
  readonly webhookRequests = new Counter({
    name: 'luoshi_webhook_requests_total',
    help: 'Requests to the webhook routes by HTTP status answered',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  readonly events = new Counter({
    name: 'luoshi_events_total',
    help: 'Lark events taken off the inbound queue (first attempts) by event type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly unusable = new Counter({
    name: 'luoshi_unusable_events_total',
    help: 'Messages that could not be read (answered in chat when they had one), by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly sends = new Counter({
    name: 'luoshi_sends_total',
    help: 'Calls to the platform that send or change a message, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'luoshi_job_duration_seconds',
    help: 'Time a job attempt took, by queue and outcome',
    labelNames: ['queue', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly jobAttempts = new Counter({
    name: 'luoshi_job_attempts_total',
    help: 'Job attempts by queue and whether it was a retry',
    labelNames: ['queue', 'retry'],
    registers: [this.registry],
  });
  readonly reminderLateness = new Histogram({
    name: 'luoshi_reminder_lateness_seconds',
    help: "How long after its planned time (the bot's clock) a reminder job ran",
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    if (sources.processMetrics) collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'luoshi_queue_jobs',
      help: 'Jobs per queue and state, read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const all = await within(REDIS_READ_MS, () =>
          Promise.all(sources.queues.map((q) => q.getJobCounts(...QUEUE_STATES))),
        );
        for (const [i, q] of sources.queues.entries())
          for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, all[i]?.[state] ?? 0);
      },
    });
    const backlog = sources.inboundBacklog;
    if (backlog) {
      new Gauge({
        name: 'luoshi_inbound_log_entries',
        help: 'Events acknowledged to Lark and durable in the inbound log, not yet moved to the inbound queue',
        registers: [this.registry],
        async collect() {
          this.set(await within(REDIS_READ_MS, backlog));
        },
      });
    }
    const openItems = sources.openItems;
    if (openItems) {
      new Gauge({
        name: 'luoshi_open_items',
        help: 'Open items across tenants, read at scrape time',
        registers: [this.registry],
        async collect() {
          this.set(await within(REDIS_READ_MS, openItems));
        },
      });
    }
    const ping = sources.redisPing;
    if (ping) {
      new Gauge({
        name: 'luoshi_redis_up',
        help: 'Whether Redis answered a PING within a second at scrape time (1) or not (0)',
        registers: [this.registry],
        async collect() {
          this.set(
            await within(REDIS_READ_MS, ping).then(
              () => 1,
              () => 0,
            ),
          );
        },
      });
    }
    const connected = sources.longConnected;
    if (connected) {
      new Gauge({
        name: 'luoshi_long_connection_up',
        help: "1 while Lark's long connection is connected",
        registers: [this.registry],
        collect() {
          this.set(connected() ? 1 : 0);
        },
      });
    }
  }

  /**
   * The registry's text, each series on its own: one that cannot be read now (Redis down or
   * slow) is left out instead of failing the whole scrape — Node's own series included.
   */
  async scrape(): Promise<string> {
    const texts = await Promise.all(
      this.registry
        .getMetricsAsArray()
        .map((m) => this.registry.getSingleMetricAsString(m.name).catch(() => undefined)),
    );
    return `${texts.filter((t) => t !== undefined).join('\n\n')}\n`;
  }

  /** The outcome label of a failed send: by the HTTP status the platform answered. */
  static sendOutcome(status: number | undefined): SendOutcome {
    if (status === 429) return '429';
    if (status !== undefined && status >= 500) return '5xx';
    if (status !== undefined && status >= 400) return '4xx';
    return 'error';
  }
}

export function metricsRoutes(metrics: Metrics, token: string | undefined): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (token !== undefined) {
      const given = bearerToken(c.req.header('authorization')) ?? '';
      if (!safeEqual(given, token)) return c.json({ error: 'metrics need the bearer token' }, 401);
    }
    return c.body(await metrics.scrape(), 200, { 'content-type': metrics.registry.contentType });
  });
  return app;
}

/** A processor that records its attempts and durations (and, for reminders, their lateness). */
export function measured(
  metrics: Metrics,
  queue: string,
  processor: Processor,
  now: () => number,
): Processor {
  return async (job, token) => {
    metrics.jobAttempts.inc({ queue, retry: job.attemptsMade > 0 ? 'yes' : 'no' });
    if (queue === 'inbound' && job.attemptsMade === 0) metrics.events.inc({ type: job.name });
    const fireAt = (job.data as { fireAt?: unknown } | undefined)?.fireAt;
    if (job.name === 'remind' && typeof fireAt === 'number')
      metrics.reminderLateness.observe(Math.max(0, now() - fireAt) / 1000);
    const end = metrics.jobDuration.startTimer({ queue });
    try {
      const result = await processor(job, token);
      end({ outcome: 'ok' });
      return result;
    } catch (e) {
      end({ outcome: 'error' });
      throw e;
    }
  };
}

/** A delivery whose every call is counted by outcome. */
export function countedDelivery(metrics: Metrics, inner: Delivery): Delivery {
  return {
    async deliver(job) {
      try {
        const result = await inner.deliver(job);
        metrics.sends.inc({ outcome: 'ok' });
        return result;
      } catch (e) {
        const status = e instanceof LarkApiError ? e.status : undefined;
        metrics.sends.inc({ outcome: Metrics.sendOutcome(status) });
        throw e;
      }
    },
  };
}
