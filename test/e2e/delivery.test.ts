/**
 * Delivery within Lark's limits, through the real server's outbound worker and the official
 * SDK to the fake platform: a 429 storm (all arrive, none twice, never over 5/s to one group),
 * 5xx retried with backoff, a request that cannot succeed failed at once, and a token Lark
 * stopped accepting replaced without losing the message.
 */
import type { Job } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageUuid, type OutboundJob, type SendRequest } from '../../src/bot/delivery/messenger.ts';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig } from '../support/harness.ts';

let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => {
  rig.fake.reset();
});

const text = (chatId: string, key: string, body: string): SendRequest => ({
  tenant: 't',
  to: { chatId },
  message: { type: 'text', text: body },
  key,
});

async function jobOf(key: string): Promise<Job<OutboundJob> | undefined> {
  return rig.luoshi.queues.outbound.getJob(`out-${messageUuid(key)}`);
}

/** The job once BullMQ has recorded its end (the message may arrive a moment before). */
async function settled(key: string): Promise<Job<OutboundJob>> {
  await expect
    .poll(async () => (await jobOf(key))?.getState(), { timeout: 10_000 })
    .toMatch(/^(completed|failed)$/);
  return (await jobOf(key))!;
}

describe('outbound delivery', () => {
  it('gets every message through a 429 storm exactly once, never faster than 5/s to one group', async () => {
    const others = ['oc_storm_other_1', 'oc_storm_other_2', 'oc_storm_other_3'];
    const requests: SendRequest[] = [];
    for (let i = 0; i < 30; i++) requests.push(text(CHAT, `storm:${i}`, `风暴 ${i}`));
    for (let i = 0; i < 15; i++) requests.push(text(others[i % 3]!, `storm:other:${i}`, `其他 ${i}`));

    let sends = 0;
    rig.fake.setFault((request) => (request.isSend && ++sends % 3 === 0 ? { status: 429 } : undefined));
    await Promise.all(requests.map((r) => rig.luoshi.deps.messenger.send(r)));
    await rig.fake.waitFor((messages) => messages.length >= requests.length, { timeoutMs: 45_000 });

    const uuids = rig.fake.messages.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(requests.length);
    expect(uuids).toHaveLength(requests.length);
    expect(rig.fake.sendAttempts.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(15);
    for (const chat of [CHAT, ...others]) {
      expect(rig.fake.maxSendsPerSecond(chat, { deliveredOnly: true })).toBeLessThanOrEqual(5);
      // Throttled attempts count against Lark's limit too; the pacing keeps them under it as well.
      expect(rig.fake.maxSendsPerSecond(chat)).toBeLessThanOrEqual(5);
    }
    // Waiting for a 429 used up no attempt: every job finished on its first counted attempt.
    const jobs = await Promise.all(requests.map((r) => settled(r.key)));
    expect(jobs.map((j) => `${j.data.key}: ${j.attemptsMade}`)).toEqual(requests.map((r) => `${r.key}: 1`));
  }, 60_000);

  it('retries a 5xx with backoff and shows the message once', async () => {
    rig.fake.failNext(2, { status: 503 }, (r) => r.isSend);
    await rig.luoshi.deps.messenger.send(text(CHAT, 'retry:5xx', '稍后送达'));
    const message = (await rig.fake.waitFor((messages) => messages.find((m) => m.uuid), {
      timeoutMs: 15_000,
    }))!;
    expect(message.uuid).toBe(messageUuid('retry:5xx'));
    const attempts = rig.fake.sendAttempts.filter((a) => a.uuid === message.uuid);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    // Exponential: the second wait is longer than the first.
    expect(attempts[2]!.time - attempts[1]!.time).toBeGreaterThan(attempts[1]!.time - attempts[0]!.time);
  }, 20_000);

  it('fails a message Lark can never accept at once, without retrying it', async () => {
    const key = 'never:bad-receiver';
    await rig.luoshi.deps.messenger.send({ ...text(CHAT, key, 'x'), to: { openId: 'not_an_open_id' } });
    const job = await settled(key);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain('230001');
    expect(rig.fake.sendAttempts).toHaveLength(1);
  });

  it('replaces a token Lark stopped accepting and delivers without using up an attempt', async () => {
    const tokensBefore = rig.fake.issuedTokens.length;
    rig.fake.expireTokens();
    await rig.luoshi.deps.messenger.send(text(CHAT, 'token:expired', '令牌过期后仍送达'));
    const message = (await rig.fake.waitFor((messages) => messages.find((m) => m.uuid), {
      timeoutMs: 10_000,
    }))!;
    expect(message.uuid).toBe(messageUuid('token:expired'));
    expect(rig.fake.issuedTokens.length).toBe(tokensBefore + 1);
    expect(rig.fake.requests.some((r) => r.status === 401)).toBe(true);
    expect((await settled('token:expired')).attemptsMade).toBe(1);
  });
});
