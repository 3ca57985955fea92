/**
 * The reminder engine's Redis bookkeeping on a real Redis: plan records written only for the
 * item's current plan version and never moved backwards by a retried job, per-minute batches
 * that take each line once and never change after they were sent, and the collector that sends
 * a batch as one card of the items as they are then.
 */
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendRequest } from '../../src/bot/delivery/messenger.ts';
import type { ReminderCardNote } from '../../src/bot/views/reminderCards.ts';
import { systemClock } from '../../src/clock.ts';
import { completeItem, type Item, type NewItem } from '../../src/domain/item.ts';
import { silentLogger } from '../../src/logger.ts';
import { ReminderBatcher } from '../../src/scheduling/batcher.ts';
import { ItemRepository } from '../../src/storage/itemRepository.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory } from '../../src/storage/peopleDirectory.ts';
import { PlanRecords } from '../../src/storage/planRecords.ts';
import { ReminderBatches } from '../../src/storage/reminderBatches.ts';
import { SettingsStore } from '../../src/storage/settingsStore.ts';
import { cardText } from '../support/cardText.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('remind');
const keys = createKeys(prefix);
const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const DAY = 86_400_000;
let redis: Redis;
let items: ItemRepository;
let records: PlanRecords;
let batches: ReminderBatches;

beforeAll(() => {
  redis = new Redis(testRedisUrl());
  items = new ItemRepository(redis, keys);
  records = new PlanRecords(redis, keys);
  batches = new ReminderBatches(redis, keys);
});
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const newItem: NewItem = {
  tenant: 't1',
  kind: 'task',
  chatId: 'oc_1',
  title: '起草年度工作总结',
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  creator: { openId: 'ou_creator', name: '' },
  due: T0 + 5 * DAY,
  allDay: true,
};
const meta = { actor: 'ou_creator', action: 'create', at: T0 };

describe('plan records', () => {
  it('records the plan of the current version only, and forgets a closed item', async () => {
    const { item } = await items.create(newItem, meta);
    const next = { fireAt: T0 + DAY, kinds: ['unacknowledged' as const] };
    expect((await records.commit('t1', item.no, { planVersion: 1, next }, { mode: 'replace' })).status).toBe(
      'ok',
    );
    // A plan computed from version 2 while the item is still at version 1 is not recorded.
    const stale = await records.commit('t1', item.no, { planVersion: 2 }, { mode: 'replace' });
    expect(stale).toEqual({ status: 'stale', previous: { planVersion: 1, next } });
    await items.update('t1', item.no, (i) => completeItem(i, '已报送', T0), { ...meta, action: 'complete' });
    const closed = await records.commit('t1', item.no, { planVersion: 2 }, { mode: 'replace' });
    expect(closed.status).toBe('closed');
    expect(await records.getMany('t1', [item.no])).toEqual([undefined]);
  });

  it('never moves a plan back when a job that already advanced it runs again', async () => {
    const { item } = await items.create(newItem, meta);
    const at = (days: number) => ({ fireAt: T0 + days * DAY, kinds: ['approach' as const] });
    await records.commit('t1', item.no, { planVersion: 1, next: at(1) }, { mode: 'replace' });
    // The job of day 1 advances to day 2, then day 2's job to day 3.
    const first = await records.commit(
      't1',
      item.no,
      { planVersion: 1, next: at(2) },
      { mode: 'advance', firedAt: T0 + DAY },
    );
    expect(first.status).toBe('ok');
    await records.commit(
      't1',
      item.no,
      { planVersion: 1, next: at(3) },
      { mode: 'advance', firedAt: T0 + 2 * DAY },
    );
    // Day 1's job, retried, would schedule day 2 again: refused.
    const retried = await records.commit(
      't1',
      item.no,
      { planVersion: 1, next: at(2) },
      { mode: 'advance', firedAt: T0 + DAY },
    );
    expect(retried.status).toBe('behind');
    // Day 2's job, retried after it recorded day 3 but before it added the job: allowed again.
    const again = await records.commit(
      't1',
      item.no,
      { planVersion: 1, next: at(3) },
      { mode: 'advance', firedAt: T0 + 2 * DAY },
    );
    expect(again.status).toBe('ok');
  });
});

