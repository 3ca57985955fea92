/**
 * The playground's people, kept in Redis so a rename survives a restart. Seeded on first read;
 * open_ids never change, so items and roles stay with the person whatever they are called.
 */
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import { PlaygroundRefusal } from './refusal.ts';
import { PLAYGROUND_BOT_NAME, type PlaygroundMember, type PlaygroundRole, SEED_MEMBERS } from './world.ts';

/** Names the input box already gives a meaning: the bot and @all. */
const RESERVED = [PLAYGROUND_BOT_NAME, '所有人'];

export const MAX_NAME_CHARS = 12;

export class PlaygroundMembers {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async all(): Promise<PlaygroundMember[]> {
    const key = this.keys.playgroundMembers();
    let stored = await this.redis.hgetall(key);
    const missing = SEED_MEMBERS.filter((m) => stored[m.openId] === undefined);
    if (missing.length > 0) {
      // HSETNX: two first requests racing both seed, and neither undoes a rename.
      await Promise.all(
        missing.map((m) => this.redis.hsetnx(key, m.openId, JSON.stringify({ name: m.name, role: m.role }))),
      );
      stored = await this.redis.hgetall(key);
    }
    // Seed order, so the list reads the same every time.
    return SEED_MEMBERS.map((seed) => {
      const raw = stored[seed.openId];
      const saved = raw ? (JSON.parse(raw) as { name: string; role: PlaygroundRole }) : seed;
      return { openId: seed.openId, name: saved.name, role: seed.role };
    });
  }

  async find(openId: string): Promise<PlaygroundMember | undefined> {
    return (await this.all()).find((m) => m.openId === openId);
  }

  /** Returns the cleaned name; throws `PlaygroundRefusal` with a reason people can act on. */
  async rename(openId: string, wanted: string): Promise<string> {
    const name = wanted.trim();
    const members = await this.all();
    const member = members.find((m) => m.openId === openId);
    if (!member) throw new PlaygroundRefusal('没有这个成员。');
    if (name.length === 0) throw new PlaygroundRefusal('名字不能为空。');
    if ([...name].length > MAX_NAME_CHARS) throw new PlaygroundRefusal(`名字最多 ${MAX_NAME_CHARS} 个字。`);
    // `@` and spaces would make `@名字` in the input box ambiguous.
    if (/[@＠\s<>]/u.test(name)) throw new PlaygroundRefusal('名字里不能有 @、空格或尖括号。');
    if (RESERVED.includes(name)) throw new PlaygroundRefusal(`“${name}”已被占用，请换一个名字。`);
    if (members.some((m) => m.openId !== openId && m.name === name))
      throw new PlaygroundRefusal(`已经有人叫“${name}”了。`);
    await this.redis.hset(this.keys.playgroundMembers(), openId, JSON.stringify({ name, role: member.role }));
    return name;
  }
}
