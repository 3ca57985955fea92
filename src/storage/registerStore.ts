/**
 * The notice's registers (`src/domain/registers.ts`), per tenant and kind: one HASH, entry
 * number → JSON, numbered from a counter per kind (`会议#3`, `发文#12`), every addition and change
 * audited, and each year's baseline (last year's total, `/设置 会议基数 120`) in one HASH; so are
 * the days a year's plans are reviewed on when an admin moves them (`/计划 检查日`).
 *
 * Guarantees: a command retried by Lark records its entry once (the command's message id is an
 * idempotency key, kept a week, checked and set in the same script as the write); an entry that
 * no longer reads is skipped and reported, never thrown on.
 */
import type { RegisterEntry, RegisterKind } from '../domain/registers.ts';
import { AUDIT_MAXLEN, auditFields } from './audit.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const IDEMPOTENCY_TTL_S = 7 * 24 * 3600;

/**
 * KEYS: 1 idempotency key, 2 sequence, 3 entries HASH, 4 audit stream
 * ARGV: 1 entry JSON starting with {"no":-1,  2 ttl  3 audit maxlen  4 action  5 actor  6 at  7 detail
 * Returns { no, created }.
 */
const ADD_ENTRY = `
local existing = redis.call('GET', KEYS[1])
if existing then return { tonumber(existing), 0 } end
local no = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], no, '{"no":' .. no .. string.sub(ARGV[1], 9))
redis.call('SET', KEYS[1], no, 'EX', ARGV[2])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*', 'action', ARGV[4], 'actor', ARGV[5], 'at', ARGV[6], 'detail', ARGV[7])
return { no, 1 }
`;

export type NewEntry<K extends RegisterKind> = Omit<Extract<RegisterEntry, { kind: K }>, 'no'>;

export class RegisterStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly onUnreadable: (bad: { tenant: string; kind: string; no: number }) => void = () => {},
  ) {}

  /** Records an entry once per command message; returns it with its number. */
  async add<K extends RegisterKind>(
    tenant: string,
    entry: NewEntry<K>,
    messageId: string,
    detail: string,
  ): Promise<{ entry: Extract<RegisterEntry, { kind: K }>; created: boolean }> {
    const kind = entry.kind;
    const json = JSON.stringify({ no: -1, ...entry });
    const [no, created] = (await this.redis.eval(
      ADD_ENTRY,
      4,
      this.keys.registerIdempotency(tenant, messageId),
      this.keys.registerSeq(tenant, kind),
      this.keys.register(tenant, kind),
      this.keys.audit(tenant),
      json,
      IDEMPOTENCY_TTL_S,
      AUDIT_MAXLEN,
      `register.${kind}`,
      entry.by,
      entry.createdAt,
      detail,
    )) as [number, number];
    const stored = await this.get(tenant, kind, no);
    return {
      entry: (stored ?? { ...entry, no }) as Extract<RegisterEntry, { kind: K }>,
      created: created === 1,
    };
  }

  async get<K extends RegisterKind>(
    tenant: string,
    kind: K,
    no: number,
  ): Promise<Extract<RegisterEntry, { kind: K }> | undefined> {
    const json = await this.redis.hget(this.keys.register(tenant, kind), String(no));
    return json
      ? (this.parse(tenant, kind, no, json) as Extract<RegisterEntry, { kind: K }> | undefined)
      : undefined;
  }

  /** Every entry of a kind, by number. */
  async all<K extends RegisterKind>(
    tenant: string,
    kind: K,
  ): Promise<Array<Extract<RegisterEntry, { kind: K }>>> {
    const raw = await this.redis.hgetall(this.keys.register(tenant, kind));
    return Object.entries(raw)
      .map(([no, json]) => this.parse(tenant, kind, Number(no), json))
      .filter((e): e is Extract<RegisterEntry, { kind: K }> => e !== undefined)
      .sort((a, b) => a.no - b.no);
  }

  /** Replaces an entry (a meeting's 纪要, its decisions), audited. */
  async put(
    tenant: string,
    entry: RegisterEntry,
    change: { actor: string; at: number; action: string; detail: string },
  ) {
    await this.redis
      .multi()
      .hset(this.keys.register(tenant, entry.kind), String(entry.no), JSON.stringify(entry))
      .xadd(this.keys.audit(tenant), 'MAXLEN', '~', AUDIT_MAXLEN, '*', ...auditFields(change))
      .exec();
  }

  /** Last year's totals (`/设置 会议基数`, `/设置 发文基数`), by kind. */
  async baselines(tenant: string): Promise<Partial<Record<RegisterKind, number>>> {
    const raw = await this.redis.hgetall(this.keys.registerBaselines(tenant));
    const out: Partial<Record<RegisterKind, number>> = {};
    for (const [k, v] of Object.entries(raw))
      if (Number.isSafeInteger(Number(v))) out[k as RegisterKind] = Number(v);
    return out;
  }

  async setBaseline(
    tenant: string,
    kind: RegisterKind,
    value: number,
    change: { actor: string; at: number },
  ) {
    const record = { ...change, action: 'register.baseline', detail: `${kind} ${value}` };
    await this.redis
      .multi()
      .hset(this.keys.registerBaselines(tenant), kind, String(value))
      .xadd(this.keys.audit(tenant), 'MAXLEN', '~', AUDIT_MAXLEN, '*', ...auditFields(record))
      .exec();
  }

  /** The days `year`'s plans are reviewed on, when an admin set them (`/计划 检查日`). */
  async reviewDays(tenant: string, year: number): Promise<string[] | undefined> {
    const raw = await this.redis.hget(this.keys.planReviewDays(tenant), String(year));
    if (!raw) return undefined;
    try {
      const days = JSON.parse(raw) as unknown;
      if (Array.isArray(days) && days.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)))
        return days as string[];
    } catch {
      // reported below
    }
    this.onUnreadable({ tenant, kind: 'plan-review-days', no: year });
    return undefined;
  }

  /** Moves `year`'s review days (`undefined`: back to the defaults), audited. */
  async setReviewDays(
    tenant: string,
    year: number,
    days: readonly string[] | undefined,
    change: { actor: string; at: number },
  ): Promise<void> {
    const record = {
      ...change,
      action: 'plan.review-days',
      detail: `${year} ${days ? days.join(',') : '默认'}`,
    };
    const key = this.keys.planReviewDays(tenant);
    const write = this.redis.multi();
    if (days) write.hset(key, String(year), JSON.stringify(days));
    else write.hdel(key, String(year));
    await write
      .xadd(this.keys.audit(tenant), 'MAXLEN', '~', AUDIT_MAXLEN, '*', ...auditFields(record))
      .exec();
  }

  private parse(tenant: string, kind: string, no: number, json: string): RegisterEntry | undefined {
    try {
      const e = JSON.parse(json) as RegisterEntry;
      if (e.kind === kind && e.no === no) return e;
    } catch {
      // reported below
    }
    this.onUnreadable({ tenant, kind, no });
    return undefined;
  }
}
