/**
 * `POST /webhook/lark/event`: Lark's HTTP event delivery. It only checks, decrypts and
 * enqueues — no Lark API call and no command parsing here — so it answers in milliseconds
 * (Lark re-delivers what is not answered with 200 within 3 s).
 *
 * Order matters: URL-verification challenges carry no signature headers, so they are
 * recognised (and their token checked) before the signature is demanded.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 */
import { Hono } from 'hono';
import {
  aesKeyFrom,
  DecryptError,
  decryptLarkPayload,
  safeEqual,
  verifyLarkSignature,
} from '../lark/crypto.ts';
import type { Logger } from '../logger.ts';
import { envelopeSchema, type LarkEnvelope } from './envelope.ts';
import type { InboundGate } from './inboundGate.ts';
import { readRawBody } from './rawBody.ts';

export interface WebhookOptions {
  encryptKey: string;
  verificationToken: string;
  gate: InboundGate;
  logger: Logger;
  /** Card callbacks are answered inline (Lark shows the response and never retries). */
  onCardAction?: (envelope: LarkEnvelope) => Promise<unknown>;
  /** Wall clock for the signature window; Lark signs in real time even when our clock is shifted. */
  wallClock?: () => number;
  maxBodyBytes?: number;
}

export const MAX_BODY_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

export function larkWebhook(options: WebhookOptions): Hono {
  const { gate, logger, verificationToken, encryptKey } = options;
  const aesKey = aesKeyFrom(encryptKey);
  const wallClock = options.wallClock ?? Date.now;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const app = new Hono();

  const refuse = (status: 400 | 401, reason: string, extra: Record<string, unknown> = {}) => {
    logger.warn('webhook request refused', { status, reason, ...extra });
    return new Response(JSON.stringify({ error: reason }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };

  const challengeAnswer = (payload: Json) => {
    const token = typeof payload.token === 'string' ? payload.token : '';
    if (!safeEqual(token, verificationToken)) return refuse(401, 'verification token mismatch');
    return Response.json({ challenge: payload.challenge });
  };

  /**
   * `{"encrypt": …}` → the inner object and its text; plain bodies pass through. The text goes
   * to the inbound log as it came, so the event is parsed once and never serialised again.
   */
  const unwrap = (outer: Json, outerText: string): { payload: Json; text: string } | 'bad' => {
    if (typeof outer.encrypt !== 'string') return { payload: outer, text: outerText };
    try {
      const text = decryptLarkPayload(outer.encrypt, aesKey);
      const payload = parseObject(text);
      return payload ? { payload, text } : 'bad';
    } catch (e) {
      if (e instanceof DecryptError) return 'bad';
      throw e;
    }
  };

  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  app.post('/', async (c) => {
    const raw = await readRawBody(c, maxBodyBytes);
    if (raw === 'too-large') {
      logger.warn('webhook request refused', { status: 413, reason: 'body too large' });
      return c.json({ error: 'body too large' }, 413);
    }
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      return refuse(400, 'body is not UTF-8');
    }
    const outer = parseObject(text);
    if (!outer) return refuse(400, 'body is not a JSON object');

    const headers = {
      timestamp: c.req.header('x-lark-request-timestamp'),
      nonce: c.req.header('x-lark-request-nonce'),
      signature: c.req.header('x-lark-signature'),
    };
    const unsigned = !headers.timestamp && !headers.nonce && !headers.signature;
    if (unsigned) {
      // Only a URL-verification challenge may come unsigned.
      const inner = unwrap(outer, text);
      if (inner !== 'bad' && inner.payload.type === 'url_verification') return challengeAnswer(inner.payload);
      return refuse(401, 'missing signature');
    }
    const verdict = verifyLarkSignature(raw, headers, encryptKey, wallClock());
    if (verdict !== 'ok') return refuse(401, `signature ${verdict}`);

    const unwrapped = unwrap(outer, text);
    if (unwrapped === 'bad') return refuse(400, 'cannot decrypt body');
    const { payload } = unwrapped;
    if (payload.type === 'url_verification') return challengeAnswer(payload);
    if (payload.schema !== '2.0') {
      // v1 envelopes come only from apps configured long ago; we subscribe to v2 events.
      logger.info('ignoring a v1 event envelope', { type: (payload.event as Json | undefined)?.type });
      return c.json({});
    }
    const parsed = envelopeSchema.safeParse(payload);
    if (!parsed.success) return refuse(400, 'not a Lark event envelope');
    const envelope = parsed.data as LarkEnvelope;
    const headerToken = envelope.header.token;
    if (headerToken != null && !safeEqual(headerToken, verificationToken)) {
      return refuse(401, 'verification token mismatch', { eventId: envelope.header.event_id });
    }

    if (envelope.header.event_type === 'card.action.trigger' && options.onCardAction) {
      return c.json((await options.onCardAction(envelope)) ?? {});
    }
    try {
      await gate.accept(envelope, unwrapped.text);
    } catch (e) {
      // Redis unreachable: Lark will re-deliver; tell it to.
      logger.error('could not enqueue an event', { eventId: envelope.header.event_id, err: e });
      return c.json({ error: 'temporarily unavailable' }, 503);
    }
    return c.json({});
  });
  return app;
}
