/**
 * `POST /webhook/edge`: events forwarded by luoshi's Workers edge (`edge/`), which has already
 * checked Lark's signature and decrypted them. Here we check the edge's own signature — an
 * HMAC over timestamp and body keyed with `LUOSHI_EDGE_SECRET`, inside a replay window,
 * compared in constant time — and then treat the envelope exactly as the Lark webhook does:
 * events go through the same `InboundGate` (so duplicates by event and message id are still
 * dropped, whether Lark or the edge's queue delivered twice), card callbacks are answered
 * inline with the card. Mounted only when `LUOSHI_EDGE_SECRET` is set.
 *
 * Status codes tell the edge what to do: 2xx done; 400/413 malformed (dead-lettered, never
 * retried); 401 and 503 are retried until the secrets match or Redis is back.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from '../logger.ts';
import {
  EDGE_SIGNATURE_HEADER,
  EDGE_SIGNATURE_WINDOW_MS,
  EDGE_TIMESTAMP_HEADER,
  edgeSignedPrefix,
} from './edgeContract.ts';
import { envelopeSchema, type LarkEnvelope } from './envelope.ts';
import type { InboundGate } from './inboundGate.ts';
import { readRawBody } from './rawBody.ts';
import { MAX_BODY_BYTES } from './webhook.ts';

export interface EdgeWebhookOptions {
  secret: string;
  gate: InboundGate;
  logger: Logger;
  onCardAction?: (envelope: LarkEnvelope) => Promise<unknown>;
  /** Wall clock for the replay window (the edge signs in real time even when our clock is shifted). */
  wallClock?: () => number;
}

export type EdgeVerdict = 'ok' | 'missing' | 'stale' | 'mismatch';

export function verifyEdgeSignature(
  raw: Uint8Array,
  timestamp: string | undefined,
  signature: string | undefined,
  secret: string,
  nowMs: number,
): EdgeVerdict {
  if (!timestamp || !signature) return 'missing';
  const ms = Number(timestamp);
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(nowMs - ms) > EDGE_SIGNATURE_WINDOW_MS) return 'stale';
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'mismatch';
  const expected = createHmac('sha256', secret).update(edgeSignedPrefix(timestamp)).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'mismatch';
}

export function edgeWebhook(options: EdgeWebhookOptions): Hono {
  const { gate, logger, secret } = options;
  const wallClock = options.wallClock ?? Date.now;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const app = new Hono();

  const refuse = (status: 400 | 401 | 413, reason: string) => {
    logger.warn('edge request refused', { status, reason });
    return Response.json({ error: reason }, { status });
  };

  app.post('/', async (c) => {
    const raw = await readRawBody(c, MAX_BODY_BYTES);
    if (raw === 'too-large') return refuse(413, 'body too large');
    const verdict = verifyEdgeSignature(
      raw,
      c.req.header(EDGE_TIMESTAMP_HEADER),
      c.req.header(EDGE_SIGNATURE_HEADER),
      secret,
      wallClock(),
    );
    if (verdict !== 'ok') return refuse(401, `edge signature ${verdict}`);
    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(raw));
    } catch {
      return refuse(400, 'body is not UTF-8 JSON');
    }
    const parsed = envelopeSchema.safeParse(payload);
    if (!parsed.success) return refuse(400, 'not a Lark event envelope');
    const envelope = parsed.data as LarkEnvelope;

    if (envelope.header.event_type === 'card.action.trigger' && options.onCardAction) {
      return c.json((await options.onCardAction(envelope)) ?? {});
    }
    try {
      await gate.accept(envelope);
    } catch (e) {
      // Redis unreachable: the edge keeps the event and tries again.
      logger.error('could not enqueue an event from the edge', { eventId: envelope.header.event_id, err: e });
      return c.json({ error: 'temporarily unavailable' }, 503);
    }
    return c.json({});
  });
  return app;
}
