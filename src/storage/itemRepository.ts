/**
 * Items in Redis: one JSON value per item, ZSET indexes of open items (per chat, per owner,
 * per lead leader, per tenant) scored by deadline, a figure row per item for the statistics
 * (`figureRows.ts` reads them), and an audit stream per tenant. Every write goes through the
 * scripts in `itemScripts.ts`, so it is atomic.
 */
import { figureRowOf } from '../domain/figures.ts';
import { type Item, isClosed, type NewItem } from '../domain/item.ts';
import { AUDIT_MAXLEN } from './audit.ts';
import { CREATE_ITEM, UPDATE_ITEM } from './itemScripts.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export interface ChangeMeta {
  actor: string;
  action: string;
  at: number;
  detail?: string;
}

export interface AuditEntry {
  id: string;
  no: number;
  action: string;
  actor: string;
  at: number;
  detail: string;
}

/** A chat message that made an item is remembered this long, covering any inbound retry. */
const IDEMPOTENCY_TTL_S = 7 * 24 * 3600;

/** Writers of one item take turns; each round lets at least one through. */
const MAX_UPDATE_ATTEMPTS = 50;

type IndexOp = ['add' | 'rem', number, string];

/**
 * An item as stored. Text is normalised on entry (`src/domain/text.ts`), but a string that
 * slipped through with a lone surrogate would become a `\ud800` escape that Redis's cjson
 * cannot decode; writing every string well-formed keeps the scripts able to read every item.
 */
function wellFormedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.toWellFormed() : v));
}

const itemJson = (item: Item): string => wellFormedJson(item);

/** The item's figure row as stored beside it (the same care), without its number: the hash field holds it. */
export function figureRowJson(item: Item): string {
  const { no: _no, ...row } = figureRowOf(item);
  return wellFormedJson(row);
}

export class ItemConflictError extends Error {
  constructor(tenant: string, no: number) {
    super(`item ${tenant}#${no} kept changing under us; gave up after several tries`);
  }
}

