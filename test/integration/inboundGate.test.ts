/**
 * The inbound door on a real Redis and BullMQ: an event is logged once, whether Lark re-sends
 * it under the same event id or the same message under a new one; the log's movers turn each
 * entry into exactly one inbound job, even when one of them dies holding a batch; and when
 * logging fails, nothing is remembered, so Lark's re-delivery gets through. A mover keeps
 * nothing of what it moved: its process's memory does not grow with traffic.
 */
import { randomUUID } from 'node:crypto';
import { getHeapSnapshot } from 'node:v8';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { InboundLogMover, MOVER_GROUP } from '../../src/scheduling/inboundLogMover.ts';
import { createKeys } from '../../src/storage/keys.ts';
import type { RedisClient } from '../../src/storage/redis.ts';
import type { LarkEnvelope } from '../../src/transport/envelope.ts';
import { InboundGate } from '../../src/transport/inboundGate.ts';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../support/redisPrefix.ts';

let redis: RedisClient;
let prefix: string;
let keys: ReturnType<typeof createKeys>;
let queue: Queue;
let gate: InboundGate;
const movers: InboundLogMover[] = [];

beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  await redis.quit();
});

function setUp(label: string) {
  prefix = uniquePrefix(label);
  keys = createKeys(prefix);
  queue = new Queue('inbound', { connection: redis, prefix: keys.queuePrefix('inbound') });
  gate = new InboundGate(redis, keys);
}
afterEach(async () => {
  await Promise.all(movers.splice(0).map((m) => m.stop()));
  await queue.close();
  await deleteByPrefix(redis, prefix);
});

function mover(claimIdleMs = 30_000): InboundLogMover {
  const m = new InboundLogMover({ redis, keys, queue, logger: silentLogger, blockMs: 100, claimIdleMs });
  movers.push(m);
  m.start();
  return m;
}

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

describe('InboundGate and the inbound log', () => {
  it('queues an event once per event id and once per message id', async () => {
    setUp('gate-dedupe');
    await gate.accept(envelope('e1', 'm1'));
    await gate.accept(envelope('e1', 'm1'));
    await gate.accept(envelope('e2', 'm1'));
    // Accepted in the same turn: one script call, and the second is still a duplicate.
    await Promise.all([gate.accept(envelope('e3', 'm3')), gate.accept(envelope('e3b', 'm3'))]);
    await gate.accept(envelope('e4'));
    await gate.accept(envelope('e4'));
    // Durable before any mover runs: a crash after the 200 loses nothing.
    expect(await redis.xlen(keys.inboundLog())).toBe(3);
    mover();
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e1', 'e3', 'e4']));
    await vi.waitFor(async () => expect(await redis.xlen(keys.inboundLog())).toBe(0));
  });

  it('still knows a message after its job has been handled and cleaned away', async () => {
    setUp('gate-after');
    mover();
    await gate.accept(envelope('e5', 'm5'));
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e5']));
    await queue.obliterate({ force: true });
    await gate.accept(envelope('e5', 'm5'));
    await gate.accept(envelope('e6', 'm5'));
    await gate.accept(envelope('e7', 'm7'));
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e7']));
  });

  it('moves each entry into one job when two movers share the log', async () => {
    setUp('gate-two');
    mover();
    mover();
    const ids = Array.from({ length: 600 }, (_, i) => `e${i}`);
    await Promise.all(ids.map((id) => gate.accept(envelope(id, `m-${id}`))));
    await vi.waitFor(async () => expect((await queuedEventIds()).length).toBe(600), { timeout: 10_000 });
    expect(new Set(await queuedEventIds()).size).toBe(600);
  });

  it('takes over a batch whose mover died before acknowledging it, and queues it once', async () => {
    setUp('gate-claim');
    await gate.accept(envelope('e8', 'm8'));
    await gate.accept(envelope('e9', 'm9'));
    // A mover that read the entries and died: they sit pending under its name.
    await redis.xgroup('CREATE', keys.inboundLog(), MOVER_GROUP, '0', 'MKSTREAM');
    await redis.xreadgroup(
      'GROUP',
      MOVER_GROUP,
      'dead-mover',
      'COUNT',
      10,
      'STREAMS',
      keys.inboundLog(),
      '>',
    );
    // …after having added one of the jobs already.
    await queue.add('im.message.receive_v1', envelope('e8', 'm8'), { jobId: 'ev-e8' });
    mover(50);
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e8', 'e9']));
    await vi.waitFor(async () => expect(await redis.xlen(keys.inboundLog())).toBe(0));
  });

  it('makes its group again when Redis lost the log (restarted empty), and moves what comes next', async () => {
    setUp('gate-lost');
    mover();
    await gate.accept(envelope('e20', 'm20'));
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e20']));
    await redis.del(keys.inboundLog());
    await gate.accept(envelope('e21', 'm21'));
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e20', 'e21']), { timeout: 10_000 });
  });

  it('skips and reports an entry it cannot read, and moves the rest', async () => {
    setUp('gate-bad');
    await redis.xadd(keys.inboundLog(), '*', 'e', '{not json');
    await gate.accept(envelope('e10', 'm10'));
    mover();
    await vi.waitFor(async () => expect(await queuedEventIds()).toEqual(['e10']));
    await vi.waitFor(async () => expect(await redis.xlen(keys.inboundLog())).toBe(0));
  });

  it('remembers nothing when the event could not be logged, so a re-delivery is accepted', async () => {
    setUp('gate-down');
    // Redis unreachable (nothing listens on port 1).
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {});
    await expect(new InboundGate(down, keys).accept(envelope('e42', 'm42'))).rejects.toThrow();
    down.disconnect();
    mover();
    await gate.accept(envelope('e42', 'm42'));
    await vi.waitFor(async () => expect(await queuedEventIds()).toContain('e42'));
  });

  it("keeps nothing of the events it moved, so a worker's memory does not grow with traffic", async () => {
    setUp('gate-memory');
    mover();
    const mark = `leak-probe-${randomUUID()}`;
    for (let i = 0; i < 200; i++) await gate.accept(envelope(`${mark}:${i}`));
    await vi.waitFor(async () => expect((await queuedEventIds()).length).toBe(200));
    await vi.waitFor(async () => expect(await redis.xlen(keys.inboundLog())).toBe(0));
    // A few empty reads more, then count the events still reachable in this process's heap
    // (a heap snapshot holds only what garbage collection could not free).
    // A leak keeps all 200; the last one may still sit in a client's buffer for a moment under load.
    await new Promise((r) => setTimeout(r, 300));
    expect(await heapCopies(mark)).toBeLessThan(5);
  });
});

/**
 * How many strings reachable in this process's heap hold an event id made of `mark`, ':' and a
 * number (the pattern itself, `mark:\d`, does not match: a backslash follows its colon).
 */
async function heapCopies(mark: string): Promise<number> {
  let snapshot = '';
  for await (const chunk of getHeapSnapshot()) snapshot += chunk;
  return snapshot.match(new RegExp(`${mark}:\\d`, 'g'))?.length ?? 0;
}