describe('reminder batches', () => {
  const line = (no: number) => ({
    kind: 'approach' as const,
    no,
    planVersion: 1,
    dueWords: '2026-12-01 18:00 周二',
    late: 0,
    audience: 'group' as const,
    urgent: false,
  });

  it('takes each line once, closes a part for good, and opens the next part for a straggler', async () => {
    const minute = Math.floor(T0 / 60_000);
    expect(await batches.add('t1', 'oc_1', minute, line(1))).toEqual({ part: 0, state: 'first' });
    expect(await batches.add('t1', 'oc_1', minute, line(2))).toEqual({ part: 0, state: 'added' });
    expect(await batches.add('t1', 'oc_1', minute, line(1))).toEqual({ part: 0, state: 'present' });

    const sent = await batches.close('t1', 'oc_1', minute, 0);
    expect(sent.map((l) => l.no).sort()).toEqual([1, 2]);
    // A retry of a job whose line went out adds nothing; a new line starts part 1.
    expect(await batches.add('t1', 'oc_1', minute, line(2))).toEqual({ part: 0, state: 'sent' });
    expect(await batches.add('t1', 'oc_1', minute, line(3))).toEqual({ part: 1, state: 'first' });
    // A retried collector of part 0 sends exactly what the first attempt saw.
    expect(await batches.close('t1', 'oc_1', minute, 0)).toEqual(sent);
    expect((await batches.close('t1', 'oc_1', minute, 1)).map((l) => l.no)).toEqual([3]);
  });
});

describe('the collector', () => {
  const sent: SendRequest[] = [];
  // The collector jobs are run by hand here: the queue only has to accept them.
  const queue = { add: async () => undefined } as unknown as Queue;
  const batcher = () =>
    new ReminderBatcher({
      queue,
      batches,
      items,
      messenger: { send: async (r) => void sent.push(r) },
      // No contact directory here: the items' own names are shown.
      people: new CachedPeopleDirectory({ redis, keys, clock: systemClock, logger: silentLogger }),
      timezone: 'Asia/Shanghai',
      settings: new SettingsStore(redis, keys, { workdayStart: '09:00', workdayEnd: '18:00' }),
      clock: systemClock,
      // Group items only here: no card goes before a reminder.
      cardsFirst: async () => [],
    });
  const audienceOf = (to: ReminderCardNote['to']) =>
    'chatId' in to ? ('group' as const) : ('leader' as const);
  const note = (item: Item, to: ReminderCardNote['to'], kind: 'approach' | 'escalate', urgent = false) => ({
    to,
    line: { kind, item, dueWords: '2026-12-01 18:00 周二', late: 2, audience: audienceOf(to) },
    urgent,
  });

  it('sends what still applies when the card goes out: an item finished meanwhile is left out', async () => {
    const a = (await items.create({ ...newItem, title: '甲事项' }, meta)).item;
    const b = (await items.create({ ...newItem, title: '乙事项' }, meta)).item;
    const minute = T0 + 3 * DAY;
    const to = { chatId: 'oc_collect_1' };
    await batcher().add('t1', note(a, to, 'approach'), minute);
    await batcher().add('t1', note(b, to, 'approach'), minute);
    // Finished in the second between its reminder and the collector.
    await items.update('t1', b.no, (i) => completeItem(i, '已办', T0), { ...meta, action: 'complete' });
    sent.length = 0;
    const data = { tenant: 't1', to, minute: Math.floor(minute / 60_000), part: 0 };
    expect(await batcher().collect(data)).toBe(1);
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]!.message.type === 'card' ? sent[0]!.message.card : undefined);
    expect(text).toContain(`🟡 临近提醒 #${a.no} 甲事项`);
    expect(text).not.toContain('乙事项');
    // One item left in a group's card: it carries that item's buttons and is redrawn with it.
    expect(sent[0]).toMatchObject({ showsItem: { no: a.no, view: 'item', to }, to });
    expect(sent[0]!.urgentFor).toBeUndefined();

    // Nothing left at all: nothing is sent.
    await items.update('t1', a.no, (i) => completeItem(i, '已办', T0), { ...meta, action: 'complete' });
    await batcher().add('t1', note(a, to, 'approach'), minute + 60_000);
    sent.length = 0;
    expect(await batcher().collect({ ...data, minute: data.minute + 1 })).toBe(0);
    expect(sent).toEqual([]);
  });

  it('makes a card urgent for the person it goes to when it carries an urgent escalation', async () => {
    const item = (await items.create({ ...newItem, title: '丙事项' }, meta)).item;
    const to = { openId: 'ou_principal' };
    const minute = T0 + 4 * DAY;
    await batcher().add('t1', note(item, to, 'escalate', true), minute);
    sent.length = 0;
    await batcher().collect({ tenant: 't1', to, minute: Math.floor(minute / 60_000), part: 0 });
    expect(sent[0]).toMatchObject({ to, urgentFor: ['ou_principal'] });
    expect(sent[0]!.showsItem).toBeUndefined();
    const card = sent[0]!.message.type === 'card' ? sent[0]!.message.card : undefined;
    expect(cardText(card)).toContain(`【加急】⚠️ 逾期上报 #${item.no} 丙事项`);
  });
});
