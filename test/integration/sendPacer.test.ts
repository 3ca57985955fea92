/**
 * Per-target pacing on a real Redis: five sends per window to one group, others unaffected,
 * a backlog told to come back window after window in order instead of all at once, and a
 * message of a higher priority told to come back ahead of that backlog.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QUEUE_PRIORITY } from '../../src/bot/delivery/messenger.ts';
import { SendPacer, TARGET_LIMIT, targetOf } from '../../src/scheduling/sendPacer.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('pace');
let redis: Redis;
let pacer: SendPacer;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  pacer = new SendPacer(redis, createKeys(prefix));
});
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const window = TARGET_LIMIT.windowMs + TARGET_LIMIT.guardMs;

it('lets five sends to a group through per window and queues the rest window by window', async () => {
  const waits: number[] = [];
  for (let i = 0; i < 17; i++) waits.push(await pacer.acquire('oc_busy', `m${i}`));
  expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
  const backlog = waits.slice(5);
  expect(backlog.every((w) => w > 0)).toBe(true);
  // Messages 6–10 come back after about one window, 11–15 after two, 16–17 after three.
  const windowsAhead = backlog.map((w) => Math.round(w / window));
  expect(windowsAhead).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);
  expect(await pacer.acquire('oc_quiet', 'q1')).toBe(0);
  expect(await pacer.acquire('ou_someone', 'd1')).toBe(0);
});

it('tells a chase to come back at the next free slot however many digests wait, and a digest it passed keeps its place', async () => {
  for (let i = 0; i < 5; i++)
    expect(await pacer.acquire('oc_mixed', `sent${i}`, QUEUE_PRIORITY.bulk)).toBe(0);
  const digests: number[] = [];
  for (let i = 0; i < 12; i++)
    digests.push(await pacer.acquire('oc_mixed', `digest${i}`, QUEUE_PRIORITY.bulk));
  expect(digests.map((w) => Math.round(w / window))).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3]);

  const chase = await pacer.acquire('oc_mixed', 'chase', QUEUE_PRIORITY.urgent);
  expect(Math.round(chase / window)).toBe(1);
  // The first digest asks again (say it came back and lost its slot to the chase): one
  // message is ahead of it now, the chase, not the eleven digests that came after it.
  const again = await pacer.acquire('oc_mixed', 'digest0', QUEUE_PRIORITY.bulk);
  expect(Math.round(again / window)).toBe(1);
  // A routine reminder goes after the chase and before every digest still waiting.
  const reminder = await pacer.acquire('oc_mixed', 'reminder', QUEUE_PRIORITY.normal);
  expect(Math.round(reminder / window)).toBe(1);
  const lastDigest = await pacer.acquire('oc_mixed', 'digest12', QUEUE_PRIORITY.bulk);
  expect(Math.round(lastDigest / window)).toBe(3);
});

it('counts a reply against the chat it lands in, and a direct message against the user', () => {
  expect(targetOf({ to: { chatId: 'oc_1' }, replyTo: 'om_1' })).toBe('oc_1');
  expect(targetOf({ to: { openId: 'ou_1' } })).toBe('ou_1');
  expect(targetOf({ replyTo: 'om_2' })).toBe('reply:om_2');
});
