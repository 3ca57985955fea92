/**
 * One server under test for `scripts/bench/webhook.ts`, run in its own process so the load
 * client never shares a CPU with it. Prints `port=<n>` when listening. `GET /__cpu` answers the
 * process's CPU time so far (µs), so the benchmark can charge each request its CPU.
 *   tsx scripts/bench/webhookServer.ts echo|sdk|luoshi <redisUrl> <keyPrefix>
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import * as lark from '@larksuiteoapi/node-sdk';
import { Hono } from 'hono';
import { silentLogger } from '../../src/logger.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';
import { InboundGate } from '../../src/transport/inboundGate.ts';
import { larkWebhook } from '../../src/transport/webhook.ts';
import { BENCH_ENCRYPT_KEY, BENCH_VERIFICATION_TOKEN, WEBHOOK_PATH } from './webhookPayloads.ts';

const [kind, redisUrl = '', prefix = 'bench'] = process.argv.slice(2);
const announce = (port: number) => process.stdout.write(`port=${port}\n`);
const CPU_PATH = '/__cpu';
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

if (kind === 'echo') {
  const app = new Hono();
  app.get(CPU_PATH, (c) => c.text(String(cpuMicros())));
  app.post(WEBHOOK_PATH, async (c) =>
    c.body(await c.req.text(), 200, { 'content-type': 'application/json' }),
  );
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
  void s;
} else if (kind === 'sdk') {
  const dispatcher = new lark.EventDispatcher({
    encryptKey: BENCH_ENCRYPT_KEY,
    verificationToken: BENCH_VERIFICATION_TOKEN,
    loggerLevel: lark.LoggerLevel.error,
  }).register({ 'im.message.receive_v1': async () => {} });
  const adapter = lark.adaptDefault(WEBHOOK_PATH, dispatcher, { autoChallenge: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    req.url === CPU_PATH ? res.end(String(cpuMicros())) : adapter(req, res),
  );
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    announce(typeof a === 'object' && a ? a.port : 0);
  });
} else if (kind === 'luoshi') {
  const redis = createRedis(redisUrl, 'command');
  await waitReady(redis);
  const keys = createKeys(prefix);
  const gate = new InboundGate(redis, keys);
  const app = new Hono();
  app.get(CPU_PATH, (c) => c.text(String(cpuMicros())));
  app.route(
    WEBHOOK_PATH,
    larkWebhook({
      encryptKey: BENCH_ENCRYPT_KEY,
      verificationToken: BENCH_VERIFICATION_TOKEN,
      gate,
      logger: silentLogger,
    }),
  );
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
} else {
  process.stderr.write('usage: webhookServer.ts echo|sdk|luoshi <redisUrl> <prefix>\n');
  process.exit(64);
}

// Exit through process.exit so `node --cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
