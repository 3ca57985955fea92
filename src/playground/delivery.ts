/**
 * Where the bot's messages go in playground mode: the playground's chat log, which the page
 * reads. It keeps Lark's promise about `uuid` (the same uuid is shown once), so the outbound
 * path behaves the same as with Lark, and it places each message where Lark would: a chat by
 * its id, a person's one-to-one chat with the bot, or the chat of the message replied to.
 */
import type { Delivery, DeliveryResult } from '../bot/delivery/delivery.ts';
import type { OutboundJob } from '../bot/delivery/messenger.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';
import { PlaygroundLog } from './log.ts';
import { dmChatId, PLAYGROUND_GROUP_CHAT } from './world.ts';

export class PlaygroundDelivery implements Delivery {
  private readonly log: PlaygroundLog;
  constructor(
    redis: RedisClient,
    keys: Keys,
    private readonly now: () => number,
  ) {
    this.log = new PlaygroundLog(redis, keys);
  }

  async deliver(job: OutboundJob): Promise<DeliveryResult> {
    const chatId = await this.chatFor(job);
    const messageId = await this.log.appendBotOnce(job.uuid, {
      kind: 'bot',
      chatId,
      message: job.message,
      ...(job.replyTo ? { replyTo: job.replyTo } : {}),
      at: this.now(),
    });
    return { messageId };
  }

  /** Replace a card the bot sent (what `PATCH /im/v1/messages/:id` does in Lark). */
  async updateCard(messageId: string, card: Record<string, unknown>): Promise<void> {
    await this.log.append({ kind: 'update', messageId, card, at: this.now() });
  }

  private async chatFor(job: OutboundJob): Promise<string> {
    if (job.to && 'chatId' in job.to) return job.to.chatId;
    if (job.to && 'openId' in job.to) return dmChatId(job.to.openId);
    // A reply lands in the chat of the message it answers; one we never saw goes to the group.
    const chat = job.replyTo ? await this.log.chatOf(job.replyTo) : undefined;
    return chat ?? PLAYGROUND_GROUP_CHAT;
  }
}
