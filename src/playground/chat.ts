/**
 * The playground as a transport: what people do on the page becomes what Lark would send.
 * A typed line is logged (so the page shows it) and handed to the same `InboundGate` the
 * webhook uses; a pressed card button becomes a `card.action.trigger` envelope handed to the
 * same card handler the webhook calls inline, and its answer (toast, replaced card) comes back
 * the way Lark would show it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { FIELDS } from '../domain/limits.ts';
import type { Logger } from '../logger.ts';
import type { LarkEnvelope } from '../transport/envelope.ts';
import { cardActionEnvelope, fileEnvelope, messageEnvelope } from './events.ts';
import type { PlaygroundLog } from './log.ts';
import type { PlaygroundMembers } from './members.ts';
import { PlaygroundRefusal } from './refusal.ts';
import {
  dmChatId,
  dmOwnerOf,
  PLAYGROUND_BOT_NAME,
  PLAYGROUND_GROUP_CHAT,
  PLAYGROUND_TENANT,
} from './world.ts';

/** The webhook's `onCardAction`: answers a callback inline with `{toast, card}`. */
export type CardActionHandler = (envelope: LarkEnvelope) => Promise<unknown>;

/** What the bot reads of one message (`FIELDS.message`): a 2000-character 纪要 and its command fit. */
export const MAX_LINE_CHARS = FIELDS.message.max;
/** What one file into the chat may weigh: a plan spreadsheet, not an archive. */
export const MAX_PLAYGROUND_FILE_BYTES = 2 * 1024 * 1024;
const MAX_FILE_NAME_CHARS = 100;

export interface Toast {
  type: 'success' | 'info' | 'warning' | 'error';
  content: string;
}

/** Lark's callback response, read loosely: a handler may add fields Lark ignores. */
const cardAnswerSchema = z.looseObject({
  toast: z
    .looseObject({ type: z.enum(['success', 'info', 'warning', 'error']), content: z.string() })
    .optional(),
  card: z.looseObject({ type: z.literal('raw'), data: z.record(z.string(), z.unknown()) }).optional(),
});

export interface ChatDeps {
  log: PlaygroundLog;
  members: PlaygroundMembers;
  gate: { accept(envelope: LarkEnvelope): Promise<unknown> };
  clock: Clock;
  botOpenId: string;
  logger: Logger;
  /** Where a dropped file is kept, for the bot to read back by its key. */
  files: { upload(tenant: string, file: { name: string; bytes: Buffer }): Promise<string> };
  /** Unset until card callbacks exist: buttons then answer that they are not wired yet. */
  onCardAction?: CardActionHandler;
}

const newId = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

export class PlaygroundChat {
  constructor(private readonly deps: ChatDeps) {}

  /** `as` types `text` in `chatId` (the group, or their own chat with the bot). */
  async say(input: {
    as: string;
    chatId: string;
    text: string;
  }): Promise<{ messageId: string; entryId: string }> {
    const { log, members, gate, clock, botOpenId } = this.deps;
    const people = await members.all();
    const sender = people.find((m) => m.openId === input.as);
    if (!sender) throw new PlaygroundRefusal('请先选择以谁的身份发言。');
    const text = input.text.trim();
    if (!text) throw new PlaygroundRefusal('请输入内容。');
    if ([...text].length > MAX_LINE_CHARS) throw new PlaygroundRefusal(`一条消息最多 ${MAX_LINE_CHARS} 字。`);
    const isGroup = input.chatId === PLAYGROUND_GROUP_CHAT;
    if (!isGroup && input.chatId !== dmChatId(sender.openId))
      throw new PlaygroundRefusal('只能在群里或自己与机器人的私聊中发言。');

    const messageId = newId('om_pg_user_');
    const envelope = messageEnvelope({
      tenant: PLAYGROUND_TENANT,
      chatId: input.chatId,
      chatType: isGroup ? 'group' : 'p2p',
      sender: { openId: sender.openId, name: sender.name },
      text,
      people,
      bot: { openId: botOpenId, name: PLAYGROUND_BOT_NAME },
      eventId: newId('pg_ev_'),
      messageId,
      now: clock.now(),
    });
    const message = envelope.event?.message as {
      content: string;
      mentions?: Array<{ key: string; id: { open_id: string }; name: string }>;
    };
    // Logged before it is queued, so the bot's answer can never appear above the question.
    const entryId = await log.append({
      kind: 'user',
      chatId: input.chatId,
      messageId,
      sender: { openId: sender.openId, name: sender.name },
      content: (JSON.parse(message.content) as { text: string }).text,
      mentions: (message.mentions ?? []).map((m) => ({ key: m.key, openId: m.id.open_id, name: m.name })),
      at: clock.now(),
    });
    await gate.accept(envelope);
    return { messageId, entryId };
  }

