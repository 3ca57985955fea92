/**
 * Scaling by role (issue 13 §2): one web process (`LUOSHI_ROLE=web`) with one, then two worker
 * processes (`LUOSHI_ROLE=worker`), each `src/main.ts` in its own process on one private
 * redis-server, against the fake Lark platform in this process. Same load for each setup, in
 * the same run, so the figures compare:
 *
 * - commands: BENCH_CHATS groups each get a `/任务 … 今天18:00` and a `/列表` (2 × BENCH_CHATS
 *   signed webhook events, BENCH_IN_FLIGHT at a time, posted as fast as the web process acks):
 *   acks per second (the web process's ingest) and replies per second (all of it, end to end);
 * - reminders: the deadline chases of those items, promoted at once (the processes' clocks start
 *   at 17:00 on a Tuesday; the chases are planned for 18:00): chase cards delivered per second.
 *
 * Lark's send limits are raised for the run (LARK_SEND_PER_SECOND=1000) so what is measured is
 * luoshi, not Lark's 50/s; the README's Scaling section says which limit binds first.
 *   npm run bench:roles
 *   BENCH_WORKERS=0,1,2 npm run bench:roles     # 0: the web process alone (acks only)
 *   BENCH_CHATS=2000 BENCH_WORKERS=1,2,3 npm run bench:roles
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { promoteDue } from '../../src/scheduling/dueJobs.ts';
import { freePort, startEmbeddedRedis } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { startFakeLark } from '../../test/support/fakeLark.ts';
import { larkAppEnv } from '../../test/support/larkAppEnv.ts';
import {
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  messageEvent,
} from '../../test/support/larkEvents.ts';
import { median } from './support.ts';

const CHATS = Number(process.env.BENCH_CHATS ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const SETUPS = (process.env.BENCH_WORKERS ?? '0,1,2').split(',').map(Number);
/** Rounds of every setup, interleaved (a shared machine's load drifts); medians are printed. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLOCK_START = '2026-12-01T17:00:00+08:00';
const DEADLINE = Date.parse('2026-12-01T18:00:00+08:00');
const OWNER = { name: '张三', openId: 'ou_bench_zhangsan' };
const SENDER = 'ou_bench_sender';

const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-roles-'));
const redisServer = await startEmbeddedRedis({ dir, persistent: false });
const redis = new Redis(redisServer.url);
const fake = await startFakeLark();
const children: ChildProcess[] = [];
const roleOf = new Map<ChildProcess, string>();

async function start(role: 'web' | 'worker', prefix: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LUOSHI_ROLE: role,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisServer.url,
      LUOSHI_KEY_PREFIX: prefix,
      LUOSHI_CLOCK_START: CLOCK_START,
      ...larkAppEnv(fake, { raisedQuota: true }),
      LOG_LEVEL: 'error',
    },
  });
  children.push(child);
  roleOf.set(child, role);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return base;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${role} process did not become ready`);
}

/**
 * SIGTERMs every process and waits for it to exit. luoshi promises to exit within its shutdown
 * deadline (LUOSHI_SHUTDOWN_SECONDS, 10 s); one that is still running 15 s after SIGTERM is
 * reported and killed, so a broken shutdown shows as a finding instead of a bench that hangs.
 */
async function stopAll(): Promise<void> {
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const late = setTimeout(() => {
        console.log(
          `  ${roleOf.get(child)} process ${child.pid} still running 15 s after SIGTERM: killed (shutdown deadline missed)`,
        );
        child.kill('SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(late);
    }),
  );
}

