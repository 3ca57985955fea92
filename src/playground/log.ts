/**
 * The playground's chat history: one Redis stream, in the order things happened, that the page
 * reads (first the recent past, then live over SSE). It holds what people typed, what the bot
 * sent (written by `PlaygroundDelivery` at the far end of the outbound queue), card updates,
 * clock jumps and renames. Stream ids double as SSE event ids, so a reconnecting page resumes
 * exactly where it stopped.
 */
import type { OutgoingMessage } from '../bot/delivery/messenger.ts';
import type { Person } from '../domain/item.ts';
import type { Keys } from '../storage/keys.ts';
import { duplicateRedis, type RedisClient } from '../storage/redis.ts';

export interface MentionRef {
  key: string;
  openId: string;
  name: string;
}

export type PlaygroundRecord =
  /** A line someone typed: the text with `@_user_N` keys, exactly as the bot received it. */
  | {
      kind: 'user';
      chatId: string;
      messageId: string;
      sender: Person;
      content: string;
      mentions: MentionRef[];
      at: number;
    }
  | { kind: 'bot'; chatId: string; message: OutgoingMessage; replyTo?: string; at: number }
  /** A card replaced in place (a callback's answer, or a later update of the same message). */
  | { kind: 'update'; messageId: string; card: Record<string, unknown>; at: number }
  | { kind: 'clock'; from: number; to: number; at: number }
  | { kind: 'member'; openId: string; name: string; at: number };

export interface LogEntry {
  /** Stream id, e.g. `1764122400000-0`. */
  id: string;
  /** The message id people and the bot refer to (user and bot records). */
  messageId?: string;
  record: PlaygroundRecord;
}

/** Keep the page's history bounded; a demo never needs more. */
const MAX_ENTRIES = 10_000;
/** Lark lets a message be referred to for 14 days; the playground keeps the chat of a message as long. */
const CHAT_OF_TTL_SECONDS = 14 * 24 * 3600;

/**
 * Lark's promise about `uuid` (the same uuid is sent once), imitated: the first delivery appends,
 * a retry gets the same message id back.
 * KEYS: 1 uuid key, 2 stream. ARGV: 1 json, 2 uuid ttl, 3 maxlen, 4 chat id, 5 chat-of key prefix, 6 chat-of ttl.
 */
const APPEND_ONCE = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'json', ARGV[1])
local messageId = 'om_pg_' .. string.gsub(id, '-', '_')
redis.call('SET', KEYS[1], messageId, 'EX', ARGV[2])
redis.call('SET', ARGV[5] .. messageId, ARGV[4], 'EX', ARGV[6])
return messageId
`;

/** Bot messages are named after their stream id: `1764122400000-0` ↔ `om_pg_1764122400000_0`. */
export function botMessageId(streamId: string): string {
  return `om_pg_${streamId.replace('-', '_')}`;
}

function toEntry(id: string, fields: string[]): LogEntry | undefined {
  const at = fields.indexOf('json');
  const json = at >= 0 ? fields[at + 1] : undefined;
  if (json === undefined) return undefined;
  const record = JSON.parse(json) as PlaygroundRecord;
  const messageId =
    record.kind === 'bot' ? botMessageId(id) : record.kind === 'user' ? record.messageId : undefined;
  return { id, ...(messageId ? { messageId } : {}), record };
}

type StreamRows = Array<[string, string[]]>;

export class PlaygroundLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private get stream(): string {
    return this.keys.playgroundMessages();
  }

  async append(record: PlaygroundRecord): Promise<string> {
    if (record.kind === 'user') {
      await this.redis.set(
        this.keys.playgroundMessageChat(record.messageId),
        record.chatId,
        'EX',
        CHAT_OF_TTL_SECONDS,
      );
    }
    const id = await this.redis.xadd(
      this.stream,
      'MAXLEN',
      '~',
      MAX_ENTRIES,
      '*',
      'json',
      JSON.stringify(record),
    );
    return id ?? '';
  }

  /** A bot message, once per `uuid`; returns its message id (the same on a retry). */
  async appendBotOnce(uuid: string, record: Extract<PlaygroundRecord, { kind: 'bot' }>): Promise<string> {
    return (await this.redis.eval(
      APPEND_ONCE,
      2,
      this.keys.playgroundUuid(uuid),
      this.stream,
      JSON.stringify(record),
      3600,
      MAX_ENTRIES,
      record.chatId,
      this.keys.playgroundMessageChat(''),
      CHAT_OF_TTL_SECONDS,
    )) as string;
  }

  /** The chat a message was posted in, for replies and card callbacks. */
  async chatOf(messageId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.playgroundMessageChat(messageId))) ?? undefined;
  }

  /** The last `count` entries, oldest first. */
  async recent(count: number): Promise<LogEntry[]> {
    const rows = (await this.redis.xrevrange(this.stream, '+', '-', 'COUNT', count)) as StreamRows;
    return rows
      .reverse()
      .map(([id, fields]) => toEntry(id, fields))
      .filter((e) => e !== undefined);
  }

  /** Entries after `afterId` (exclusive), oldest first. */
  async after(afterId: string, count = 500): Promise<LogEntry[]> {
    const rows = (await this.redis.xrange(this.stream, `(${afterId}`, '+', 'COUNT', count)) as StreamRows;
    return rows.map(([id, fields]) => toEntry(id, fields)).filter((e) => e !== undefined);
  }

  /** The id of the newest entry ('0-0' when empty): where a live reader starts. */
  async lastId(): Promise<string> {
    const rows = (await this.redis.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as StreamRows;
    return rows[0]?.[0] ?? '0-0';
  }

  /**
   * Waits up to `blockMs` for entries after `afterId` on `reader`, a connection of its own
   * (XREAD BLOCK holds it). Returns [] on timeout.
   */
  async waitAfter(reader: RedisClient, afterId: string, blockMs: number): Promise<LogEntry[]> {
    const res = (await reader.xread(
      'COUNT',
      200,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.stream,
      afterId,
    )) as Array<[string, StreamRows]> | null;
    const rows = res?.[0]?.[1] ?? [];
    return rows.map(([id, fields]) => toEntry(id, fields)).filter((e) => e !== undefined);
  }

  /**
   * The first entry after `afterId` that `match` accepts, within `timeoutMs` (demo data waits for
   * each command's answer before typing the next, so item numbers come out in order).
   */
  async waitFor(
    afterId: string,
    match: (e: LogEntry) => boolean,
    timeoutMs: number,
  ): Promise<LogEntry | undefined> {
    const reader = duplicateRedis(this.redis, { enableOfflineQueue: true, maxRetriesPerRequest: null });
    reader.on('error', () => {});
    const deadline = Date.now() + timeoutMs;
    let cursor = afterId;
    try {
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        for (const e of await this.waitAfter(reader, cursor, left)) {
          cursor = e.id;
          if (match(e)) return e;
        }
      }
    } finally {
      reader.disconnect();
    }
  }
}
