/**
 * The people directory of a Lark tenant: names from the contact API, cached in Redis per tenant
 * and person, so a list of fifteen lines costs one `MGET`, not fifteen calls to Lark.
 *
 * - A name is trusted for `freshMs` (by the bot's clock); after that the next lookup that needs
 *   it asks Lark again. Every mention, and `contact.user.updated_v3`, refreshes it at once
 *   (`saw`): a mention carries the name Lark shows now.
 * - Lark is asked only for the people the cache cannot name or holds stale, a few at a time, and
 *   a lookup waits at most `waitMs` for it: a command is answered with the best name known (the
 *   stale one, or the one the caller has on record), and the answer Lark gives later is kept for
 *   the next one. The same person asked for twice at once is one call.
 * - A failure never breaks a command: RedisClient unreadable → no names (callers fall back); Lark down
 *   or throttling → the name on record, and Lark asked again after `retryMs`; Lark has no name
 *   for someone (outside the app's contact range) → not asked again before `freshMs`.
 * - Entries expire from Redis `KEEP_SECONDS` after their last refresh, so people who left stop
 *   taking space.
 */
import type { ContactLookup, PeopleDirectory } from '../bot/people/directory.ts';
import { isOpenId } from '../bot/people/directory.ts';
import type { Clock } from '../clock.ts';
import type { Person } from '../domain/item.ts';
import { FIELDS } from '../domain/limits.ts';
import { normaliseText } from '../domain/text.ts';
import type { Logger } from '../logger.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export const FRESH_MS = 12 * 3600_000;
export const RETRY_MS = 5 * 60_000;
export const WAIT_MS = 1500;
/** A month after its last refresh, a name is forgotten. */
const KEEP_SECONDS = 30 * 24 * 3600;
/** Calls to Lark at once for one lookup, and at most this many people asked about per lookup. */
const CONCURRENCY = 8;
const MAX_ASKS = 100;

/** Stored per person: the name (possibly empty) and when to ask Lark again. */
interface Entry {
  n: string;
  c: number;
}

function parse(raw: string | null | undefined): Entry | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<Entry>;
    return typeof v.n === 'string' && typeof v.c === 'number' ? { n: v.n, c: v.c } : undefined;
  } catch {
    return undefined;
  }
}

/** A name as shown: normalised, on one line, and within the name limit. */
function cleanName(name: string): string {
  const one = normaliseText(name).replace(/\s+/g, ' ').trim();
  return [...one].slice(0, FIELDS.name.max).join('');
}

export interface CachedPeopleDirectoryOptions {
  redis: RedisClient;
  keys: Keys;
  clock: Clock;
  logger: Logger;
  /** The platform's directory; without one, only names seen in messages are known. */
  lookup?: ContactLookup;
  freshMs?: number;
  retryMs?: number;
  waitMs?: number;
}

export class CachedPeopleDirectory implements PeopleDirectory {
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private readonly freshMs: number;
  private readonly retryMs: number;
  private readonly waitMs: number;

  constructor(private readonly o: CachedPeopleDirectoryOptions) {
    this.freshMs = o.freshMs ?? FRESH_MS;
    this.retryMs = o.retryMs ?? RETRY_MS;
    this.waitMs = o.waitMs ?? WAIT_MS;
  }

  async namesOf(tenant: string, openIds: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(openIds)].filter(isOpenId);
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    let stored: (string | null)[];
    try {
      stored = await this.o.redis.mget(ids.map((id) => this.o.keys.person(tenant, id)));
    } catch (err) {
      this.o.logger.warn('people cache unreadable; names on record are shown', { tenant, err });
      return names;
    }
    const now = this.o.clock.now();
    const due: Array<{ id: string; known: string }> = [];
    ids.forEach((id, i) => {
      const entry = parse(stored[i]);
      if (entry?.n) names.set(id, entry.n);
      if (!entry || entry.c <= now) due.push({ id, known: entry?.n ?? '' });
    });
    if (due.length === 0 || !this.o.lookup) return names;
    const found = new Map<string, string>();
    await this.within(this.waitMs, this.askAll(tenant, due.slice(0, MAX_ASKS), found));
    // What Lark said in time; the rest is stored when it comes, for the next lookup.
    return new Map([...names, ...found]);
  }

  async saw(tenant: string, people: readonly Person[]): Promise<void> {
    const latest = new Map<string, string>();
    for (const p of people) {
      const name = cleanName(p.name);
      if (name && isOpenId(p.openId)) latest.set(p.openId, name);
    }
    if (latest.size === 0) return;
    const c = this.o.clock.now() + this.freshMs;
    const batch = this.o.redis.pipeline();
    for (const [openId, n] of latest) {
      batch.set(this.o.keys.person(tenant, openId), JSON.stringify({ n, c }), 'EX', KEEP_SECONDS);
    }
    try {
      await batch.exec();
    } catch (err) {
      this.o.logger.warn('names seen could not be kept', { tenant, err });
    }
  }

  private async within(ms: number, work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((ok) => {
      timer = setTimeout(ok, ms);
    });
    await Promise.race([work, late]);
    clearTimeout(timer);
  }

  /** Asks Lark about each, `CONCURRENCY` at a time, putting the names into `found` as they come. */
  private async askAll(
    tenant: string,
    due: ReadonlyArray<{ id: string; known: string }>,
    found: Map<string, string>,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const person = due[next++]!;
        const name = await this.askOne(tenant, person.id, person.known);
        if (name) found.set(person.id, name);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
  }

  private askOne(tenant: string, openId: string, known: string): Promise<string | undefined> {
    const key = `${tenant}\n${openId}`;
    let asking = this.inFlight.get(key);
    if (!asking) {
      asking = this.fetchAndKeep(tenant, openId, known).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, asking);
    }
    return asking;
  }

  /** Never rejects: every outcome is stored, with when to ask again. */
  private async fetchAndKeep(tenant: string, openId: string, known: string): Promise<string | undefined> {
    let name: string | undefined;
    let askAgainIn = this.freshMs;
    try {
      const answer = await this.o.lookup!.nameOf(openId);
      name = answer ? cleanName(answer) || undefined : undefined;
    } catch (err) {
      askAgainIn = this.retryMs;
      this.o.logger.warn('contact lookup failed; the name on record is shown', { tenant, openId, err });
    }
    const entry: Entry = { n: name ?? known, c: this.o.clock.now() + askAgainIn };
    try {
      await this.o.redis.set(this.o.keys.person(tenant, openId), JSON.stringify(entry), 'EX', KEEP_SECONDS);
    } catch (err) {
      this.o.logger.warn('a name looked up could not be kept', { tenant, err });
    }
    return name;
  }
}
