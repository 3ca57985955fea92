/**
 * People's names from Lark's contact directory: `GET /open-apis/contact/v3/users/:user_id`
 * with `user_id_type=open_id` (needs `contact:user.base:readonly`; without it, or for someone
 * outside the app's contact range, Lark answers 41050 or a permission code — no name to give).
 * https://open.feishu.cn/document/server-docs/contact-v3/user/get
 *
 * A refused token is dropped and the call made once more, as `LarkDelivery` does; other
 * failures that may pass (network, 429, 5xx) are thrown for the directory to try again later.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { ContactLookup } from '../bot/people/directory.ts';
import { LarkApiError } from '../errors.ts';
import { isTokenRejected, TOKEN_REJECTED_CODES, toLarkApiError } from './client.ts';
import type { LarkTokenCache } from './tokenCache.ts';

interface UserResponse {
  code?: number;
  msg?: string;
  data?: { user?: { name?: string | null } | null };
}

const METHOD = 'contact.v3.user.get';

export class LarkContacts implements ContactLookup {
  constructor(
    private readonly client: lark.Client,
    private readonly tokens?: LarkTokenCache,
  ) {}

  async nameOf(openId: string): Promise<string | undefined> {
    try {
      return await this.ask(openId);
    } catch (e) {
      const error = toLarkApiError(METHOD, e);
      if (isTokenRejected(error) && this.tokens) {
        this.tokens.invalidate();
        return this.ask(openId).catch((again: unknown) => this.unlessRetryable(again));
      }
      return this.unlessRetryable(error);
    }
  }

  private async ask(openId: string): Promise<string | undefined> {
    const res = (await this.client.contact.v3.user.get({
      path: { user_id: openId },
      params: { user_id_type: 'open_id' },
    })) as UserResponse;
    if (res.code !== 0) {
      // 99991400: the app's frequency limit, which Lark sometimes says with a 200.
      const retryable =
        res.code === 99991400 || (res.code !== undefined && TOKEN_REJECTED_CODES.has(res.code));
      throw new LarkApiError(METHOD, 200, res.code, retryable, undefined, res.msg);
    }
    return res.data?.user?.name?.trim() || undefined;
  }

  /** Lark answered, without a name for us (no such user, no permission): not worth asking again soon. */
  private unlessRetryable(e: unknown): undefined {
    const error = toLarkApiError(METHOD, e);
    if (error.retryable) throw error;
    return undefined;
  }
}
