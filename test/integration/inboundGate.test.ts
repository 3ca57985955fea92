/**
 * The inbound door on a real Redis and BullMQ: an event is queued once, whether Lark re-sends
 * it under the same event id or the same message under a new one; and when queueing fails,
 * nothing is remembered, so Lark's re-delivery gets through.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeys } from '../../src/storage/keys.ts';
import type { LarkEnvelope } from '../../src/transport/envelope.ts';
import { InboundGate } from '../../src/transport/inboundGate.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('gate');
const keys = createKeys(prefix);
let redis: Redis;
let queue: Queue;
let gate: InboundGate;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  queue = new Queue('inbound', { connection: redis, prefix: keys.queuePrefix('inbound') });
  gate = new InboundGate(queue);
});
afterAll(async () => {
  await queue.close();
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

function envelope(eventId: string, messageId?: string): LarkEnvelope {
  return {
    schema: '2.0',
    header: { event_id: eventId, event_type: 'im.message.receive_v1', tenant_key: 't' },
    event: messageId ? { message: { message_id: messageId } } : {},
  };
}

async function queuedEventIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
  return jobs.map((j) => (j.data as LarkEnvelope).header.event_id).sort();
}

describe('InboundGate', () => {
  it('queues an event once per event id and once per message id', async () => {
    await gate.accept(envelope('e1', 'm1'));
    await gate.accept(envelope('e1', 'm1'));
    await gate.accept(envelope('e2', 'm1'));
    await gate.accept(envelope('e3', 'm3'));
    await gate.accept(envelope('e4'));
    await gate.accept(envelope('e4'));
    expect(await queuedEventIds()).toEqual(['e1', 'e3', 'e4']);
  });

  it('still knows a message after its job has been processed and cleaned away', async () => {
    const processedQueue = new Queue('inbound-processed', {
      connection: redis,
      prefix: keys.queuePrefix('inbound-processed'),
      defaultJobOptions: { removeOnComplete: true },
    });
    const processed: string[] = [];
    const workerConnection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    const worker = new Worker(
      'inbound-processed',
      async (job) => {
        processed.push((job.data as LarkEnvelope).header.event_id);
      },
      { connection: workerConnection, prefix: keys.queuePrefix('inbound-processed') },
    );
    const processedGate = new InboundGate(processedQueue);
    await processedGate.accept(envelope('e5', 'm5'));
    await vi.waitFor(() => expect(processed).toEqual(['e5']));
    expect(await processedQueue.getJob('ev-e5')).toBeUndefined();
    await processedGate.accept(envelope('e5', 'm5'));
    await processedGate.accept(envelope('e6', 'm5'));
    await processedGate.accept(envelope('e7', 'm7'));
    await vi.waitFor(() => expect(processed).toEqual(['e5', 'e7']));
    await worker.close();
    await workerConnection.quit();
    await processedQueue.close();
  });

  it('remembers nothing when the event could not be queued, so a re-delivery is accepted', async () => {
    // The queue's Redis is unreachable (nothing listens on port 1).
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {});
    const unreachable = new Queue('inbound', {
      connection: down,
      prefix: keys.queuePrefix('inbound'),
      skipWaitingForReady: true,
    });
    unreachable.on('error', () => {});
    await expect(new InboundGate(unreachable).accept(envelope('e42', 'm42'))).rejects.toThrow();
    await unreachable.close().catch(() => {});
    down.disconnect();
    await gate.accept(envelope('e42', 'm42'));
    expect(await queuedEventIds()).toContain('e42');
  });
});
