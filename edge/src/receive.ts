/**
 * `POST /webhook/lark/event` on the edge: the same contract as the core's webhook
 * (`src/transport/webhook.ts`) — signature on the raw body, decryption, token check, the
 * challenge answered here — but instead of Redis the event goes onto a Cloudflare Queue, so
 * Lark gets its 200 in milliseconds whether or not the core is up.
 *
 * Challenges carry no signature headers, so they are recognised (and their token checked)
 * before a signature is demanded.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 */
import { Hono } from 'hono';
import { answerCardAction, forwardOversized } from './direct.ts';
import { type EdgeEnv, missingSettings } from './env.ts';
import { aesKeyFrom, decryptLarkPayload, safeEqual, verifyLarkSignature } from './larkCrypto.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Cloudflare Queues take messages up to 128 KB; keep room for the message's own overhead. */
export const MAX_QUEUED_BYTES = 120 * 1024;

type Json = Record<string, unknown>;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

let aesKey: { encryptKey: string; key: Promise<CryptoKey> } | undefined;
function keyFor(encryptKey: string): Promise<CryptoKey> {
  if (aesKey?.encryptKey !== encryptKey) aesKey = { encryptKey, key: aesKeyFrom(encryptKey) };
  return aesKey.key;
}

/** `{"encrypt": …}` → the inner JSON text; plain bodies pass through. */
async function unwrap(text: string, outer: Json, encryptKey: string): Promise<string | undefined> {
  if (typeof outer.encrypt !== 'string') return text;
  return decryptLarkPayload(outer.encrypt, await keyFor(encryptKey));
}

function refuse(status: 400 | 401 | 413, reason: string): Response {
  console.warn('webhook request refused', { status, reason });
  return Response.json({ error: reason }, { status });
}

export const receiver = new Hono<{ Bindings: EdgeEnv }>();

receiver.post('/webhook/lark/event', async (c) => {
  const env = c.env;
  const missing = missingSettings(env);
  if (missing.length > 0) {
    console.error(`edge not configured: set ${missing.join(', ')} (wrangler secret put / wrangler.toml)`);
    return c.json({ error: 'edge not configured' }, 500);
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (!(declared <= MAX_BODY_BYTES)) return refuse(413, 'body too large');
  const raw = new Uint8Array(await c.req.arrayBuffer());
  if (raw.byteLength > MAX_BODY_BYTES) return refuse(413, 'body too large');
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return refuse(400, 'body is not UTF-8');
  }
  const outer = parseObject(text);
  if (!outer) return refuse(400, 'body is not a JSON object');

  const challengeAnswer = async (payload: Json) => {
    const token = typeof payload.token === 'string' ? payload.token : '';
    if (!(await safeEqual(token, env.LARK_VERIFICATION_TOKEN)))
      return refuse(401, 'verification token mismatch');
    return c.json({ challenge: payload.challenge });
  };

  const headers = {
    timestamp: c.req.header('x-lark-request-timestamp'),
    nonce: c.req.header('x-lark-request-nonce'),
    signature: c.req.header('x-lark-signature'),
  };
  if (!headers.timestamp && !headers.nonce && !headers.signature) {
    // Only a URL-verification challenge may come unsigned.
    const inner = await unwrap(text, outer, env.LARK_ENCRYPT_KEY);
    const payload = inner === undefined ? undefined : parseObject(inner);
    if (payload?.type === 'url_verification') return challengeAnswer(payload);
    return refuse(401, 'missing signature');
  }
  const verdict = await verifyLarkSignature(raw, headers, env.LARK_ENCRYPT_KEY, Date.now());
  if (verdict !== 'ok') return refuse(401, `signature ${verdict}`);

  const inner = await unwrap(text, outer, env.LARK_ENCRYPT_KEY);
  const payload = inner === undefined ? undefined : parseObject(inner);
  if (inner === undefined || !payload) return refuse(400, 'cannot decrypt body');
  if (payload.type === 'url_verification') return challengeAnswer(payload);
  // v1 envelopes come only from apps configured long ago; luoshi subscribes to v2 events.
  if (payload.schema !== '2.0') return c.json({});
  const header = payload.header as Json | undefined;
  const eventId = header?.event_id;
  const eventType = header?.event_type;
  if (typeof eventId !== 'string' || !eventId || typeof eventType !== 'string' || !eventType) {
    return refuse(400, 'not a Lark event envelope');
  }
  if (header?.token !== undefined && !(await safeEqual(String(header.token), env.LARK_VERIFICATION_TOKEN))) {
    return refuse(401, 'verification token mismatch');
  }

  if (eventType === 'card.action.trigger') return answerCardAction(env, inner, eventId);
  if (encoder.encode(inner).byteLength > MAX_QUEUED_BYTES) return forwardOversized(env, inner, eventId);
  try {
    await env.EVENTS.send(inner, { contentType: 'text' });
  } catch (e) {
    // The queue refused: Lark will deliver again if we say so.
    console.error('could not enqueue an event', { eventId, err: String(e) });
    return c.json({ error: 'temporarily unavailable' }, 503);
  }
  return c.json({});
});
