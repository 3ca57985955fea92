/**
 * Pages of open items as people ask for them: a group's (`/列表`, with its filters) and a
 * person's own across every chat (`/我的`). Each reads the ZSET indexes `ItemRepository` keeps
 * (scored by deadline, so every page is nearest deadline first) and fetches only the page's
 * items, except the unit filter, which reads the group's items a page at a time.
 */
import type { Item } from '../domain/item.ts';
import type { ItemRepository } from './itemRepository.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export type ListFilter =
  | { kind: 'all' }
  /** Owned or led by this person. */
  | { kind: 'mine'; openId: string }
  | { kind: 'overdue' }
  | { kind: 'owner'; openId: string; name: string }
  | { kind: 'unit'; unit: string };

export interface ListPage {
  items: Item[];
  /** How many match in all. */
  total: number;
}

const SCAN_PAGE = 500;

export class OpenItemLists {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly items: ItemRepository,
  ) {}

  private async page(
    tenant: string,
    nos: readonly string[],
    offset: number,
    size: number,
  ): Promise<ListPage> {
    return {
      items: await this.items.getMany(tenant, nos.slice(offset, offset + size).map(Number)),
      total: nos.length,
    };
  }

  /** Numbers in several indexes' union, intersected with `within`, by deadline. */
  private async inChatOf(tenant: string, chatId: string, personKeys: string[]): Promise<string[]> {
    const chat = this.keys.chatOpen(tenant, chatId);
    const scored = new Map<string, number>();
    for (const key of personKeys) {
      const rows = (await this.redis.call(
        'ZINTER',
        2,
        chat,
        key,
        'WEIGHTS',
        1,
        0,
        'WITHSCORES',
      )) as unknown[];
      // RESP3 answers [member, score] pairs; RESP2 a flat member, score, member, score list.
      if (Array.isArray(rows[0]))
        for (const [no, score] of rows as [string, number][]) scored.set(String(no), Number(score));
      else for (let i = 0; i + 1 < rows.length; i += 2) scored.set(String(rows[i]), Number(rows[i + 1]));
    }
    return [...scored].sort((a, b) => a[1] - b[1] || Number(a[0]) - Number(b[0])).map(([no]) => no);
  }

  /** Page `page` (from 1) of a group's open items that match `filter`. */
  async chatPage(
    tenant: string,
    chatId: string,
    filter: ListFilter,
    page: number,
    size: number,
    now: number,
  ): Promise<ListPage> {
    const offset = (page - 1) * size;
    const chat = this.keys.chatOpen(tenant, chatId);
    switch (filter.kind) {
      case 'all': {
        const [nos, total] = await Promise.all([
          this.redis.zrange(chat, String(offset), String(offset + size - 1)),
          this.redis.zcard(chat),
        ]);
        return { items: await this.items.getMany(tenant, nos.map(Number)), total };
      }
      case 'overdue': {
        const [nos, total] = await Promise.all([
          this.redis.zrangebyscore(chat, '-inf', now, 'LIMIT', offset, size),
          this.redis.zcount(chat, '-inf', now),
        ]);
        return { items: await this.items.getMany(tenant, nos.map(Number)), total };
      }
      case 'mine':
        return this.page(
          tenant,
          await this.inChatOf(tenant, chatId, [
            this.keys.ownerOpen(tenant, filter.openId),
            this.keys.leadOpen(tenant, filter.openId),
          ]),
          offset,
          size,
        );
      case 'owner':
        return this.page(
          tenant,
          await this.inChatOf(tenant, chatId, [this.keys.ownerOpen(tenant, filter.openId)]),
          offset,
          size,
        );
      case 'unit': {
        const all = await this.redis.zrange(chat, '0', '-1');
        const matching: Item[] = [];
        for (let i = 0; i < all.length; i += SCAN_PAGE) {
          const items = await this.items.getMany(tenant, all.slice(i, i + SCAN_PAGE).map(Number));
          matching.push(...items.filter((item) => item.unit === filter.unit));
        }
        return { items: matching.slice(offset, offset + size), total: matching.length };
      }
    }
  }

  /** A person's open items in every chat of the tenant: those they own, and those they lead. */
  async personItems(
    tenant: string,
    openId: string,
    limit: number,
  ): Promise<{ owned: ListPage; led: ListPage }> {
    const read = async (key: string): Promise<ListPage> => {
      const [nos, total] = await Promise.all([
        this.redis.zrange(key, '0', String(limit - 1)),
        this.redis.zcard(key),
      ]);
      return { items: await this.items.getMany(tenant, nos.map(Number)), total };
    };
    const [owned, led] = await Promise.all([
      read(this.keys.ownerOpen(tenant, openId)),
      read(this.keys.leadOpen(tenant, openId)),
    ]);
    return { owned, led };
  }
}
