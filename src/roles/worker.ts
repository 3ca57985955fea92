/**
 * The worker side of a process (`LUOSHI_ROLE=worker` or `all`): the BullMQ workers of every
 * queue, the mover that carries accepted events from the inbound log into the inbound queue,
 * the reminder engine's periodic chains and start-up reconciliation, and the figure
 * rows read ahead of the first /统计. Any number of worker processes may run against one Redis:
 * BullMQ hands each job to one of them, and a job whose process died is taken over once its
 * lock expires (`lockSeconds`).
 */
import type { Queue } from 'bullmq';
import { createFileHandler, createRouter, helpHint, welcomeText } from '../../handlers/index.ts';
import { createFollowUpProcessor } from '../../jobs/followUp.ts';
import { createHeldNoticeProcessor } from '../../jobs/heldNotice.ts';
import { createInboundProcessor } from '../../jobs/inbound.ts';
import {
  createSpeechTimerProcessor,
  createTopicDeadlineProcessor,
  SPEECH_TIMER_JOB,
  TOPIC_DEADLINE_JOB,
} from '../../jobs/meetingTimers.ts';
import { createOccurrenceProcessor } from '../../jobs/occurrence.ts';
import { createOutboundProcessor } from '../../jobs/outbound.ts';
import { createPrivateAssignmentProcessor } from '../../jobs/privateAssignment.ts';
import { HELD_NOTICE_JOB } from '../bot/actions/heldNotice.ts';
import { createDispatcher } from '../bot/dispatch/dispatcher.ts';
import { PRIVATE_ASSIGNMENT_JOB } from '../bot/views/privateAssignment.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Platform } from '../platform.ts';
import { InboundLogMover } from '../scheduling/inboundLogMover.ts';
import { OCCURRENCE_JOB } from '../scheduling/occurrencePlanner.ts';
import { outboundWorkerSettings } from '../scheduling/outboundWorker.ts';
import { QUEUE } from '../scheduling/queues.ts';
import { startWorkers, type WorkerGroup, type WorkerSpec } from '../scheduling/workers.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import { countedDelivery, type Metrics, measured } from '../web/metrics.ts';
import type { Core } from './core.ts';

export interface WorkerRoleInputs {
  config: Config & { redisUrl: string };
  core: Core;
  redis: RedisClient;
  keys: Keys;
  /** Where the inbound log's mover puts the events the web side accepted. */
  inbound: Queue;
  /** The queue of sends: one that must follow another looks for it there (`jobs/outbound.ts`). */
  outbound: Queue;
  platform: Platform;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  concurrency?: { inbound?: number; outbound?: number; reminders?: number };
}

export interface WorkerRole {
  workers: WorkerGroup;
  /** Waits for a running reconciliation, then closes the workers (finishing jobs in flight). */
  stop(): Promise<void>;
}

export async function startWorkerRole(w: WorkerRoleInputs): Promise<WorkerRole> {
  const { config, core, metrics, clock, logger } = w;
  const { deps, reminders } = core;
  const dispatch = createDispatcher({
    router: createRouter(deps),
    messenger: core.messenger,
    logger,
    botOpenId: w.platform.botOpenId,
    people: deps.people,
    helpHint,
    welcome: welcomeText,
    onFile: createFileHandler(deps),
    onUnusable: (reason) => metrics.unusable.inc({ reason }),
  });
  const lock = lockTimings(config.jobLockSeconds);
  const specs: WorkerSpec[] = [
    {
      queue: QUEUE.inbound,
      processor: createInboundProcessor(dispatch),
      concurrency: w.concurrency?.inbound ?? 8,
    },
    reminders.worker(w.concurrency?.reminders, {
      [OCCURRENCE_JOB]: createOccurrenceProcessor(deps),
      [SPEECH_TIMER_JOB]: createSpeechTimerProcessor(deps),
      [TOPIC_DEADLINE_JOB]: createTopicDeadlineProcessor(deps),
      [PRIVATE_ASSIGNMENT_JOB]: createPrivateAssignmentProcessor(deps),
      [HELD_NOTICE_JOB]: createHeldNoticeProcessor(deps),
    }),
    { queue: QUEUE.followUps, processor: createFollowUpProcessor(deps), concurrency: 8 },
    {
      queue: QUEUE.outbound,
      processor: createOutboundProcessor({
        delivery: countedDelivery(metrics, core.delivery),
        logger,
        pacer: w.platform.pacer,
        queue: w.outbound,
      }),
      ...outboundWorkerSettings({
        concurrency: w.concurrency?.outbound,
        ...(lock ? { lockDurationMs: lock.lockDuration, stalledIntervalMs: lock.stalledInterval } : {}),
      }),
    },
  ];
  const workers = startWorkers(
    config.redisUrl,
    w.keys.queuePrefix,
    specs.map((spec) => ({
      ...spec,
      // Every processor measured (attempts, durations, reminder lateness).
      processor: measured(metrics, spec.queue, spec.processor, () => clock.now()),
      options: { ...lock, ...spec.options },
    })),
    logger,
  );
  await reminders.start();
  const mover = new InboundLogMover({ redis: w.redis, keys: w.keys, queue: w.inbound, logger });
  mover.start();
  // The first /统计 after a start would read every figure row (about a second per 100k items):
  // read them now, in the background, so people meet a warm process.
  void (async () => {
    for (const tenant of (await core.ledger.tenants()).slice(0, 16)) await deps.figures.all(tenant);
  })().catch((err: unknown) => logger.warn('figure rows not warmed at start-up', { err }));
  return {
    workers,
    async stop() {
      await mover.stop();
      await reminders.stop();
      await workers.close();
    },
  };
}

/**
 * BullMQ's lock and stalled-job check, from `LUOSHI_JOB_LOCK_SECONDS`: a dead process's jobs
 * are taken over between one and one and a half lock durations after it died. Unset: BullMQ's
 * own (30 s each). The lock is renewed every half duration, so one much shorter than the
 * longest pause of a busy event loop would let a live process's job be taken over too.
 */
export function lockTimings(
  seconds: number | undefined,
): { lockDuration: number; stalledInterval: number } | undefined {
  return seconds === undefined ? undefined : { lockDuration: seconds * 1000, stalledInterval: seconds * 500 };
}
