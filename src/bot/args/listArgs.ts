/**
 * `/列表 [页码] [我的 | 逾期 | @某人 | 单位 <名称>]` → which page of which list. The page is a
 * bare number (`/列表 2`, `第2页`); at most one filter. A list button carries the same request
 * as a short code (`ListPageValue.f`), read back by `filterFromCode`.
 */
import { exceeds, FIELDS, tooLongText } from '../../domain/limits.ts';
import { UserError } from '../../errors.ts';
import type { ListFilter } from '../../storage/openItemLists.ts';
import type { MentionedPerson } from '../dispatch/context.ts';

export const LIST_USAGE = '/列表 [页码] [我的|逾期|@某人|单位 名称]，例如：/列表 2、/列表 逾期、/列表 @张三';

export interface ListRequest {
  page: number;
  filter: ListFilter;
}

const MAX_PAGE = 10_000;

export function readListArgs(
  args: string,
  mentions: ReadonlyMap<string, MentionedPerson>,
  sender: string,
): ListRequest {
  let rest = args.trim();
  let page = 1;
  const pageMatch = /(?:^|\s)(?:第\s*)?(\d{1,6})\s*页?(?=\s|$)/u.exec(rest);
  if (pageMatch) {
    page = Number(pageMatch[1]);
    if (page < 1 || page > MAX_PAGE) throw new UserError(`没有第 ${pageMatch[1]} 页。`, LIST_USAGE);
    rest = `${rest.slice(0, pageMatch.index)} ${rest.slice(pageMatch.index + pageMatch[0].length)}`.trim();
  }
  if (!rest) return { page, filter: { kind: 'all' } };
  if (/^(?:我的|我负责的|mine)$/iu.test(rest)) return { page, filter: { kind: 'mine', openId: sender } };
  if (/^(?:逾期|已逾期|超期|overdue)$/iu.test(rest)) return { page, filter: { kind: 'overdue' } };
  const unit = /^(?:责任)?单位\s*[:：]?\s*(.+)$/u.exec(rest);
  if (unit) {
    const name = unit[1]!.trim();
    if (exceeds(name, FIELDS.unit.max)) throw new UserError(tooLongText(FIELDS.unit, name), LIST_USAGE);
    return { page, filter: { kind: 'unit', unit: name } };
  }
  const mention = /^(@_user_\d+)$/u.exec(rest);
  if (mention) {
    const person = mentions.get(mention[1]!);
    if (!person) throw new UserError('无法识别被 @ 的人，请从成员列表中选择后重试。', LIST_USAGE);
    return { page, filter: { kind: 'owner', openId: person.openId, name: person.name } };
  }
  throw new UserError(`看不懂“${rest}”：可以按 我的、逾期、@某人 或 单位 名称 筛选，或写页码。`, LIST_USAGE);
}

/** The filter as a list button carries it. */
export function filterCode(filter: ListFilter): string {
  switch (filter.kind) {
    case 'all':
    case 'overdue':
      return filter.kind;
    case 'mine':
      return `mine:${filter.openId}`;
    case 'owner':
      return `owner:${filter.openId}:${filter.name}`;
    case 'unit':
      return `unit:${filter.unit}`;
  }
}

export function filterFromCode(code: string): ListFilter | undefined {
  if (code === 'all' || code === 'overdue') return { kind: code };
  const [kind, ...rest] = code.split(':');
  if (kind === 'mine' && rest[0]) return { kind: 'mine', openId: rest[0] };
  if (kind === 'owner' && rest[0]) return { kind: 'owner', openId: rest[0], name: rest.slice(1).join(':') };
  if (kind === 'unit' && rest.length > 0) return { kind: 'unit', unit: rest.join(':') };
  return undefined;
}