export class ItemRepository {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** Told of a stored item that cannot be read (skipped by batch reads). */
    private readonly onUnreadable: (bad: { tenant: string; no: number; err: unknown }) => void = () => {},
  ) {}

  /** The index keys an item belongs to while it is open, each with its score. */
  private indexesOf(
    item: Pick<Item, 'tenant' | 'chatId' | 'owners' | 'lead' | 'status' | 'due'>,
  ): Map<string, number> {
    const m = new Map<string, number>();
    if (isClosed(item)) return m;
    m.set(this.keys.chatOpen(item.tenant, item.chatId), item.due);
    m.set(this.keys.tenantOpen(item.tenant), item.due);
    for (const o of item.owners) m.set(this.keys.ownerOpen(item.tenant, o.openId), item.due);
    if (item.lead) m.set(this.keys.leadOpen(item.tenant, item.lead.openId), item.due);
    return m;
  }

  /**
   * Creates an item with the tenant's next number. With an idempotency key (the chat message
   * id), a retried command returns the item it made the first time instead of a second one.
   */
  async create(
    input: NewItem,
    meta: ChangeMeta & { idempotencyKey?: string },
  ): Promise<{ item: Item; created: boolean }> {
    const item: Item = {
      no: -1,
      ...input,
      status: 'open',
      createdAt: meta.at,
      updatedAt: meta.at,
      planVersion: 1,
      rev: 1,
    };
    const json = itemJson(item);
    const indexes = [...this.indexesOf(item)];
    const idemKey = this.keys.idempotency(input.tenant, meta.idempotencyKey ?? 'none');
    const keys = [
      this.keys.itemPrefix(input.tenant),
      this.keys.audit(input.tenant),
      idemKey,
      this.keys.seq(input.tenant),
      this.keys.figures(input.tenant),
      this.keys.figuresVersion(input.tenant),
      this.keys.figuresLog(input.tenant),
      ...indexes.map(([k]) => k),
    ];
    const args = [
      json,
      meta.idempotencyKey ? IDEMPOTENCY_TTL_S : 0,
      AUDIT_MAXLEN,
      meta.action,
      meta.actor,
      meta.at,
      meta.detail ?? '',
      figureRowJson(item),
      ...indexes.flatMap(([, score]) => ['add', score, '#']),
    ];
    // Before the item, so that no item exists whose tenant reconciliation and digests miss; a
    // tenant listed without items (the script then failed) costs them nothing.
    await this.redis.sadd(this.keys.tenants(), input.tenant);
    const [no, created] = (await this.redis.eval(CREATE_ITEM, keys.length, ...keys, ...args)) as [
      number,
      number,
    ];
    const stored = await this.get(input.tenant, no);
    if (!stored) throw new Error(`item ${input.tenant}#${no} vanished right after it was created`);
    return { item: stored, created: created === 1 };
  }

  async get(tenant: string, no: number): Promise<Item | undefined> {
    const json = await this.redis.get(this.keys.item(tenant, no));
    return json ? (JSON.parse(json) as Item) : undefined;
  }

  /**
   * The items that exist, in order. One that cannot be read is left out and reported through
   * `onUnreadable`, so a list, a digest or a reconciliation goes on without it.
   */
  async getMany(tenant: string, nos: readonly number[]): Promise<Item[]> {
    if (nos.length === 0) return [];
    const values = await this.redis.mget(...nos.map((n) => this.keys.item(tenant, n)));
    const items: Item[] = [];
    values.forEach((v, i) => {
      if (v === null) return;
      try {
        items.push(JSON.parse(v) as Item);
      } catch (err) {
        this.onUnreadable({ tenant, no: nos[i]!, err });
      }
    });
    return items;
  }

  /**
   * Applies `change` to the current item and writes it if nobody changed the item meanwhile
   * (re-reading and retrying when they did). `change` may throw a `UserError` to refuse, or
   * return the item it was given to leave it untouched (nothing is written or audited).
   * Returns undefined when the item does not exist.
   */
  async update(
    tenant: string,
    no: number,
    change: (current: Item) => Item,
    meta: ChangeMeta,
  ): Promise<{ before: Item; after: Item } | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      // Back off a little, with jitter, so concurrent writers of one item take turns.
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt)));
      const before = await this.get(tenant, no);
      if (!before) return undefined;
      const changed = change(before);
      if (changed === before) return { before, after: before };
      const after: Item = { ...changed, rev: before.rev + 1, updatedAt: meta.at };
      const oldIdx = this.indexesOf(before);
      const newIdx = this.indexesOf(after);
      const ops: Array<[string, IndexOp]> = [];
      for (const k of oldIdx.keys()) if (!newIdx.has(k)) ops.push([k, ['rem', 0, String(no)]]);
      for (const [k, score] of newIdx) ops.push([k, ['add', score, String(no)]]);
      const keys = [
        this.keys.item(tenant, no),
        this.keys.audit(tenant),
        this.keys.figures(tenant),
        this.keys.figuresVersion(tenant),
        this.keys.figuresLog(tenant),
        ...ops.map(([k]) => k),
      ];
      const args = [
        before.rev,
        itemJson(after),
        AUDIT_MAXLEN,
        no,
        meta.action,
        meta.actor,
        meta.at,
        meta.detail ?? '',
        figureRowJson(after),
      ];
      const res = (await this.redis.eval(
        UPDATE_ITEM,
        keys.length,
        ...keys,
        ...args,
        ...ops.flatMap(([, op]) => op),
      )) as number;
      if (res === 1) return { before, after };
      if (res === -1) return undefined;
    }
    throw new ItemConflictError(tenant, no);
  }

  private async listIndex(
    key: string,
    tenant: string,
    limit: number,
  ): Promise<{ items: Item[]; total: number }> {
    const [nos, total] = await Promise.all([
      this.redis.zrange(key, '0', String(limit - 1)),
      this.redis.zcard(key),
    ]);
    return { items: await this.getMany(tenant, nos.map(Number)), total };
  }

  /** Open items of a chat, nearest deadline first. */
  listOpenInChat(tenant: string, chatId: string, limit = 50) {
    return this.listIndex(this.keys.chatOpen(tenant, chatId), tenant, limit);
  }

  listOpenForOwner(tenant: string, openId: string, limit = 50) {
    return this.listIndex(this.keys.ownerOpen(tenant, openId), tenant, limit);
  }

  async history(tenant: string, no: number, scanLimit = 5000): Promise<AuditEntry[]> {
    const rows = (await this.redis.xrevrange(this.keys.audit(tenant), '+', '-', 'COUNT', scanLimit)) as Array<
      [string, string[]]
    >;
    const out: AuditEntry[] = [];
    for (const [id, fields] of rows) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      if (Number(f.no) !== no) continue;
      out.push({
        id,
        no,
        action: f.action ?? '',
        actor: f.actor ?? '',
        at: Number(f.at),
        detail: f.detail ?? '',
      });
    }
    return out.reverse();
  }
}
