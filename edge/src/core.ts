/**
 * Talking to the core: one signed `POST /webhook/edge` with a decrypted Lark envelope as the
 * body. The queue consumer uses it for events and the webhook for card callbacks. The HMAC
 * format is in `src/transport/edgeContract.ts`, shared with the core that checks it.
 */
import {
  EDGE_PATH,
  EDGE_SIGNATURE_HEADER,
  EDGE_TIMESTAMP_HEADER,
  edgeSignedPrefix,
} from '../../src/transport/edgeContract.ts';
import type { EdgeEnv } from './env.ts';

const encoder = new TextEncoder();

/** What became of one attempt: the core's status, or `unreachable` (refused, reset, timed out). */
export type CoreOutcome = { status: number; body: string } | { status: 'unreachable'; reason: string };

async function hmacHex(secret: string, data: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** POSTs `envelopeJson` to the core, signed now; gives up after `timeoutMs`. */
export async function postToCore(
  env: EdgeEnv,
  envelopeJson: string,
  timeoutMs: number,
): Promise<CoreOutcome> {
  const timestamp = String(Date.now());
  const body = encoder.encode(envelopeJson);
  const prefix = encoder.encode(edgeSignedPrefix(timestamp));
  const signed = new Uint8Array(prefix.byteLength + body.byteLength);
  signed.set(prefix, 0);
  signed.set(body, prefix.byteLength);
  const url = `${env.LUOSHI_CORE_URL.replace(/\/+$/, '')}${EDGE_PATH}`;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [EDGE_TIMESTAMP_HEADER]: timestamp,
        [EDGE_SIGNATURE_HEADER]: await hmacHex(env.LUOSHI_EDGE_SECRET, signed),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  } catch (e) {
    return { status: 'unreachable', reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
