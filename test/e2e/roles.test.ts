/**
 * luoshi split into processes as a deployment scales it (`LUOSHI_ROLE`): one web process takes
 * Lark's webhook, two worker processes run the queues, all three `node --import tsx src/main.ts`
 * on one Redis and the fake Lark platform. 1000 commands go through the web process's webhook
 * and 500 of them record items whose deadline chase is run; one worker is SIGKILLed while sends
 * it started are still unanswered, and the other takes its jobs over once their locks expire
 * (`LUOSHI_JOB_LOCK_SECONDS`). At the platform: every command answered once, every chase
 * delivered once, and no message shown twice although some were sent twice.
 *
 * Time: every process runs on `LUOSHI_CLOCK_START` (Tuesday 1 December 2026, 17:00 Beijing) and
 * the items are due 今天18:00. The test promotes the delayed jobs planned for 18:00 or earlier
 * — the chases, then the collectors that gather them into cards — as the playground's time
 * travel does, instead of waiting an hour: a chase run before its minute is on time
 * (`jobs/reminder.ts`) and its card is the 18:00 one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { promoteDue } from '../../src/scheduling/dueJobs.ts';
import { createQueues, type Queues } from '../../src/scheduling/queues.ts';
import { freePort } from '../../src/storage/embeddedRedis.ts';
import { createKeys } from '../../src/storage/keys.ts';
import type { RedisClient } from '../../src/storage/redis.ts';
import { type FakeLark, type FakeMessage, startFakeLark } from '../support/fakeLark.ts';
import { textOf } from '../support/harness.ts';
import { holdAnswers } from '../support/heldAnswers.ts';
import { larkAppEnv } from '../support/larkAppEnv.ts';
import {
  FAKE_ENCRYPT_KEY,
  FAKE_VERIFICATION_TOKEN,
  larkRequest,
  messageEvent,
} from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';
import { connectTestRedis, deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const CHATS = 500;
const CLOCK_START = '2026-12-01T17:00:00+08:00';
const DEADLINE = Date.parse('2026-12-01T18:00:00+08:00');
/** Sends the platform takes but answers only after the worker that made them is dead. */
const HUNG = 12;

const prefix = uniquePrefix('roles');
const keys = createKeys(prefix);
let redis: RedisClient;
let queues: Queues;
let fake: FakeLark;

interface Child {
  role: string;
  process: ChildProcess;
  base: string;
  stderr(): string;
  exited: Promise<void>;
}
const children: Child[] = [];

async function startProcess(role: 'web' | 'worker'): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      LUOSHI_ROLE: role,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: testRedisUrl(),
      LUOSHI_KEY_PREFIX: prefix,
      LUOSHI_CLOCK_START: CLOCK_START,
      // A dead worker's jobs are taken over 6–9 s after it died (BullMQ's default: 30–60 s).
      LUOSHI_JOB_LOCK_SECONDS: '6',
      // An app whose quota Lark raised: at the default 1000 a minute, 1500 sends take 90 s.
      ...larkAppEnv(fake, { raisedQuota: true }),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const started: Child = {
    role,
    process: child,
    base: `http://127.0.0.1:${port}`,
    stderr: () => err,
    exited,
  };
  children.push(started);
  return started;
}

async function ready(child: Child): Promise<void> {
  await expect
    .poll(
      () =>
        fetch(`${child.base}/readyz`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000, interval: 100, message: `${child.role} not ready: ${child.stderr()}` },
    )
    .toBe(200);
}

async function kill(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGKILL');
  await child.exited;
}

beforeAll(async () => {
  redis = connectTestRedis();
  queues = createQueues(redis, keys);
  fake = await startFakeLark();
});
afterAll(async () => {
  for (const child of children) await kill(child);
  await queues?.close();
  await fake?.close();
  if (redis) {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  }
});

/** The platform's messages, indexed as they arrive (1500 of them, looked up 1000 at a time). */
class Seen {
  private read = 0;
  readonly repliesTo = new Map<string, FakeMessage[]>();
  readonly toChat = new Map<string, FakeMessage[]>();
  update(): this {
    for (; this.read < fake.messages.length; this.read++) {
      const m = fake.messages[this.read]!;
      const [index, key] = m.parentId ? [this.repliesTo, m.parentId] : [this.toChat, m.receiveId ?? ''];
      index.set(key, [...(index.get(key) ?? []), m]);
    }
    return this;
  }
}

const chat = (i: number) => `oc_roles_${String(i).padStart(4, '0')}`;

