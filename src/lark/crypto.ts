/**
 * Lark event security: AES-256-CBC decryption of `{"encrypt": …}` bodies and the
 * `X-Lark-Signature` check. See https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 *
 * We check the signature on the raw body bytes ourselves: the SDK's own check hashes a
 * re-serialised body (which differs from what Lark signed whenever the JSON has escapes or
 * spacing) and compares with `===`.
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** Derives the AES key once; keep the result, the hash is not free on the hot path. */
export function aesKeyFrom(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

export class DecryptError extends Error {}

/** base64(IV ‖ AES-256-CBC(PKCS7(plaintext))) → plaintext. */
export function decryptLarkPayload(encrypted: string, aesKey: Buffer): string {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length < 32 || data.length % 16 !== 0)
    throw new DecryptError('encrypted payload has a bad length');
  try {
    const decipher = createDecipheriv('aes-256-cbc', aesKey, data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptError('encrypted payload does not decrypt with the configured encrypt key');
  }
}

export interface SignatureHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

export type SignatureVerdict = 'ok' | 'missing' | 'stale' | 'mismatch';

/** Lark re-delivers within hours, but each delivery is signed afresh: ±5 minutes is plenty. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export function verifyLarkSignature(
  rawBody: Uint8Array,
  headers: SignatureHeaders,
  encryptKey: string,
  nowMs: number,
): SignatureVerdict {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return 'missing';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs - seconds * 1000) > SIGNATURE_WINDOW_MS) return 'stale';
  const expected = createHash('sha256')
    .update(timestamp)
    .update(nonce)
    .update(encryptKey)
    .update(rawBody)
    .digest();
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'mismatch';
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'mismatch';
}

/** Constant-time comparison of two strings (verification tokens). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
