/**
 * The webhook's door: challenges, signatures, encryption and malformed input. Every refused
 * request must leave no trace: nothing queued, nothing remembered for deduplication.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig } from '../support/harness.ts';
import {
  encryptLarkPayload,
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  messageEvent,
  signLarkRequest,
  urlVerification,
} from '../support/larkEvents.ts';
import { keysUnder } from '../support/redisPrefix.ts';

let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

function event(text = '@luoshi /帮助') {
  return messageEvent({
    text,
    mentions: [{ name: 'luoshi', openId: rig.fake.botOpenId }],
    chatId: CHAT,
    senderOpenId: 'ou_sender',
    token: FAKE_VERIFICATION_TOKEN,
    appId: rig.fake.appId,
  });
}

/**
 * Keys under this rig's prefix, sorted: queued jobs and dedupe marks both live there. SCAN has no
 * order, and the order it happens to give changes when other test files' keys make Redis
 * resize its table (and it is asked primary by primary on a cluster).
 */
async function traces(): Promise<string[]> {
  return (
    (await keysUnder(rig.luoshi.redis, rig.prefix))
      // BullMQ's own housekeeping comes and goes by itself: `marker` wakes a waiting worker, which
      // takes it when it next looks (on a cluster, often between two of these snapshots).
      .filter((k) => !k.endsWith(':meta') && !k.endsWith(':marker') && !k.includes(':stalled'))
      .sort()
  );
}

async function expectRefused(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = await response.text();
  expect(body).not.toContain('challenge');
}

describe('URL verification', () => {
  it('echoes the challenge, plain or encrypted, only with the right token', async () => {
    const plain = await rig.post(urlVerification({ token: FAKE_VERIFICATION_TOKEN, challenge: 'c-plain' }), {
      encrypt: false,
    });
    expect(await plain.json()).toEqual({ challenge: 'c-plain' });
    const encrypted = await rig.post(urlVerification({ token: FAKE_VERIFICATION_TOKEN, challenge: 'c-enc' }));
    expect(await encrypted.json()).toEqual({ challenge: 'c-enc' });
    const wrong = await rig.post(urlVerification({ token: 'not-our-token', challenge: 'c-bad' }));
    await expectRefused(wrong, 401);
  });
});

describe('refused requests leave no trace', () => {
  it('missing, forged and stale signatures are 401', async () => {
    const before = await traces();
    const e = event();
    const unsigned = larkRequest(e, { encryptKey: FAKE_ENCRYPT_KEY, sign: false });
    await expectRefused(await fetch(rig.webhookUrl, { method: 'POST', ...unsigned }), 401);

    const forged = larkRequest(e, { encryptKey: FAKE_ENCRYPT_KEY });
    forged.headers['x-lark-signature'] = 'ab'.repeat(32);
    await expectRefused(await fetch(rig.webhookUrl, { method: 'POST', ...forged }), 401);

    const stale = larkRequest(e, {
      encryptKey: FAKE_ENCRYPT_KEY,
      timestamp: String(Math.floor(Date.now() / 1000) - 6 * 60),
    });
    await expectRefused(await fetch(rig.webhookUrl, { method: 'POST', ...stale }), 401);

    // Signed with another key: the body is fine, the signature is not ours.
    const otherKey = larkRequest(e, { encryptKey: 'some-other-key' });
    await expectRefused(await fetch(rig.webhookUrl, { method: 'POST', ...otherKey }), 401);
    expect(await traces()).toEqual(before);
  });

  it('a body changed after signing is refused', async () => {
    const before = await traces();
    const { body, headers } = larkRequest(event(), { encryptKey: FAKE_ENCRYPT_KEY });
    const tampered = body.replace('"encrypt":"', '"encrypt": "');
    await expectRefused(await fetch(rig.webhookUrl, { method: 'POST', body: tampered, headers }), 401);
    expect(await traces()).toEqual(before);
  });

  it('bodies that are not JSON, not UTF-8, not decryptable or not envelopes are 400', async () => {
    const before = await traces();
    const signedRaw = (body: string | Buffer) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = 'n0nce';
      const signature = createHash('sha256')
        .update(timestamp + nonce + FAKE_ENCRYPT_KEY)
        .update(body)
        .digest('hex');
      const headers = {
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signature,
      };
      return fetch(rig.webhookUrl, {
        method: 'POST',
        body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
        headers,
      });
    };
    await expectRefused(await signedRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 400);
    await expectRefused(await signedRaw('this is not json'), 400);
    await expectRefused(await signedRaw('[1,2,3]'), 400);
    await expectRefused(
      await signedRaw(JSON.stringify({ encrypt: randomBytes(48).toString('base64') })),
      400,
    );
    await expectRefused(await signedRaw(JSON.stringify({ encrypt: 'short' })), 400);
    const notEnvelope = JSON.stringify({
      encrypt: encryptLarkPayload({ schema: '2.0', hello: 1 }, FAKE_ENCRYPT_KEY),
    });
    await expectRefused(await signedRaw(notEnvelope), 400);
    expect(await traces()).toEqual(before);
  });

  it('bodies over 1 MiB are 413', async () => {
    const before = await traces();
    const big = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 10) });
    // The server answers before reading the rest; don't let the client reuse that socket.
    const headers = { ...signLarkRequest(big, FAKE_ENCRYPT_KEY, {}), connection: 'close' };
    const res = await fetch(rig.webhookUrl, { method: 'POST', body: big, headers });
    await expectRefused(res, 413);
    expect(await traces()).toEqual(before);
  });

  it('an event carrying another verification token is 401', async () => {
    const before = await traces();
    const e = event();
    e.header.token = 'someone-elses-token';
    await expectRefused(await rig.post(e), 401);
    expect(await traces()).toEqual(before);
  });
});

describe('accepted events', () => {
  it('are answered {} at once and queued under an id derived from the event id', async () => {
    const e = event();
    const res = await rig.post(e);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const job = await rig.luoshi.queues.inbound.getJob(`ev-${e.header.event_id}`);
    expect(job?.data.header.event_id).toBe(e.header.event_id);
  });
});
