/**
 * The BullMQ queues, named and configured in one place. Queues share the fail-fast command
 * connection (a producer should error at once when Redis is down, not hang); workers get
 * their own blocking connections in `src/scheduling/workers.ts`.
 */
import { Queue } from 'bullmq';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';

export const QUEUE = {
  /** Events from Lark (webhook, long connection) and the playground, waiting to be handled. */
  inbound: 'inbound',
  /** Messages to send, rate-limited and idempotent. */
  outbound: 'outbound',
  /** Delayed reminder, digest and escalation jobs. */
  reminders: 'reminders',
  /** Our own work that follows a change and must not hold up its answer (a card press's follow-up). */
  followUps: 'follow-ups',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface Queues {
  inbound: Queue;
  outbound: Queue;
  reminders: Queue;
  followUps: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: RedisClient, keys: Keys): Queues {
  const opts = (queue: QueueName) => ({
    connection,
    prefix: keys.queuePrefix(queue),
    skipWaitingForReady: true,
  });
  const inbound = new Queue(QUEUE.inbound, {
    ...opts(QUEUE.inbound),
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const outbound = new Queue(QUEUE.outbound, {
    ...opts(QUEUE.outbound),
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const reminders = new Queue(QUEUE.reminders, {
    ...opts(QUEUE.reminders),
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const followUps = new Queue(QUEUE.followUps, {
    ...opts(QUEUE.followUps),
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const all = [inbound, outbound, reminders, followUps];
  for (const q of all) q.on('error', () => {});
  return {
    inbound,
    outbound,
    reminders,
    followUps,
    close: async () => {
      await Promise.all(all.map((q) => q.close()));
    },
  };
}
