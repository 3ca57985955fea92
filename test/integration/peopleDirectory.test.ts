/**
 * The people directory as it runs: the Redis cache on a real Redis, Lark's contact API through
 * the official SDK against the fake platform. Names are looked up in one batch, kept, refreshed
 * when stale or when seen, and a failure anywhere falls back to the best name known — never an
 * error, never an open_id.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookUp } from '../../src/bot/people/naming.ts';
import { createLarkClient } from '../../src/lark/client.ts';
import { LarkContacts } from '../../src/lark/larkContacts.ts';
import { LarkTokenCache } from '../../src/lark/tokenCache.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeys } from '../../src/storage/keys.ts';
import { CachedPeopleDirectory, FRESH_MS, RETRY_MS } from '../../src/storage/peopleDirectory.ts';
import { ManualClock } from '../support/clock.ts';
import { type FakeLark, startFakeLark } from '../support/fakeLark.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('people');
const keys = createKeys(prefix);
const TENANT = 't-people';
const SUN = 'ou_sun_000000000000000000000000001';
const QIAN = 'ou_qian_00000000000000000000000001';
const GHOST = 'ou_ghost_0000000000000000000000001';

let redis: Redis;
let fake: FakeLark;
let contacts: LarkContacts;

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  fake = await startFakeLark({ users: [{ openId: SUN, name: '孙科长' }] });
  const tokens = new LarkTokenCache();
  contacts = new LarkContacts(
    createLarkClient({
      appId: fake.appId,
      appSecret: fake.appSecret,
      domain: fake.url,
      logger: silentLogger,
      cache: tokens,
    }),
    tokens,
  );
});
afterEach(async () => {
  fake.setFault(undefined);
  await deleteByPrefix(redis, prefix);
});
afterAll(async () => {
  await fake.close();
  await redis.quit();
});

function directory(clock: ManualClock, waitMs?: number) {
  return new CachedPeopleDirectory({
    redis,
    keys,
    clock,
    logger: silentLogger,
    lookup: contacts,
    ...(waitMs !== undefined ? { waitMs } : {}),
  });
}

/** How many times the contact API was asked about `openId`. */
const asked = (openId: string) =>
  fake.requests.filter((r) => r.path === `/open-apis/contact/v3/users/${openId}`).length;

