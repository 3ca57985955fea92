/**
 * The playground's file store: what the bot sends as a file (the 台账) is kept in Redis for a
 * week and offered on the page as a download (`GET /playground/files/:key`), as Lark keeps an
 * uploaded file and shows it in the chat.
 */
import { randomBytes } from 'node:crypto';
import {
  type ChatFiles,
  FileTooLargeError,
  type IncomingFile,
  type OutgoingFile,
} from '../bot/delivery/files.ts';
import type { Keys } from '../storage/keys.ts';
import type { RedisClient } from '../storage/redis.ts';

const KEEP_S = 7 * 24 * 3600;
const KEY = /^file_pg_[0-9a-f]{32}$/;

export class PlaygroundFiles implements ChatFiles {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async upload(_tenant: string, file: OutgoingFile): Promise<string> {
    const key = `file_pg_${randomBytes(16).toString('hex')}`;
    await this.redis
      .multi()
      .hset(this.keys.playgroundFile(key), 'name', file.name, 'bytes', file.bytes)
      .expire(this.keys.playgroundFile(key), KEEP_S)
      .exec();
    return key;
  }

  async get(key: string): Promise<OutgoingFile | undefined> {
    if (!KEY.test(key)) return undefined;
    const [name, bytes] = await this.redis.hmgetBuffer(this.keys.playgroundFile(key), 'name', 'bytes');
    return name && bytes ? { name: name.toString('utf8'), bytes } : undefined;
  }

  /** A file someone dropped into the playground's chat, kept by `upload` like the bot's own. */
  async download(_tenant: string, file: IncomingFile, maxBytes: number): Promise<Buffer> {
    const kept = await this.get(file.fileKey);
    if (!kept) throw new Error(`playground file ${file.fileKey} not found`);
    if (kept.bytes.length > maxBytes) throw new FileTooLargeError(maxBytes);
    return kept.bytes;
  }
}
