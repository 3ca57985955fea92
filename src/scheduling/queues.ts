/**
 * The BullMQ queues, named and configured in one place. Queues share the fail-fast command
 * connection (a producer should error at once when Redis is down, not hang); workers get
 * their own blocking connections in `src/scheduling/workers.ts`.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../storage/keys.ts';

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

export function createQueues(connection: Redis, keys: Keys): Queues {
  const opts = { connection, prefix: keys.queuePrefix, skipWaitingForReady: true };
  const inbound = new Queue(QUEUE.inbound, {
    ...opts,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const outbound = new Queue(QUEUE.outbound, {
    ...opts,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const reminders = new Queue(QUEUE.reminders, {
    ...opts,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const followUps = new Queue(QUEUE.followUps, {
    ...opts,
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
