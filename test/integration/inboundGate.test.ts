/**
 * The inbound door on a real Redis and BullMQ: an event is queued once, whether Lark re-sends
 * it under the same event id or the same message under a new one; and when queueing fails,
 * nothing is remembered, so Lark's re-delivery gets through.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  queue = new Queue('inbound', { connection: redis, prefix: keys.queuePrefix });
  gate = new InboundGate(redis, keys, queue);
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

describe('InboundGate', () => {
  it('queues an event once per event id and once per message id', async () => {
    expect(await gate.accept(envelope('e1', 'm1'))).toBe('queued');
    expect(await gate.accept(envelope('e1', 'm1'))).toBe('duplicate');
    expect(await gate.accept(envelope('e2', 'm1'))).toBe('duplicate');
    expect(await gate.accept(envelope('e3', 'm3'))).toBe('queued');
    expect(await gate.accept(envelope('e4'))).toBe('queued');
    expect(await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(3);
  });

  it('forgets the event when it could not be queued, so a re-delivery is accepted', async () => {
    // The queue's Redis is unreachable (nothing listens on port 1) while dedupe marks work.
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {});
    const unreachable = new Queue('inbound', {
      connection: down,
      prefix: keys.queuePrefix,
      skipWaitingForReady: true,
    });
    unreachable.on('error', () => {});
    const brokenGate = new InboundGate(redis, keys, unreachable);
    const bad = envelope('e42', 'm42');
    await expect(brokenGate.accept(bad)).rejects.toThrow();
    await unreachable.close().catch(() => {});
    down.disconnect();
    expect(await redis.exists(keys.dedupeEvent('42'), keys.dedupeMessage('m42'))).toBe(0);
    expect(await gate.accept(bad)).toBe('queued');
  });
});
