/**
 * Lark event security on Workers, with WebCrypto (no node:crypto on the edge): the
 * `X-Lark-Signature` check on the raw body and AES-256-CBC decryption of `{"encrypt": …}`.
 * The same algorithm as the core's `src/lark/crypto.ts`:
 * - signature = hex SHA-256 of timestamp + nonce + Encrypt Key + raw body bytes;
 * - key = SHA-256 of the Encrypt Key, IV = the first 16 bytes of the base64-decoded data, PKCS7.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Lark re-delivers within hours, but each delivery is signed afresh: ±5 minutes is plenty. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export type SignatureVerdict = 'ok' | 'missing' | 'stale' | 'mismatch';

export interface SignatureHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

export async function verifyLarkSignature(
  rawBody: Uint8Array,
  headers: SignatureHeaders,
  encryptKey: string,
  nowMs: number,
): Promise<SignatureVerdict> {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return 'missing';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs - seconds * 1000) > SIGNATURE_WINDOW_MS) return 'stale';
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'mismatch';
  const expected = await sha256(concat(encoder.encode(timestamp + nonce + encryptKey), rawBody));
  // Workers' own constant-time comparison (equal lengths: both are 32-byte digests).
  return crypto.subtle.timingSafeEqual(expected, hexToBytes(signature)) ? 'ok' : 'mismatch';
}

/** Constant-time comparison of two strings (verification tokens), through their digests. */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256(encoder.encode(a)), sha256(encoder.encode(b))]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

/** Derive the AES key once per isolate and keep it: the Encrypt Key does not change. */
export async function aesKeyFrom(encryptKey: string): Promise<CryptoKey> {
  const digest = await sha256(encoder.encode(encryptKey));
  return crypto.subtle.importKey('raw', digest, 'AES-CBC', false, ['decrypt']);
}

/** base64(IV ‖ AES-256-CBC(PKCS7(plaintext))) → plaintext, or undefined when it is not that. */
export async function decryptLarkPayload(encrypted: string, key: CryptoKey): Promise<string | undefined> {
  let data: Uint8Array;
  try {
    data = Uint8Array.from(atob(encrypted), (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
  if (data.byteLength < 32 || data.byteLength % 16 !== 0) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: data.subarray(0, 16) },
      key,
      data.subarray(16),
    );
    return strictUtf8.decode(plain);
  } catch {
    return undefined;
  }
}
