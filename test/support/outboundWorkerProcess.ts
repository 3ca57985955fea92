/**
 * A stand-alone outbound worker, run as a child process by the crash test
 * (`test/integration/outboundCrash.test.ts`): the same processor, pacer, Lark client and
 * worker settings as the server, against the test's Redis and fake Lark, with short lock and
 * stall timings so a killed worker's jobs are taken over within a couple of seconds.
 *
 * Usage: node --import tsx test/support/outboundWorkerProcess.ts '<json WorkerProcessOptions>'
 * Prints `ready` once the worker is listening; exits cleanly on SIGTERM.
 */
import { createOutboundProcessor } from '../../jobs/outbound.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { LarkDelivery } from '../../src/lark/larkDelivery.ts';
import { LarkTokenCache } from '../../src/lark/tokenCache.ts';
import { createLogger } from '../../src/logger.ts';
import { outboundWorkerSettings } from '../../src/scheduling/outboundWorker.ts';
import { createQueues, QUEUE } from '../../src/scheduling/queues.ts';
import { SendPacer } from '../../src/scheduling/sendPacer.ts';
import { startWorkers } from '../../src/scheduling/workers.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis, waitReady } from '../../src/storage/redis.ts';

export interface WorkerProcessOptions {
  redisUrl: string;
  keyPrefix: string;
  larkDomain: string;
  appId: string;
  appSecret: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessOptions;
const logger = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) });
const keys = createKeys(options.keyPrefix);
const redis = createRedis(options.redisUrl, 'command');
await waitReady(redis);
const queues = createQueues(redis, keys);
const tokens = new LarkTokenCache();
const client = createLarkClient({
  appId: options.appId,
  appSecret: options.appSecret,
  domain: options.larkDomain,
  logger,
  cache: tokens,
});
const workers = startWorkers(
  options.redisUrl,
  keys.queuePrefix,
  [
    {
      queue: QUEUE.outbound,
      processor: createOutboundProcessor({
        delivery: new LarkDelivery(client, tokens),
        logger,
        pacer: new SendPacer(redis, keys),
        queue: queues.outbound,
      }),
      ...outboundWorkerSettings({ concurrency: 8, lockDurationMs: 1000, stalledIntervalMs: 500 }),
    },
  ],
  logger,
);
await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void workers
    .close()
    .then(() => queues.close())
    .then(() => redis.quit())
    .finally(() => process.exit(0));
});
