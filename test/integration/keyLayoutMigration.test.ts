/**
 * The `hash-tags` migration on a real Redis: a deployment's data in the layout before hash tags
 * (items with their numbers, indexes, figure rows and audit; settings; the playground's log; a
 * card press) is all readable after it, numbering goes on where it stopped, and running it
 * again, twice at once or over a taken name loses nothing. (BullMQ's jobs, which only a single
 * server can hold in the old layout: `keyLayoutMigrationQueues.test.ts`.)
 *
 * The old layout is written the way the old code wrote it: a tenant's keys under
 * `<prefix>:t:<tenant>:` (written here through today's repository, then renamed to exactly
 * those names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewItem } from '../../src/domain/item.ts';
import { silentLogger } from '../../src/logger.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys, type Keys } from '../../src/storage/keys.ts';
import { moveLegacyKeys, newKeyName } from '../../src/storage/legacyKeyLayout.ts';
import { migrate } from '../../src/storage/migrations.ts';
import { isCluster, type RedisClient, scanKeys } from '../../src/storage/redis.ts';
import { connectTestRedis, deleteByPrefix, uniquePrefix } from '../support/redisPrefix.ts';

const TENANT = 'tenant_m';
const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const prefixes: string[] = [];
let redis: RedisClient;

beforeAll(() => {
  redis = connectTestRedis();
});
afterAll(async () => {
  for (const p of prefixes) await deleteByPrefix(redis, p);
  await redis.quit();
});

function fresh(label: string): Keys {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  return createKeys(prefix);
}

const newItem = (title: string, chatId = 'oc_1'): NewItem => ({
  tenant: TENANT,
  kind: 'task',
  chatId,
  title,
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  creator: { openId: 'ou_creator', name: '' },
  due: T0 + 86_400_000,
  allDay: true,
});
const meta = { actor: 'ou_creator', action: 'create', at: T0 };

async function allKeys(prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const page of scanKeys(redis, `${prefix}:*`)) out.push(...page);
  return out.sort();
}

/** Renames a key as the test's own step back to the old layout (one server: RENAME; a cluster: copy). */
async function rename(from: string, to: string): Promise<void> {
  if (!isCluster(redis)) {
    await redis.rename(from, to);
    return;
  }
  const [dump, ttl] = await Promise.all([redis.dumpBuffer(from), redis.pttl(from)]);
  await redis.restore(to, Math.max(ttl, 0), dump!);
  await redis.del(from);
}

/** Moves a tenant's keys to the names the old `keys.ts` gave them: `<prefix>:t:<tenant>:…`. */
async function toOldTenantLayout(keys: Keys, tenant: string): Promise<void> {
  const tag = `${keys.prefix}:{t:${tenant}}:`;
  for (const key of await allKeys(keys.prefix))
    if (key.startsWith(tag)) await rename(key, `${keys.prefix}:t:${tenant}:${key.slice(tag.length)}`);
}

