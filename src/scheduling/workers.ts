/**
 * Starts a BullMQ worker per queue, each on its own blocking connection (`worker` role), and
 * closes them in order on shutdown. `running()` feeds `/readyz`.
 */
import { type Job, Worker, type WorkerOptions } from 'bullmq';
import type { Logger } from '../logger.ts';
import { createRedis } from '../storage/redis.ts';
import type { QueueName } from './queues.ts';

// biome-ignore lint/suspicious/noExplicitAny: processors are typed at their definition
export type Processor = (job: Job<any>, token?: string) => Promise<unknown>;

export interface WorkerSpec {
  queue: QueueName;
  processor: Processor;
  concurrency: number;
  /** Further BullMQ options (limiter, lock and stall timings) for this queue's worker. */
  options?: Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency'>;
}

export interface WorkerGroup {
  running(): boolean;
  close(): Promise<void>;
  workers: readonly Worker[];
}

export function startWorkers(
  redisUrl: string,
  /** BullMQ's prefix for a queue (`Keys.queuePrefix`): each queue carries its own hash tag. */
  queuePrefix: (queue: QueueName) => string,
  specs: WorkerSpec[],
  logger: Logger,
): WorkerGroup {
  const connections = specs.map(() => createRedis(redisUrl, 'worker'));
  const workers = specs.map((spec, i) => {
    const w = new Worker(spec.queue, spec.processor, {
      ...spec.options,
      connection: connections[i]!,
      prefix: queuePrefix(spec.queue),
      concurrency: spec.concurrency,
    });
    w.on('failed', (job, err) => {
      if (err.name === 'DelayedError') return;
      logger.warn('job failed', {
        queue: spec.queue,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        err: err.message,
      });
    });
    w.on('error', (err) => logger.error('worker error', { queue: spec.queue, err: err.message }));
    return w;
  });
  return {
    workers,
    running: () => workers.every((w) => w.isRunning()),
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      // BullMQ does not close a connection it was given.
      await Promise.all(connections.map((c) => c.quit().catch(() => {})));
    },
  };
}
