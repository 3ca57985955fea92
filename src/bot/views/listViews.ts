/**
 * The list cards as they should look now: a page of a group's open items (`/列表` and its
 * filters, and its 上一页 / 下一页 buttons), and a person's own open items across chats (`/我的`),
 * each line with its light from the tenant's calendar and the clock, and its owners by their
 * current names (one directory lookup for the page).
 */
import type { Item } from '../../domain/item.ts';
import { lightOf } from '../../domain/light.ts';
import type { Card } from '../../lark/cards/elements.ts';
import { listCard } from '../../lark/cards/listCard.ts';
import type { ListFilter } from '../../storage/openItemLists.ts';
import { filterCode, type ListRequest } from '../args/listArgs.ts';
import type { BotDeps } from '../deps.ts';
import { namedItems } from '../people/naming.ts';

/** Items per page: a screen on a phone. */
export const PAGE_SIZE = 15;
/** `/我的` shows this many of each kind; the group lists have the rest. */
export const PERSONAL_LIMIT = 30;

type Deps = Pick<BotDeps, 'lists' | 'calendars' | 'clock' | 'time' | 'people'>;

function titleOf(filter: ListFilter, total: number): string {
  switch (filter.kind) {
    case 'all':
      return `📋 本群未办结事项（${total} 项）`;
    case 'mine':
      return `📋 本群我负责或牵头的事项（${total} 项）`;
    case 'overdue':
      return `🔴 本群已逾期事项（${total} 项）`;
    case 'owner':
      return `📋 本群 ${filter.name || '此人'} 负责的事项（${total} 项）`;
    case 'unit':
      return `📋 本群 ${filter.unit} 的事项（${total} 项）`;
  }
}

const EMPTY: Record<ListFilter['kind'], string> = {
  all: '本群目前没有未办结的事项。用 /任务 登记一件吧。',
  mine: '本群没有你负责或牵头的未办结事项。',
  overdue: '本群没有逾期未办结的事项。',
  owner: '此人在本群没有未办结的事项。',
  unit: '这个单位在本群没有未办结的事项。',
};

async function lightFor(deps: Deps, tenant: string) {
  const calendar = await deps.calendars.calendarFor(tenant);
  const now = deps.clock.now();
  return (item: Item) => lightOf(item, now, calendar);
}

export async function chatListCard(
  deps: Deps,
  tenant: string,
  chatId: string,
  request: ListRequest,
  /** Asked in a private chat with the bot: its list is of the work assigned there. */
  options: { privateChat?: boolean } = {},
): Promise<Card> {
  const now = deps.clock.now();
  const found = await deps.lists.chatPage(tenant, chatId, request.filter, request.page, PAGE_SIZE, now);
  const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
  const beyond = found.total > 0 && request.page > pages;
  const here = (words: string) => (options.privateChat ? words.replaceAll('本群', '本私聊中交办的') : words);
  return listCard({
    title: here(titleOf(request.filter, found.total)),
    sections: [{ items: await namedItems(deps.people, tenant, found.items), total: found.total }],
    light: await lightFor(deps, tenant),
    timezone: deps.time.timezone,
    empty: beyond
      ? `没有第 ${request.page} 页：共 ${pages} 页，发送 /列表 查看第 1 页。`
      : options.privateChat
        ? '在这个私聊中交办的未办结事项：没有。你负责或牵头的全部事项，请发送 /我的。'
        : EMPTY[request.filter.kind],
    paging: { page: request.page, pages, filter: filterCode(request.filter) },
    footnote: '筛选：/列表 我的　/列表 逾期　/列表 @某人　/列表 单位 名称',
  });
}

export async function personalListCard(deps: Deps, tenant: string, openId: string): Promise<Card> {
  const { owned, led } = await deps.lists.personItems(tenant, openId, PERSONAL_LIMIT);
  // One lookup for both sections.
  const named = await namedItems(deps.people, tenant, [...owned.items, ...led.items]);
  const ownedNamed = named.slice(0, owned.items.length);
  const ledNamed = named.slice(owned.items.length);
  return listCard({
    title: `📋 我的未办结事项（负责 ${owned.total} 项，牵头 ${led.total} 项）`,
    sections: [
      { heading: '我负责的', items: ownedNamed, total: owned.total },
      { heading: '我牵头的', items: ledNamed, total: led.total },
    ],
    light: await lightFor(deps, tenant),
    timezone: deps.time.timezone,
    empty: '你目前没有未办结的事项。',
    footnote: '在各群发送 /列表 我的 可看该群的全部；发送 /查询 #编号 看一件事的详情。',
  });
}