describe('moving keys to the hash-tagged layout', () => {
  it('keeps items, numbers, indexes, figure rows, audit and the playground as they were', async () => {
    const keys = fresh('mig');
    const repo = new ItemRepository(redis, keys);
    const a = await repo.create(newItem('一'), meta);
    const b = await repo.create(newItem('二', 'oc_2'), { ...meta, idempotencyKey: 'om_b' });
    await repo.update(TENANT, a.item.no, (i) => ({ ...i, title: '一（改）' }), { ...meta, action: 'edit' });
    await redis.set(`${keys.prefix}:pg:uuid:u1`, 'om_pg_1');
    await redis.xadd(`${keys.prefix}:pg:messages`, '*', 'json', '{}');
    await redis.set(`${keys.prefix}:press:ev:e1`, '1', 'EX', 3600);
    const before = { a: await repo.get(TENANT, a.item.no), history: await repo.history(TENANT, a.item.no) };
    await toOldTenantLayout(keys, TENANT);
    // One key a command: the old names are in different slots of a cluster.
    for (const k of ['item:1', 'seq']) expect(await redis.exists(`${keys.prefix}:t:${TENANT}:${k}`)).toBe(1);
    expect(await repo.get(TENANT, a.item.no)).toBeUndefined();

    await migrate({ redis, keys, ledger: new ItemLedger(redis, keys, repo), logger: silentLogger });

    expect(await repo.get(TENANT, a.item.no)).toEqual(before.a);
    expect(await repo.history(TENANT, a.item.no)).toEqual(before.history);
    expect((await repo.listOpenInChat(TENANT, 'oc_2')).items.map((i) => i.no)).toEqual([b.item.no]);
    expect((await repo.listOpenForOwner(TENANT, 'ou_zhang')).total).toBe(2);
    expect(Object.keys(await redis.hgetall(keys.figures(TENANT))).sort()).toEqual(['1', '2']);
    // Numbering goes on, and a retried command still finds the item it made.
    expect((await repo.create(newItem('三'), meta)).item.no).toBe(3);
    expect(await repo.create(newItem('二', 'oc_2'), { ...meta, idempotencyKey: 'om_b' })).toMatchObject({
      created: false,
      item: { no: b.item.no },
    });
    expect(await redis.get(keys.playgroundUuid('u1'))).toBe('om_pg_1');
    expect(await redis.xlen(keys.playgroundMessages())).toBe(1);
    expect(await redis.ttl(keys.cardPress('ev:e1'))).toBeGreaterThan(3000);
    // Nothing is left under an old name, and running it again finds nothing to do.
    expect((await allKeys(keys.prefix)).filter((k) => newKeyName(keys.prefix, k))).toEqual([]);
    expect(await moveLegacyKeys(redis, keys)).toEqual({ moved: 0, kept: 0 });
  });

  it('never overwrites a key whose new name is taken, and two processes at once move each key once', async () => {
    const keys = fresh('mig2');
    const repo = new ItemRepository(redis, keys);
    for (let i = 0; i < 30; i++) await repo.create(newItem(`第${i}`), meta);
    await toOldTenantLayout(keys, TENANT);
    await redis.set(keys.calendar(TENANT), 'newer');
    await redis.set(`${keys.prefix}:t:${TENANT}:calendar`, 'older');
    const [one, two] = await Promise.all([moveLegacyKeys(redis, keys), moveLegacyKeys(redis, keys)]);
    expect(await redis.get(keys.calendar(TENANT))).toBe('newer');
    expect(await redis.get(`${keys.prefix}:t:${TENANT}:calendar`)).toBe('older');
    expect(one.kept + two.kept).toBeGreaterThanOrEqual(1);
    const items = await repo.getMany(
      TENANT,
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(items.map((i) => i.title)).toEqual(Array.from({ length: 30 }, (_, i) => `第${i}`));
  });
});

describe('newKeyName', () => {
  it('gives each old key its hash-tagged name and leaves the rest alone', () => {
    const n = (k: string, tenants?: string[]) => newKeyName('lx', k, tenants);
    expect(n('lx:t:T1:item:7')).toBe('lx:{t:T1}:item:7');
    expect(n('lx:t:T1:chat:oc_1:open')).toBe('lx:{t:T1}:chat:oc_1:open');
    expect(n('lx:t:a:b:seq', ['a:b'])).toBe('lx:{t:a:b}:seq');
    expect(n('lx:q:reminders:delayed')).toBe('lx:{q:reminders}:reminders:delayed');
    expect(n('lx:q:follow-ups:42')).toBe('lx:{q:follow-ups}:follow-ups:42');
    expect(n('lx:pg:messages')).toBe('lx:{pg}:messages');
    expect(n('lx:press:tok:x')).toBe('lx:{press}:tok:x');
    for (const k of ['lx:tenants', 'lx:migrations', 'lx:{pace}:oc_1', 'lx:dash:session:x', 'other:t:T1:seq'])
      expect(n(k)).toBeUndefined();
  });
});
