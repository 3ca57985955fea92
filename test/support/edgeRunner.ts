/**
 * Runs the Workers edge in workerd through Miniflare, for the edge tests — in a child process
 * on Node 22 (`scripts/node22.ts`), because Miniflare and wrangler need Node ≥ 22.12 and the tests
 * may run on Node 20. `test/support/edge.ts` starts it and talks to it over the IPC channel.
 *
 * What runs is what deploys: `wrangler deploy --dry-run` checks `wrangler.toml` and bundles the
 * Worker, and Miniflare gets the queues and consumer settings from the same file (through
 * wrangler's own converter). Only the bindings differ: the core's URL and made-up secrets.
 *
 * Time: the queue broker's timers are Miniflare's fake timers, moved by the test (`advance`),
 * so batching and retry delays of many seconds pass without waiting. Miniflare exposes them
 * through its internal control endpoints (`_enableControlEndpoints`, the broker object's
 * `enableFakeTimers`/`advanceFakeTime`), which its own queue tests use; pinned versions keep
 * them stable, and an upgrade that changes them fails here loudly.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as miniflare from 'miniflare';
import { convertV4MiniflareOptions, Miniflare, type V4WorkerOptions } from 'miniflare';

export interface EdgeRunnerOptions {
  coreUrl: string;
  /** The test's HTTP endpoint that records what reaches the dead-letter queue. */
  deadLetterUrl: string;
  encryptKey: string;
  verificationToken: string;
  edgeSecret: string;
  cardTimeoutMs: number;
}

export type EdgeRequest = { op: 'advance'; ms: number } | { op: 'close' };
export type EdgeCommand = EdgeRequest & { id: number };

export const EVENTS_QUEUE = 'luoshi-events';
export const DEAD_LETTER_QUEUE = 'luoshi-events-dead';

/** The Miniflare internals behind fake queue timers (left out of its published types). */
interface ControlEndpoints {
  _enableControlEndpoints(): void;
}
interface BrokerObjects {
  _getInternalDurableObjectNamespace(
    plugin: string,
    service: string,
    className: string,
  ): Promise<{
    idFromName(name: string): unknown;
    get(id: unknown): { fetch(url: string, init: { cf: unknown }): Promise<Response> };
  }>;
}

/** What the edge takes from `wrangler.toml` besides its code. */
type EdgeConfig = Pick<
  V4WorkerOptions,
  'compatibilityDate' | 'compatibilityFlags' | 'bindings' | 'queueProducers' | 'queueConsumers'
>;

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A consumer of the dead-letter queue for the test: Miniflare drops messages nobody consumes. */
const deadLetterRecorder = `
export default {
  async queue(batch, env) {
    for (const message of batch.messages) {
      await fetch(env.DEAD_LETTER_URL, { method: 'POST', body: message.body });
      message.ack();
    }
  },
};`;

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as EdgeRunnerOptions;
  const outdir = mkdtempSync(join(tmpdir(), 'luoshi-edge-'));
  // The dry run (a process of its own, as in CI) and loading wrangler's converter overlap.
  const [, wrangler] = await Promise.all([
    promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
      { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
    ),
    import('wrangler'),
  ]);
  const config = wrangler.unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'))
    .workerOptions as EdgeConfig;
  (miniflare as unknown as ControlEndpoints)._enableControlEndpoints();
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: 0,
      workers: [
        {
          name: 'luoshi-edge',
          modules: true,
          scriptPath: join(outdir, 'index.js'),
          modulesRoot: outdir,
          compatibilityDate: config.compatibilityDate,
          compatibilityFlags: config.compatibilityFlags,
          queueProducers: config.queueProducers,
          queueConsumers: config.queueConsumers,
          bindings: {
            ...config.bindings,
            LUOSHI_CORE_URL: options.coreUrl,
            CARD_TIMEOUT_MS: String(options.cardTimeoutMs),
            LARK_ENCRYPT_KEY: options.encryptKey,
            LARK_VERIFICATION_TOKEN: options.verificationToken,
            LUOSHI_EDGE_SECRET: options.edgeSecret,
          },
        },
        {
          name: 'dead-letter-recorder',
          modules: true,
          script: deadLetterRecorder,
          compatibilityDate: config.compatibilityDate,
          bindings: { DEAD_LETTER_URL: options.deadLetterUrl },
          queueConsumers: { [DEAD_LETTER_QUEUE]: { maxBatchTimeout: 1 } },
        },
      ],
    }),
  );
  const url = await mf.ready;

  const brokers = await (mf as unknown as BrokerObjects)._getInternalDurableObjectNamespace(
    'queues',
    'queues:queue',
    'QueueBrokerObject',
  );
  const control = async (queue: string, name: string, args: unknown[] = []) => {
    const stub = brokers.get(brokers.idFromName(queue));
    const res = await stub.fetch('http://placeholder/', {
      cf: { miniflare: { name: queue, controlOp: { name, args } } },
    });
    if (!res.ok) throw new Error(`queue control ${name} on ${queue}: HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  const queues = [EVENTS_QUEUE, DEAD_LETTER_QUEUE];
  for (const q of queues) await control(q, 'enableFakeTimers', [Date.now()]);

  process.on('message', async (command: EdgeCommand) => {
    try {
      if (command.op === 'advance') {
        for (const q of queues) {
          await control(q, 'advanceFakeTime', [command.ms]);
          await control(q, 'waitForFakeTasks');
        }
        process.send?.({ id: command.id, ok: true });
      } else {
        await mf.dispose();
        rmSync(outdir, { recursive: true, force: true });
        process.send?.({ id: command.id, ok: true }, () => process.exit(0));
      }
    } catch (e) {
      process.send?.({ id: command.id, ok: false, error: e instanceof Error ? e.stack : String(e) });
    }
  });
  process.send?.({ ready: true, url: url.toString() });
}

main().catch((e) => {
  process.send?.({ ready: false, error: e instanceof Error ? e.stack : String(e) });
  process.exitCode = 1;
});
