/**
 * A chat's members from `GET /open-apis/im/v1/chats/:chat_id/members` (bots are not listed),
 * 100 a page. https://open.feishu.cn/document/server-docs/group/chat-member/get
 * Capped at 50 pages (5,000 people, Lark's largest ordinary group): a roster is read for one
 * import, not kept.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { ChatRoster } from '../bot/people/roster.ts';
import type { Person } from '../domain/item.ts';
import { LarkApiError } from '../errors.ts';
import { toLarkApiError } from './client.ts';

const METHOD = 'im.chatMembers.get';
const MAX_PAGES = 50;

interface MembersPage {
  code?: number;
  msg?: string;
  data?: {
    items?: Array<{ member_id?: string | null; name?: string | null }> | null;
    page_token?: string | null;
    has_more?: boolean | null;
  };
}

export class LarkRoster implements ChatRoster {
  constructor(private readonly client: lark.Client) {}

  async membersOf(_tenant: string, chatId: string): Promise<Person[]> {
    const people: Person[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let res: MembersPage;
      try {
        res = (await this.client.im.chatMembers.get({
          path: { chat_id: chatId },
          params: {
            member_id_type: 'open_id',
            page_size: 100,
            ...(pageToken ? { page_token: pageToken } : {}),
          },
        })) as MembersPage;
      } catch (e) {
        throw toLarkApiError(METHOD, e);
      }
      if (res.code !== 0) throw new LarkApiError(METHOD, 200, res.code, false, undefined, res.msg);
      for (const m of res.data?.items ?? [])
        if (m.member_id) people.push({ openId: m.member_id, name: m.name?.trim() ?? '' });
      pageToken = res.data?.page_token ?? undefined;
      if (!res.data?.has_more || !pageToken) break;
    }
    return people;
  }
}
