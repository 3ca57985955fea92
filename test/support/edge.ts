/**
 * The Workers edge for tests: starts `edgeRunner.ts` (workerd through Miniflare) in a Node 22
 * child process and hands the test its URL, the queue clock and what reached the dead-letter
 * queue. Node 22 is this process's own when it is new enough, else the build
 * `scripts/node22.ts` fetches once into `.tools/`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ensureNode22 } from '../../scripts/node22.ts';
import type { EdgeRequest, EdgeRunnerOptions } from './edgeRunner.ts';
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN, larkRequest } from './larkEvents.ts';

/** Made-up; the core under test is given the same one. */
export const FAKE_EDGE_SECRET = 'fake-edge-secret-not-real-0123456789abcdef';

const RUNNER = fileURLToPath(new URL('./edgeRunner.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Edge {
  url: string;
  webhookUrl: string;
  /** POST a payload to the edge the way Lark does (encrypted and signed unless told otherwise). */
  post(payload: object, options?: Parameters<typeof larkRequest>[1]): Promise<Response>;
  /** Moves the queue's clock (batching, retry delays) forward and waits for what falls due. */
  advance(ms: number): Promise<void>;
  /** Envelopes (parsed) that reached the dead-letter queue, in order. */
  deadLetters: unknown[];
  /** What the Worker and Miniflare printed (for a failing test's message). */
  output(): string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startEdge(options: {
  coreUrl: string;
  edgeSecret?: string;
  cardTimeoutMs?: number;
}): Promise<Edge> {
  const deadLetters: unknown[] = [];
  const recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deadLetters.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('ok');
    });
  });
  const runnerOptions: EdgeRunnerOptions = {
    coreUrl: options.coreUrl,
    deadLetterUrl: await listen(recorder),
    encryptKey: FAKE_ENCRYPT_KEY,
    verificationToken: FAKE_VERIFICATION_TOKEN,
    edgeSecret: options.edgeSecret ?? FAKE_EDGE_SECRET,
    cardTimeoutMs: options.cardTimeoutMs ?? 2500,
  };
  let output = '';
  const child: ChildProcess = fork(RUNNER, [JSON.stringify(runnerOptions)], {
    execPath: ensureNode22(),
    execArgv: ['--import', 'tsx'],
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const url = await new Promise<string>((ok, fail) => {
    child.once('message', (m: { ready: boolean; url?: string; error?: string }) =>
      m.ready && m.url ? ok(m.url) : fail(new Error(`edge did not start: ${m.error}\n${output}`)),
    );
    child.once('exit', (code) =>
      fail(new Error(`edge runner exited (${code}) before it was ready\n${output}`)),
    );
  });

  let nextId = 1;
  const pending = new Map<number, { ok: () => void; fail: (e: Error) => void }>();
  child.on('message', (m: { id?: number; ok?: boolean; error?: string }) => {
    if (m.id === undefined) return;
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) waiter?.ok();
    else waiter?.fail(new Error(`edge runner: ${m.error}`));
  });
  const command = (c: EdgeRequest) =>
    new Promise<void>((ok, fail) => {
      const id = nextId++;
      pending.set(id, { ok, fail });
      child.send({ ...c, id });
    });

  const webhookUrl = new URL('/webhook/lark/event', url).toString();
  return {
    url,
    webhookUrl,
    deadLetters,
    post(payload, opts) {
      const { body, headers } = larkRequest(payload, { encryptKey: FAKE_ENCRYPT_KEY, ...opts });
      return fetch(webhookUrl, { method: 'POST', body, headers });
    },
    advance: (ms) => command({ op: 'advance', ms }),
    output: () => output,
    async close() {
      const exited = new Promise((ok) => child.once('exit', ok));
      await command({ op: 'close' }).catch(() => child.kill());
      await exited;
      await new Promise((ok) => recorder.close(ok));
    },
  };
}
