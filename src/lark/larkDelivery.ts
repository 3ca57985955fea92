/**
 * Delivers outbound messages through the Open Platform: the reply API for answers to a
 * command, `im.message.create` for everything else. The same `uuid` goes with every retry,
 * so Lark shows a message at most once even when our worker retries after a timeout.
 * https://open.feishu.cn/document/server-docs/im-v1/message/create
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Delivery, DeliveryResult } from '../bot/delivery/delivery.ts';
import type { OutboundJob, OutgoingMessage } from '../bot/delivery/messenger.ts';
import { LarkApiError } from '../errors.ts';
import { isTokenRejected, TOKEN_REJECTED_CODES, toLarkApiError } from './client.ts';
import type { LarkTokenCache } from './tokenCache.ts';

function toLarkContent(message: OutgoingMessage): { msg_type: string; content: string } {
  switch (message.type) {
    case 'text':
      return { msg_type: 'text', content: JSON.stringify({ text: message.text }) };
    case 'card':
      return { msg_type: 'interactive', content: JSON.stringify(message.card) };
    case 'file':
      return { msg_type: 'file', content: JSON.stringify({ file_key: message.fileKey }) };
  }
}

interface LarkSendResponse {
  code?: number;
  msg?: string;
  data?: { message_id?: string };
}

function checked(method: string, res: LarkSendResponse): DeliveryResult {
  if (res.code !== 0 || !res.data?.message_id) {
    const tokenRejected = res.code !== undefined && TOKEN_REJECTED_CODES.has(res.code);
    throw new LarkApiError(method, 200, res.code, tokenRejected, undefined, res.msg);
  }
  return { messageId: res.data.message_id };
}

export class LarkDelivery implements Delivery {
  constructor(
    private readonly client: lark.Client,
    /** The client's token cache, dropped when Lark refuses the token (see `tokenCache.ts`). */
    private readonly tokens?: LarkTokenCache,
  ) {}

  /**
   * Sends once; if Lark refused the token, drops it and sends again at once with a fresh one
   * (same uuid, so this can never show the message twice). A second refusal goes to the queue,
   * which retries with backoff.
   */
  async deliver(job: OutboundJob): Promise<DeliveryResult> {
    try {
      return await this.send(job);
    } catch (e) {
      if (!(e instanceof LarkApiError) || !isTokenRejected(e) || !this.tokens) throw e;
      this.tokens.invalidate();
      return this.send(job);
    }
  }

  private async send(job: OutboundJob): Promise<DeliveryResult> {
    const body = toLarkContent(job.message);
    if (job.replyTo) {
      try {
        const res = await this.client.im.message.reply({
          path: { message_id: job.replyTo },
          data: { ...body, uuid: job.uuid },
        });
        return checked('im.message.reply', res);
      } catch (e) {
        const err = toLarkApiError('im.message.reply', e);
        // The message we answer was withdrawn or is gone: post to the chat instead, if we know it.
        if (!err.retryable && !isTokenRejected(err) && job.to) return this.create(job, body);
        throw err;
      }
    }
    return this.create(job, body);
  }

  private async create(
    job: OutboundJob,
    body: { msg_type: string; content: string },
  ): Promise<DeliveryResult> {
    const to = job.to;
    if (!to) throw new LarkApiError('im.message.create', undefined, undefined, false, undefined, 'no target');
    const [receiveIdType, receiveId] =
      'chatId' in to ? (['chat_id', to.chatId] as const) : (['open_id', to.openId] as const);
    try {
      const res = await this.client.im.message.create({
        params: { receive_id_type: receiveIdType },
        data: { receive_id: receiveId, ...body, uuid: job.uuid },
      });
      return checked('im.message.create', res);
    } catch (e) {
      throw toLarkApiError('im.message.create', e);
    }
  }
}