describe('the people directory', () => {
  it('asks Lark once for someone it never saw, then answers from Redis', async () => {
    const people = directory(new ManualClock('2026-11-26T10:00:00+08:00'));
    const before = asked(SUN);
    expect(await people.namesOf(TENANT, [SUN])).toEqual(new Map([[SUN, '孙科长']]));
    expect(await people.namesOf(TENANT, [SUN, SUN])).toEqual(new Map([[SUN, '孙科长']]));
    expect(asked(SUN) - before).toBe(1);
  });

  it('looks up a list of fifteen people in one Redis read', async () => {
    const clock = new ManualClock('2026-11-26T10:00:00+08:00');
    const people = directory(clock);
    const fifteen = Array.from({ length: 15 }, (_, i) => ({
      openId: `ou_list_${String(i).padStart(26, '0')}`,
      name: `成员${i}`,
    }));
    await people.saw(TENANT, fifteen);
    const monitor = await redis.monitor();
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args.some((a) => a.startsWith(`${prefix}:`))) commands.push(args);
    });
    // Markers read before and after the lookup, on the directory's own connection (so in order
    // with it): what the monitor saw between them is the lookup. The start marker is read until
    // the monitor sees it, which also says the monitor is on.
    const seen = (marker: string) => commands.some((c) => c.includes(marker));
    const mark = async (marker: string) => {
      await redis.get(marker);
      await vi.waitFor(
        async () => {
          if (!seen(marker)) await redis.get(marker);
          expect(seen(marker)).toBe(true);
        },
        { timeout: 5000, interval: 20 },
      );
    };
    const startMarker = `${prefix}:marker-start`;
    const endMarker = `${prefix}:marker-end`;
    await mark(startMarker);
    const names = await people.namesOf(
      TENANT,
      fifteen.map((p) => p.openId),
    );
    await mark(endMarker);
    await monitor.disconnect();
    const lookup = commands.slice(
      commands.findLastIndex((c) => c.includes(startMarker)) + 1,
      commands.findIndex((c) => c.includes(endMarker)),
    );
    expect([...names.values()]).toEqual(fifteen.map((p) => p.name));
    expect(lookup.map((c) => c[0]?.toLowerCase())).toEqual(['mget']);
  });

  it('takes the name a mention carries at once, over the one it had', async () => {
    const people = directory(new ManualClock('2026-11-26T10:00:00+08:00'));
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙科长');
    await people.saw(TENANT, [{ openId: SUN, name: '孙处长' }]);
    const before = asked(SUN);
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙处长');
    expect(asked(SUN)).toBe(before);
  });

  it('asks again once a name has aged, and shows the new one', async () => {
    const clock = new ManualClock('2026-11-26T10:00:00+08:00');
    const people = directory(clock);
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙科长');
    fake.addUser({ openId: SUN, name: '孙局长' });
    clock.advance(FRESH_MS - 60_000);
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙科长');
    clock.advance(120_000);
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙局长');
    fake.addUser({ openId: SUN, name: '孙科长' });
  });

  it('shows the name it had while Lark fails, and asks again only after a while', async () => {
    const clock = new ManualClock('2026-11-26T10:00:00+08:00');
    const people = directory(clock);
    await people.saw(TENANT, [{ openId: QIAN, name: '钱干事' }]);
    clock.advance(FRESH_MS + 1);
    fake.setFault((r) => (r.path.includes('/contact/') ? { status: 500 } : undefined));
    const before = asked(QIAN);
    expect((await people.namesOf(TENANT, [QIAN])).get(QIAN)).toBe('钱干事');
    expect(asked(QIAN) - before).toBe(1);
    // Not asked again on every list drawn while Lark is down…
    expect((await people.namesOf(TENANT, [QIAN])).get(QIAN)).toBe('钱干事');
    expect(asked(QIAN) - before).toBe(1);
    // …but after the retry interval.
    clock.advance(RETRY_MS + 1);
    expect((await people.namesOf(TENANT, [QIAN])).get(QIAN)).toBe('钱干事');
    expect(asked(QIAN) - before).toBe(2);
  });

  it('answers without a name for someone Lark will not name, and does not keep asking', async () => {
    const clock = new ManualClock('2026-11-26T10:00:00+08:00');
    const people = directory(clock);
    const before = asked(GHOST);
    expect(await people.namesOf(TENANT, [GHOST])).toEqual(new Map());
    // Lark said it has no name for them: that holds as long as a name would, not a retry interval.
    clock.advance(RETRY_MS + 1);
    expect(await people.namesOf(TENANT, [GHOST])).toEqual(new Map());
    expect(asked(GHOST) - before).toBe(1);
    // The caller shows the name on record, or the neutral word: never the open_id.
    const names = await lookUp(people, TENANT, [GHOST]);
    expect(names.person({ openId: GHOST, name: '' }).name).toBe('');
    expect(names.person({ openId: GHOST, name: '周某' }).name).toBe('周某');
  });

  it('does not wait for a slow Lark: the answer comes later and is kept for the next lookup', async () => {
    const clock = new ManualClock('2026-11-26T10:00:00+08:00');
    const people = directory(clock, 50);
    fake.setFault((r) =>
      r.path.endsWith(SUN)
        ? {
            status: 200,
            delayMs: 600,
            body: { code: 0, msg: 'success', data: { user: { open_id: SUN, name: '孙科长' } } },
          }
        : undefined,
    );
    expect(await people.namesOf(TENANT, [SUN])).toEqual(new Map());
    fake.setFault(undefined);
    await vi.waitFor(async () => expect(await redis.exists(keys.person(TENANT, SUN))).toBe(1), {
      timeout: 5000,
    });
    const before = asked(SUN);
    expect((await people.namesOf(TENANT, [SUN])).get(SUN)).toBe('孙科长');
    expect(asked(SUN)).toBe(before);
  });

  it('never throws: with Redis unreachable it names nobody and the callers fall back', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const people = new CachedPeopleDirectory({
      redis: down,
      keys,
      clock: new ManualClock('2026-11-26T10:00:00+08:00'),
      logger: silentLogger,
      lookup: contacts,
    });
    await expect(people.saw(TENANT, [{ openId: SUN, name: '孙科长' }])).resolves.toBeUndefined();
    expect(await people.namesOf(TENANT, [SUN])).toEqual(new Map());
    down.disconnect();
  });

  it('keeps a tenant to itself and ignores what is not an open_id', async () => {
    const people = directory(new ManualClock('2026-11-26T10:00:00+08:00'));
    await people.saw('t-other', [{ openId: QIAN, name: '别处的钱' }]);
    await people.saw(TENANT, [
      { openId: QIAN, name: '  钱\n干事  ' },
      { openId: 'not an id', name: 'x' },
    ]);
    expect((await people.namesOf(TENANT, [QIAN, 'not an id'])).get(QIAN)).toBe('钱 干事');
    expect((await people.namesOf('t-other', [QIAN])).get(QIAN)).toBe('别处的钱');
  });
});
