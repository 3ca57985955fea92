/**
 * What luoshi does to messages it already sent, through the Open Platform:
 * - replace a card's content (`PATCH /open-apis/im/v1/messages/:message_id`; only cards the bot
 *   sent with `update_multi`, within 14 days, 5 QPS per message)
 *   https://open.feishu.cn/document/server-docs/im-v1/message-card/patch
 * - make a message urgent in the app (`PATCH …/:message_id/urgent_app?user_id_type=open_id`)
 *   https://open.feishu.cn/document/server-docs/im-v1/buzz-messages/urgent_app
 * Errors become `LarkApiError`s like the sends' (retryable or not); a refused token is dropped
 * and the call made once more with a fresh one, as `LarkDelivery` does.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { MessageOps } from '../bot/delivery/messageOps.ts';
import { LarkApiError } from '../errors.ts';
import { isTokenRejected, TOKEN_REJECTED_CODES, toLarkApiError } from './client.ts';
import type { LarkTokenCache } from './tokenCache.ts';

interface LarkResponse {
  code?: number;
  msg?: string;
  data?: { invalid_user_id_list?: string[] };
}

function checked(method: string, res: LarkResponse): LarkResponse {
  if (res.code !== 0) {
    const tokenRejected = res.code !== undefined && TOKEN_REJECTED_CODES.has(res.code);
    throw new LarkApiError(method, 200, res.code, tokenRejected, undefined, res.msg);
  }
  return res;
}

export class LarkMessageOps implements MessageOps {
  constructor(
    private readonly client: lark.Client,
    private readonly tokens?: LarkTokenCache,
  ) {}

  private async withFreshToken<T>(
    method: string,
    call: () => Promise<LarkResponse>,
  ): Promise<T | LarkResponse> {
    const once = async () => {
      try {
        return checked(method, await call());
      } catch (e) {
        throw toLarkApiError(method, e);
      }
    };
    try {
      return await once();
    } catch (e) {
      if (!(e instanceof LarkApiError) || !isTokenRejected(e) || !this.tokens) throw e;
      this.tokens.invalidate();
      return once();
    }
  }

  async patchCard(messageId: string, card: object): Promise<void> {
    await this.withFreshToken('im.message.patch', () =>
      this.client.im.message.patch({
        path: { message_id: messageId },
        data: { content: JSON.stringify(card) },
      }),
    );
  }

  async makeUrgent(messageId: string, openIds: readonly string[]): Promise<{ invalid: string[] }> {
    const res = (await this.withFreshToken('im.message.urgentApp', () =>
      this.client.im.message.urgentApp({
        path: { message_id: messageId },
        params: { user_id_type: 'open_id' },
        data: { user_id_list: [...openIds] },
      }),
    )) as LarkResponse;
    return { invalid: res.data?.invalid_user_id_list ?? [] };
  }
}