  /** `as` drops a file into a chat: kept like the bot's own files, then a `file` message. */
  async sendFile(input: {
    as: string;
    chatId: string;
    name: string;
    bytes: Buffer;
  }): Promise<{ messageId: string }> {
    const { log, members, gate, clock, files } = this.deps;
    const sender = (await members.all()).find((m) => m.openId === input.as);
    if (!sender) throw new PlaygroundRefusal('请先选择以谁的身份发送。');
    const isGroup = input.chatId === PLAYGROUND_GROUP_CHAT;
    if (!isGroup && input.chatId !== dmChatId(sender.openId))
      throw new PlaygroundRefusal('只能在群里或自己与机器人的私聊中发送。');
    const name = input.name.replace(/[\\/\p{Cc}]/gu, '').trim();
    if (!name || [...name].length > MAX_FILE_NAME_CHARS)
      throw new PlaygroundRefusal(`文件名须为 1—${MAX_FILE_NAME_CHARS} 个字。`);
    if (input.bytes.length === 0) throw new PlaygroundRefusal('文件是空的。');
    if (input.bytes.length > MAX_PLAYGROUND_FILE_BYTES)
      throw new PlaygroundRefusal('文件太大了（最多 2 MB）。');
    const fileKey = await files.upload(PLAYGROUND_TENANT, { name, bytes: input.bytes });
    const messageId = newId('om_pg_user_');
    await log.append({
      kind: 'user',
      chatId: input.chatId,
      messageId,
      sender: { openId: sender.openId, name: sender.name },
      content: `📎 ${name}`,
      mentions: [],
      at: clock.now(),
    });
    await gate.accept(
      fileEnvelope({
        tenant: PLAYGROUND_TENANT,
        chatId: input.chatId,
        chatType: isGroup ? 'group' : 'p2p',
        sender: { openId: sender.openId, name: sender.name },
        eventId: newId('pg_ev_'),
        messageId,
        now: clock.now(),
        fileKey,
        fileName: name,
      }),
    );
    return { messageId };
  }

  /** `as` presses a button (or submits a form) on the card in message `messageId`. */
  async press(input: {
    as: string;
    messageId: string;
    value: Record<string, unknown>;
    formValue?: Record<string, string>;
    name?: string;
  }): Promise<{ toast: Toast }> {
    const { log, members, clock, logger, onCardAction } = this.deps;
    const operator = await members.find(input.as);
    if (!operator) throw new PlaygroundRefusal('请先选择以谁的身份操作。');
    const chatId = await log.chatOf(input.messageId);
    if (!chatId) throw new PlaygroundRefusal('找不到这张卡片，请刷新页面。');
    const dmOwner = dmOwnerOf(chatId);
    if (dmOwner && dmOwner !== operator.openId)
      throw new PlaygroundRefusal('这是别人的私聊，只有本人能点这里的按钮。');
    if (!onCardAction) {
      return { toast: { type: 'info', content: '卡片按钮尚未接入（卡片回调开发中），请先用文字命令。' } };
    }
    const envelope = cardActionEnvelope({
      tenant: PLAYGROUND_TENANT,
      operator: operator.openId,
      value: input.value,
      ...(input.formValue ? { formValue: input.formValue } : {}),
      ...(input.name ? { name: input.name } : {}),
      messageId: input.messageId,
      chatId,
      eventId: newId('pg_ev_'),
      cardToken: newId('c-'),
      now: clock.now(),
    });
    let answer: z.infer<typeof cardAnswerSchema>;
    try {
      const parsed = cardAnswerSchema.safeParse((await onCardAction(envelope)) ?? {});
      answer = parsed.success ? parsed.data : {};
    } catch (e) {
      logger.error('card action failed in the playground', { messageId: input.messageId, err: e });
      return { toast: { type: 'error', content: '操作没有成功，请稍后再试。' } };
    }
    // Lark replaces the card for everyone who sees the message; so does the log.
    if (answer.card) {
      await log.append({
        kind: 'update',
        messageId: input.messageId,
        card: answer.card.data,
        at: clock.now(),
      });
    }
    return { toast: answer.toast ?? { type: 'success', content: '已提交' } };
  }
}