it('splits into a web process and two workers that lose and double nothing when one is killed', async () => {
  const [web, first, second] = await Promise.all([
    startProcess('web'),
    startProcess('worker'),
    startProcess('worker'),
  ]);
  await Promise.all([web, first, second].map(ready));

  // What each process serves: the web process no workers, a worker only health and metrics.
  expect(await (await fetch(`${web.base}/readyz`)).json()).toEqual({ ready: true, redis: true });
  expect(await (await fetch(`${first.base}/readyz`)).json()).toEqual({
    ready: true,
    redis: true,
    workers: true,
  });
  expect((await fetch(`${first.base}/webhook/lark/event`, { method: 'POST', body: '{}' })).status).toBe(404);
  expect(await (await fetch(`${first.base}/metrics`)).text()).toContain('luoshi_queue_jobs{queue="inbound"');
  expect(await (await fetch(`${web.base}/metrics`)).text()).not.toContain('luoshi_queue_jobs{');
  expect(await queues.inbound.getWorkers()).toHaveLength(2);

  // In each of 500 groups, a /任务 due at 18:00 and a /列表: 1000 commands, prepared and signed.
  const bot = { name: fake.botName, openId: fake.botOpenId };
  const commands = Array.from({ length: 2 * CHATS }, (_, n) => {
    const i = n % CHATS;
    const task = n < CHATS;
    const event = messageEvent({
      text: task ? `@${bot.name} /任务 报送第${i}号材料 @张三 今天18:00` : `@${bot.name} /列表`,
      mentions: task ? [bot, ZHANG] : [bot],
      chatId: chat(i),
      chatType: 'group',
      senderOpenId: CREATOR,
      token: FAKE_VERIFICATION_TOKEN,
      appId: fake.appId,
    });
    fake.seedMessage(event.event.message.message_id, chat(i));
    return {
      i,
      task,
      messageId: event.event.message.message_id,
      ...larkRequest(event, { encryptKey: FAKE_ENCRYPT_KEY }),
    };
  });

  // A third of the way through, the platform takes the next sends but answers them only after
  // the first worker is dead: each worker makes at most 8 sends at once, so both hold some of them and the
  // killed one dies with sends made and jobs still active.
  const hung = holdAnswers(fake, { after: CHATS / 2, count: HUNG, delayMs: 15_000 });

  // The chases become due as their items are recorded: promote them (and the collectors that
  // gather them) while commands are still arriving, so the kill falls on both kinds of work.
  const reminders = new Queue('reminders', { connection: redis, prefix: keys.queuePrefix('reminders') });
  let promoting = true;
  const promoter = (async () => {
    while (promoting) {
      await promoteDue(reminders, DEADLINE);
      await new Promise((ok) => setTimeout(ok, 200));
    }
  })();

  try {
    // As Lark posts them: many at once (50 in flight), each answered before it is handled.
    const statuses: number[] = [];
    for (let at = 0; at < commands.length; at += 50) {
      const batch = commands.slice(at, at + 50);
      for (const r of await Promise.all(
        batch.map((c) =>
          fetch(`${web.base}/webhook/lark/event`, { method: 'POST', body: c.body, headers: c.headers }),
        ),
      ))
        statuses.push(r.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    await fake.waitFor(() => hung.count() >= HUNG, { timeoutMs: 60_000 });
    await kill(first);

    const seen = new Seen();
    const itemNo = new Map<number, number>();
    const chased = (i: number) => {
      const no = itemNo.get(i);
      return (seen.toChat.get(chat(i)) ?? []).filter((m) => {
        const text = textOf(m.content);
        return text.includes('🔴 到期催办') && text.includes(`#${no} `);
      });
    };
    await expect
      .poll(
        () => {
          seen.update();
          for (const c of commands) {
            const reply = seen.repliesTo.get(c.messageId)?.[0];
            const no = c.task && reply ? /#(\d+)/.exec(textOf(reply.content))?.[1] : undefined;
            if (no) itemNo.set(c.i, Number(no));
          }
          const replied = commands.filter((c) => seen.repliesTo.has(c.messageId)).length;
          const chases = Array.from({ length: CHATS }, (_, i) => i).filter(
            (i) => chased(i).length > 0,
          ).length;
          return { replied, chases };
        },
        { timeout: 90_000, interval: 250 },
      )
      .toEqual({ replied: 2 * CHATS, chases: CHATS });

    // Exactly once: one reply per command, one chase card per item, no uuid shown twice.
    seen.update();
    expect(commands.filter((c) => seen.repliesTo.get(c.messageId)?.length !== 1)).toEqual([]);
    expect(new Set(itemNo.values()).size).toBe(CHATS);
    expect(Array.from({ length: CHATS }, (_, i) => chased(i).length).filter((n) => n !== 1)).toEqual([]);
    const uuids = fake.messages.map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // The sends the killed worker left unanswered are made again by the other, with the same
    // uuid, and shown once. The platform showed the held sends at once, so everything above can
    // be seen before the takeover (its lock expires 6–9 s after the kill): wait for it.
    const attempts = (uuid: string) => fake.sendAttempts.filter((a) => a.uuid === uuid).length;
    await expect
      .poll(() => [...hung.uuids].some((uuid) => attempts(uuid) >= 2), { timeout: 30_000 })
      .toBe(true);
    expect(new Set(fake.messages.map((m) => m.uuid)).size).toBe(fake.messages.length);
    await expect
      .poll(() => queues.outbound.getJobCounts('failed', 'active', 'waiting'), { timeout: 15_000 })
      .toEqual({ failed: 0, active: 0, waiting: 0 });
    expect(await queues.inbound.getJobCounts('failed')).toEqual({ failed: 0 });
  } finally {
    promoting = false;
    await promoter;
    await reminders.close();
  }
}, 180_000);
