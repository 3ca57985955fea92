/**
 * Where a webhook request's CPU goes (issue 14): each stage of luoshi's webhook timed alone, in
 * one process, on the same signed and encrypted requests `bench:webhook` sends. The last stage,
 * the append to the inbound log, is charged both sides: this process (building the script call)
 * and redis-server (running it, from INFO cpu). HTTP parsing and Hono routing are not here: they
 * are the difference between this sum and the per-request CPU `bench:webhook` prints.
 *   npm run bench:webhook-stages   (BENCH_REQUESTS changes the count)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aesKeyFrom, decryptLarkPayload, verifyLarkSignature } from '../../src/lark/crypto.ts';
import { startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { envelopeSchema, type LarkEnvelope } from '../../src/transport/envelope.ts';
import { InboundGate } from '../../src/transport/inboundGate.ts';
import { BENCH_ENCRYPT_KEY, prepareRequests } from './webhookPayloads.ts';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 20_000);

/** CPU µs per item of `fn` over every item, after one untimed pass to warm the JIT. */
function cpuPer<T, R>(items: T[], fn: (item: T) => R): { perItem: number; out: R[] } {
  for (const item of items.slice(0, 2000)) fn(item);
  const out: R[] = new Array(items.length);
  const t0 = process.cpuUsage();
  for (let i = 0; i < items.length; i++) out[i] = fn(items[i] as T);
  const t = process.cpuUsage(t0);
  return { perItem: (t.user + t.system) / items.length, out };
}

async function main() {
  const requests = prepareRequests(COUNT, 'stage');
  const aesKey = aesKeyFrom(BENCH_ENCRYPT_KEY);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const raws = requests.map((r) => Buffer.from(r.body));
  const rows: [string, number][] = [];

  const outer = cpuPer(raws, (raw) => JSON.parse(decoder.decode(raw)) as { encrypt: string });
  rows.push(['decode UTF-8 + parse outer JSON', outer.perItem]);
  const now = Date.now();
  const signed = cpuPer(
    requests.map((r, i) => ({ raw: raws[i] as Buffer, r })),
    ({ raw, r }) =>
      verifyLarkSignature(
        raw,
        {
          timestamp: r.headers['x-lark-request-timestamp'],
          nonce: r.headers['x-lark-request-nonce'],
          signature: r.headers['x-lark-signature'],
        },
        BENCH_ENCRYPT_KEY,
        now,
      ),
  );
  if (signed.out.some((v) => v !== 'ok')) throw new Error('a bench request failed its signature check');
  rows.push(['signature check (SHA-256)', signed.perItem]);
  const inner = cpuPer(outer.out, (o) => {
    const text = decryptLarkPayload(o.encrypt, aesKey);
    return { text, payload: JSON.parse(text) as unknown };
  });
  rows.push(['decrypt (AES-256-CBC) + parse inner JSON', inner.perItem]);
  const valid = cpuPer(inner.out, (p) => envelopeSchema.parse(p.payload) as LarkEnvelope);
  rows.push(['validate the envelope (zod)', valid.perItem]);

  const dir = mkdtempSync(join(tmpdir(), 'luoshi-stages-'));
  const server = await startEmbeddedRedis({ dir, persistent: false });
  const redis = createRedis(server.url, 'command');
  try {
    await waitReady(redis);
    const gate = new InboundGate(redis, createKeys(`bench-stages-${Date.now()}`));
    const redisCpu = async () => {
      const info = await redis.info('cpu');
      const f = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
      return f('used_cpu_sys') + f('used_cpu_user');
    };
    // 32 at a time, as the 32 connections of bench:webhook's full-speed phase arrive.
    const envelopes = valid.out;
    const r0 = await redisCpu();
    const t0 = process.cpuUsage();
    for (let i = 0; i < envelopes.length; i += 32) {
      // With the decrypted text, as the webhook does: the envelope is not serialised again.
      await Promise.all(envelopes.slice(i, i + 32).map((e, j) => gate.accept(e, inner.out[i + j]?.text)));
    }
    const t = process.cpuUsage(t0);
    const r1 = await redisCpu();
    rows.push(['dedupe + append to the log: node side', (t.user + t.system) / COUNT]);
    rows.push(['dedupe + append to the log: redis-server', ((r1 - r0) * 1e6) / COUNT]);
  } finally {
    await redis.quit();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nwebhook stages, CPU µs per request (${COUNT} requests, one process, 2000 warm-up)`);
  for (const [name, us] of rows) console.log(`${name.padEnd(44)} ${us.toFixed(1).padStart(6)}`);
  const total = rows.reduce((n, [, us]) => n + us, 0);
  console.log(`${'sum'.padEnd(44)} ${total.toFixed(1).padStart(6)}`);
}

await main();
