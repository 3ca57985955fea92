/**
 * Upgrading a running deployment to the hash-tagged key layout (issue 13): the core stops, its
 * keys are put back under the names the version before the tags used (`<prefix>:t:<tenant>:…`,
 * BullMQ under `<prefix>:q:<queue>:…`), and the core starts again — its `hash-tags` migration
 * moves them. The items, their numbers and lists are there, and the reminder that was waiting
 * as a delayed job fires once: moved with its queue, not lost and not planned a second time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isCluster } from '../../src/storage/redis.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { CREATOR, ZHANG } from '../support/people.ts';
import { connectTestRedis, keysUnder } from '../support/redisPrefix.ts';

let rig: Rig;
/** The test's own connection: the core's closes with it. */
const redis = connectTestRedis();
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');
const CHAT = 'oc_upgrade_0001';

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
  await redis.quit();
});

/** The name the version before the hash tags gave a key (the inverse of the migration). */
function oldName(prefix: string, key: string): string | undefined {
  const rest = key.slice(prefix.length + 1);
  const tenant = /^\{t:([^}]+)\}:(.*)$/.exec(rest);
  if (tenant) return `${prefix}:t:${tenant[1]}:${tenant[2]}`;
  const queue = /^\{q:[^}]+\}:(.*)$/.exec(rest);
  if (queue) return `${prefix}:q:${queue[1]}`;
  const other = /^\{(pg|press)\}:(.*)$/.exec(rest);
  if (other) return `${prefix}:${other[1]}:${other[2]}`;
  return undefined;
}

async function backToOldLayout(): Promise<number> {
  let renamed = 0;
  for (const key of await keysUnder(redis, rig.prefix)) {
    const to = oldName(rig.prefix, key);
    if (!to) continue;
    if (isCluster(redis)) {
      // Old names of one tenant or queue fall in different slots: copy, then delete.
      const [dump, ttl] = await Promise.all([redis.dumpBuffer(key), redis.pttl(key)]);
      if (!dump) continue;
      await redis.restore(to, Math.max(ttl, 0), dump);
      await redis.del(key);
    } else if (!(await redis.renamenx(key, to).catch(() => 0))) continue; // expired since the scan
    renamed++;
  }
  // As on a deployment that never ran the migration.
  await redis.hdel(`${rig.prefix}:migrations`, 'hash-tags');
  return renamed;
}

const reminderCards = (no: number) =>
  rig.fake
    .messagesTo(CHAT)
    .map((m) => textOf(m.content).replaceAll('**', ''))
    .filter((t) => /催办|提醒/.test(t.split('\n')[0] ?? '') && t.includes(`#${no} `));

it('keeps items, numbers and a waiting reminder across the move to the new layout', async () => {
  const first = await rig.ask(CREATOR, '/任务 起草年度工作总结 @张三 12月1日', [ZHANG], { chatId: CHAT });
  const no = Number(/#(\d+)/.exec(first)![1]);
  await rig.ask(CREATOR, '/任务 报送值班表 @张三 12月2日', [ZHANG], { chatId: CHAT });
  const delayed = await rig.luoshi.queues.reminders.getDelayed();
  const job = delayed.find((j) => j.name === 'remind' && j.data.no === no);
  expect(job).toBeDefined();
  await rig.settle();

  await rig.stopCore();
  expect(await backToOldLayout()).toBeGreaterThan(10);
  const old = await keysUnder(redis, rig.prefix);
  expect(old).toContain(`${rig.prefix}:q:reminders:delayed`);
  expect(old.filter((k) => /\{(t|q|pg|press):?/.test(k))).toEqual([]);
  await rig.startCore();

  const after = await keysUnder(redis, rig.prefix);
  const underOldNames = (k: string) => /^(t|q|pg|press):/.test(k.slice(rig.prefix.length + 1));
  expect(after.filter(underOldNames)).toEqual([]);
  // The very job, moved (not re-planned under another id).
  expect(await (await rig.luoshi.queues.reminders.getJob(job!.id!))?.getState()).toBe('delayed');
  const list = await rig.ask(CREATOR, '/列表', [], { chatId: CHAT });
  expect(list).toContain('起草年度工作总结');
  expect(list).toContain('报送值班表');
  expect(await rig.ask(CREATOR, '/任务 第三项 @张三 12月3日', [ZHANG], { chatId: CHAT })).toContain(
    `#${no + 2}`,
  );

  // The deadline day: the reminder planned before the move fires, once.
  clock.set('2026-12-01T18:00:00+08:00');
  await rig.luoshi.deps.scheduler.promoteDue(clock.now());
  await rig.fake.waitFor(() => reminderCards(no).length > 0 || undefined);
  await rig.settle();
  const cards = reminderCards(no);
  expect(cards.length).toBeGreaterThan(0);
  expect(new Set(cards.map((t) => t.split('\n')[0])).size).toBe(cards.length);
});
