/**
 * Reads a request body as bytes, refusing more than `maxBytes`. With a Content-Length (Lark
 * always sends one) it checks the length first and then takes @hono/node-server's direct read,
 * which skips building a web `ReadableStream` — a large share of the webhook's cost otherwise.
 * Without one (chunked), it streams and stops at the limit.
 */
import type { Context } from 'hono';

export type RawBody = Uint8Array | 'too-large';

export async function readRawBody(c: Context, maxBytes: number): Promise<RawBody> {
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) return 'too-large';
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return bytes.byteLength > maxBytes ? 'too-large' : bytes;
  }
  const reader = c.req.raw.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