/** Waits until `check` holds, polling; returns the time it first held. */
async function until(check: () => boolean, what: string, timeoutMs = 600_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let said = Date.now();
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (Date.now() - said > 10_000) {
      said = Date.now();
      console.log(`  still waiting for ${what} (${fake.messages.length} messages so far)`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now();
}

async function run(workers: number) {
  const prefix = `bench-roles-${workers}-${Date.now()}`;
  fake.reset();
  const chat = (i: number) => `oc_bench_roles_${String(i).padStart(5, '0')}`;
  const bot = { name: fake.botName, openId: fake.botOpenId };
  const web = await start('web', prefix);
  await Promise.all(Array.from({ length: workers }, () => start('worker', prefix)));

  const commands = Array.from({ length: 2 * CHATS }, (_, n) => {
    // Each group's /任务, then its /列表, group after group.
    const i = Math.floor(n / 2);
    const task = n % 2 === 0;
    const event = messageEvent({
      text: task ? `@${bot.name} /任务 报送第${n}号材料 @张三 今天18:00` : `@${bot.name} /列表`,
      mentions: task ? [bot, OWNER] : [bot],
      chatId: chat(i),
      senderOpenId: SENDER,
      token: FAKE_VERIFICATION_TOKEN,
      appId: fake.appId,
    });
    fake.seedMessage(event.event.message.message_id, chat(i));
    return {
      messageId: event.event.message.message_id,
      ...larkRequest(event, { encryptKey: FAKE_ENCRYPT_KEY }),
    };
  });
  const want = new Set(commands.map((c) => c.messageId));
  const replied = new Set<string>();
  let read = 0;
  const countReplies = () => {
    for (; read < fake.messages.length; read++) {
      const parent = fake.messages[read]!.parentId;
      if (parent && want.has(parent)) replied.add(parent);
    }
    return replied.size;
  };

  const started = Date.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < commands.length) {
        const c = commands[next++]!;
        const r = await fetch(`${web}/webhook/lark/event`, {
          method: 'POST',
          body: c.body,
          headers: c.headers,
        });
        if (r.status !== 200) refused++;
      }
    }),
  );
  const acked = Date.now();
  const ackPerSecond = commands.length / ((acked - started) / 1000);
  // No workers: the web process's ingest alone (the events wait in the inbound queue).
  if (workers === 0) {
    await stopAll();
    return { workers, refused, ackPerSecond, replyPerSecond: Number.NaN, remindPerSecond: Number.NaN };
  }
  const answered = await until(() => countReplies() >= commands.length, 'every reply');

  // Reminders: every chase planned for 18:00 (and then its collector) promoted as it appears.
  const reminders = new Queue('reminders', {
    connection: redis,
    prefix: createKeys(prefix).queuePrefix('reminders'),
  });
  let chaseCount = 0;
  const chases = () => {
    for (; read < fake.messages.length; read++) {
      const m = fake.messages[read]!;
      if (!m.parentId && m.rawContent.includes('到期催办')) chaseCount++;
    }
    return chaseCount;
  };
  const remindStart = Date.now();
  let promoting = true;
  const promoter = (async () => {
    while (promoting) {
      await promoteDue(reminders, DEADLINE);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const chased = await until(() => chases() >= CHATS, 'every chase');
  promoting = false;
  await promoter;
  await reminders.close();
  await stopAll();
  return {
    workers,
    refused,
    ackPerSecond,
    replyPerSecond: commands.length / ((answered - started) / 1000),
    remindPerSecond: CHATS / ((chased - remindStart) / 1000),
  };
}

try {
  console.log(
    `1 web process + N worker processes, ${2 * CHATS} commands over ${CHATS} groups (${IN_FLIGHT} in flight), then ${CHATS} deadline chases; median of ${ROUNDS} rounds`,
  );
  const runs = new Map<number, Awaited<ReturnType<typeof run>>[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of SETUPS) runs.set(workers, [...(runs.get(workers) ?? []), await run(workers)]);
  }
  const med = (workers: number, key: 'ackPerSecond' | 'replyPerSecond' | 'remindPerSecond') =>
    median(runs.get(workers)!.map((r) => r[key]));
  const all = (workers: number, key: 'ackPerSecond' | 'replyPerSecond' | 'remindPerSecond') =>
    runs
      .get(workers)!
      .map((r) => r[key].toFixed(0))
      .join(', ');
  const refused = (workers: number) => runs.get(workers)!.reduce((n, r) => n + r.refused, 0);
  const base = SETUPS.find((w) => w > 0);
  for (const workers of SETUPS) {
    if (workers === 0) {
      console.log(
        `web process alone: acks ${med(0, 'ackPerSecond').toFixed(0)}/s (${all(0, 'ackPerSecond')}); ${refused(0)} refused`,
      );
      continue;
    }
    const ratio = (key: 'replyPerSecond' | 'remindPerSecond') =>
      base === undefined ? '' : ` (${(med(workers, key) / med(base, key)).toFixed(2)}× ${base} worker)`;
    console.log(
      `${workers} worker(s): acks ${med(workers, 'ackPerSecond').toFixed(0)}/s, replies ${med(workers, 'replyPerSecond').toFixed(0)} commands/s${ratio('replyPerSecond')} (${all(workers, 'replyPerSecond')}), chases ${med(workers, 'remindPerSecond').toFixed(0)}/s${ratio('remindPerSecond')} (${all(workers, 'remindPerSecond')}); ${refused(workers)} refused`,
    );
  }
} finally {
  await stopAll();
  await fake.close();
  await redis.quit();
  await redisServer.stop();
  rmSync(dir, { recursive: true, force: true });
}
