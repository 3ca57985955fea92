/**
 * Items on a real Redis: numbering per tenant, atomic indexes, idempotent creation,
 * compare-and-set updates under concurrency, and the audit trail.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeItem, type NewItem } from '../../src/domain/item.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('items');
const keys = createKeys(prefix);
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
function newItem(over: Partial<NewItem> = {}): NewItem {
  return {
    tenant: 'tenant_a',
    kind: 'task',
    chatId: 'oc_1',
    title: '起草年度工作总结',
    owners: [{ openId: 'ou_zhang', name: '张三' }],
    creator: { openId: 'ou_creator', name: '' },
    due: T0 + 86_400_000,
    allDay: true,
    ...over,
  };
}
const meta = { actor: 'ou_creator', action: 'create', at: T0 };

describe('ItemRepository', () => {
  it('numbers items per tenant from 1', async () => {
    const a1 = await repo.create(newItem(), meta);
    const a2 = await repo.create(newItem(), meta);
    const b1 = await repo.create(newItem({ tenant: 'tenant_b' }), meta);
    expect([a1.item.no, a2.item.no, b1.item.no]).toEqual([1, 2, 1]);
    expect(a1.item.status).toBe('open');
    expect(await repo.get('tenant_b', 2)).toBeUndefined();
  });

  it('returns the first item when a command is retried with the same message id', async () => {
    const first = await repo.create(newItem({ title: '一次' }), { ...meta, idempotencyKey: 'om_same' });
    const again = await repo.create(newItem({ title: '一次' }), { ...meta, idempotencyKey: 'om_same' });
    expect(again.created).toBe(false);
    expect(again.item.no).toBe(first.item.no);
    const { items } = await repo.listOpenInChat('tenant_a', 'oc_1', 100);
    expect(items.filter((i) => i.title === '一次')).toHaveLength(1);
  });

  it('keeps the chat and owner indexes ordered by deadline and drops closed items', async () => {
    const late = await repo.create(newItem({ chatId: 'oc_idx', due: T0 + 3e8 }), meta);
    const soon = await repo.create(
      newItem({ chatId: 'oc_idx', due: T0 + 1e8, owners: [{ openId: 'ou_li', name: '李四' }] }),
      meta,
    );
    expect((await repo.listOpenInChat('tenant_a', 'oc_idx')).items.map((i) => i.no)).toEqual([
      soon.item.no,
      late.item.no,
    ]);
    expect((await repo.listOpenForOwner('tenant_a', 'ou_li')).items.map((i) => i.no)).toEqual([soon.item.no]);
    await repo.update('tenant_a', soon.item.no, (i) => completeItem(i, '好了', T0), {
      ...meta,
      action: 'complete',
    });
    expect((await repo.listOpenInChat('tenant_a', 'oc_idx')).items.map((i) => i.no)).toEqual([late.item.no]);
    expect((await repo.listOpenForOwner('tenant_a', 'ou_li')).total).toBe(0);
  });

  it('moves an item between owner indexes when owners change', async () => {
    const { item } = await repo.create(newItem({ chatId: 'oc_move' }), meta);
    await repo.update('tenant_a', item.no, (i) => ({ ...i, owners: [{ openId: 'ou_wu', name: '吴六' }] }), {
      ...meta,
      action: 'reassign',
    });
    expect((await repo.listOpenForOwner('tenant_a', 'ou_wu')).items.map((i) => i.no)).toContain(item.no);
    expect((await repo.listOpenForOwner('tenant_a', 'ou_zhang')).items.map((i) => i.no)).not.toContain(
      item.no,
    );
  });

  it('applies concurrent updates one after another, losing none', async () => {
    const { item } = await repo.create(newItem({ chatId: 'oc_race' }), meta);
    const writers = Array.from({ length: 20 }, (_, k) =>
      repo.update('tenant_a', item.no, (i) => ({ ...i, title: `${i.title}+${k}` }), {
        ...meta,
        action: 'edit',
      }),
    );
    await Promise.all(writers);
    const final = await repo.get('tenant_a', item.no);
    expect(final?.rev).toBe(21);
    expect(final?.title.match(/\+\d+/g)).toHaveLength(20);
  });

  it('writes nothing when the change leaves the item as it was', async () => {
    const { item } = await repo.create(newItem({ chatId: 'oc_noop' }), meta);
    const res = await repo.update('tenant_a', item.no, (i) => i, { ...meta, action: 'noop' });
    expect(res?.after.rev).toBe(item.rev);
    expect((await repo.history('tenant_a', item.no)).map((h) => h.action)).toEqual(['create']);
  });

  it('records every change in the audit stream, in order, with actor and detail', async () => {
    const { item } = await repo.create(newItem({ chatId: 'oc_audit' }), { ...meta, detail: '明天下班前' });
    await repo.update('tenant_a', item.no, (i) => completeItem(i, '已报送', T0 + 5), {
      actor: 'ou_zhang',
      action: 'complete',
      at: T0 + 5,
      detail: '已报送',
    });
    const h = await repo.history('tenant_a', item.no);
    expect(h.map((e) => [e.action, e.actor, e.detail])).toEqual([
      ['create', 'ou_creator', '明天下班前'],
      ['complete', 'ou_zhang', '已报送'],
    ]);
  });

  it('answers undefined for an item that does not exist', async () => {
    expect(await repo.update('tenant_a', 9999, (i) => i, meta)).toBeUndefined();
  });
});
