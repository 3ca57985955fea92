import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aesKeyFrom,
  DecryptError,
  decryptLarkPayload,
  safeEqual,
  verifyLarkSignature,
} from '../../src/lark/crypto.ts';

describe('decryptLarkPayload', () => {
  it('decrypts the vector from Lark’s documentation', () => {
    expect(decryptLarkPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', aesKeyFrom('test key'))).toBe(
      'hello world',
    );
  });
  it('refuses the wrong key and malformed input with a DecryptError', () => {
    const vector = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';
    expect(() => decryptLarkPayload(vector, aesKeyFrom('another key'))).toThrow(DecryptError);
    expect(() => decryptLarkPayload('abc', aesKeyFrom('test key'))).toThrow(DecryptError);
    expect(() => decryptLarkPayload('', aesKeyFrom('test key'))).toThrow(DecryptError);
  });
});

describe('verifyLarkSignature', () => {
  const key = 'made-up-encrypt-key';
  const body = new TextEncoder().encode('{"encrypt":"abc"}');
  const now = Date.parse('2026-11-26T02:00:00Z');
  const ts = String(now / 1000);
  const sign = (t: string, n: string) =>
    createHash('sha256')
      .update(t + n + key)
      .update(body)
      .digest('hex');

  it('accepts Lark’s signature over timestamp, nonce, key and the raw body', () => {
    expect(
      verifyLarkSignature(body, { timestamp: ts, nonce: 'n1', signature: sign(ts, 'n1') }, key, now),
    ).toBe('ok');
  });
  it('tells missing, mismatched and stale apart', () => {
    expect(verifyLarkSignature(body, { timestamp: ts, nonce: 'n1', signature: undefined }, key, now)).toBe(
      'missing',
    );
    expect(
      verifyLarkSignature(body, { timestamp: ts, nonce: 'n2', signature: sign(ts, 'n1') }, key, now),
    ).toBe('mismatch');
    expect(verifyLarkSignature(body, { timestamp: ts, nonce: 'n1', signature: 'zz' }, key, now)).toBe(
      'mismatch',
    );
    const old = String(now / 1000 - 301);
    expect(
      verifyLarkSignature(body, { timestamp: old, nonce: 'n1', signature: sign(old, 'n1') }, key, now),
    ).toBe('stale');
    const edge = String(now / 1000 - 299);
    expect(
      verifyLarkSignature(body, { timestamp: edge, nonce: 'n1', signature: sign(edge, 'n1') }, key, now),
    ).toBe('ok');
    const future = String(now / 1000 + 301);
    expect(
      verifyLarkSignature(body, { timestamp: future, nonce: 'n', signature: sign(future, 'n') }, key, now),
    ).toBe('stale');
  });
  it('compares tokens by value', () => {
    expect(safeEqual('token-a', 'token-a')).toBe(true);
    expect(safeEqual('token-a', 'token-b')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });
});
