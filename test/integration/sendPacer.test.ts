/**
 * Per-target pacing on a real Redis: five sends per window to one group, others unaffected,
 * and a backlog told to come back window after window in order instead of all at once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it('counts a reply against the chat it lands in, and a direct message against the user', () => {
  expect(targetOf({ to: { chatId: 'oc_1' }, replyTo: 'om_1' })).toBe('oc_1');
  expect(targetOf({ to: { openId: 'ou_1' } })).toBe('ou_1');
  expect(targetOf({ replyTo: 'om_2' })).toBe('reply:om_2');
});
