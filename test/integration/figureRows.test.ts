/**
 * The figure rows `/统计` and the 台账 read: written with every item change in the same script,
 * rebuilt for items stored before they existed by the `figure-rows` migration, and read past a
 * row that cannot be parsed (reported, not fatal).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { completeItem, type NewItem } from '../../src/domain/item.ts';
import { silentLogger } from '../../src/logger.ts';
import { FigureRows } from '../../src/storage/figureRows.ts';
import { ItemLedger } from '../../src/storage/itemLedger.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { migrate } from '../../src/storage/migrations.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('figures');
const keys = createKeys(prefix);
const TENANT = 'tenant_f';
let redis: Redis;
let repo: ItemRepository;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  repo = new ItemRepository(redis, keys);
});
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const newItem = (title: string): NewItem => ({
  tenant: TENANT,
  kind: 'task',
  chatId: 'oc_1',
  title,
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  creator: { openId: 'ou_creator', name: '' },
  unit: '办公室',
  due: T0 + 86_400_000,
  allDay: true,
});
const meta = (action: string) => ({ actor: 'ou_creator', action, at: T0 });

it('keeps each item’s row with the item, rebuilds lost rows once, and skips an unreadable one', async () => {
  const a = await repo.create(newItem('一'), meta('create'));
  const b = await repo.create(newItem('二'), meta('create'));
  const unreadable: number[] = [];
  const held = new FigureRows(redis, keys, ({ no }) => unreadable.push(no));
  const byNo = async (rows = new FigureRows(redis, keys, ({ no }) => unreadable.push(no))) =>
    new Map((await rows.all(TENANT)).map((r) => [r.no, r]));
  expect((await byNo(held)).get(b.item.no)).toMatchObject({
    status: 'open',
    unit: '办公室',
    owners: ['ou_zhang'],
  });
  // A reader holding the rows sees a later change: it reads the changed row again.
  await repo.update(TENANT, b.item.no, (i) => completeItem(i, '好了', T0 + 1000), meta('complete'));
  expect((await byNo(held)).get(b.item.no)).toMatchObject({ status: 'done', doneAt: T0 + 1000 });
  expect((await byNo()).get(a.item.no)).toMatchObject({ status: 'open' });

  // Items stored before the rows existed: the migration writes them from the items.
  await redis.del(keys.figures(TENANT));
  await migrate({ redis, keys, ledger: new ItemLedger(redis, keys, repo), logger: silentLogger });
  expect([...(await byNo()).values()].map((r) => [r.no, r.status]).sort()).toEqual([
    [a.item.no, 'open'],
    [b.item.no, 'done'],
  ]);

  expect([...(await byNo(held)).keys()].sort()).toEqual([a.item.no, b.item.no]);

  await redis.hset(keys.figures(TENANT), '99', '{not json');
  expect([...(await byNo()).keys()].sort()).toEqual([a.item.no, b.item.no]);
  expect(unreadable).toEqual([99]);
});

it('reads everything again when Redis has lost the rows a reader holds', async () => {
  const tenant = 'tenant_lost';
  const held = new FigureRows(redis, keys);
  await repo.create({ ...newItem('旧'), tenant }, meta('create'));
  await repo.create({ ...newItem('旧'), tenant }, meta('create'));
  expect(await held.all(tenant)).toHaveLength(2);
  // As after a restart of a Redis that kept nothing: the counters start again.
  for (const key of [
    keys.figures(tenant),
    keys.figuresVersion(tenant),
    keys.figuresLog(tenant),
    keys.seq(tenant),
  ])
    await redis.del(key);
  await repo.create({ ...newItem('新'), tenant }, meta('create'));
  expect((await held.all(tenant)).map((r) => r.title)).toEqual(['新']);
});
