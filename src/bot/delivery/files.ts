/**
 * Files in chats, both ways:
 * - the bot sends (the 台账's `.xlsx`): uploaded first, then sent as a `file` message by the key
 *   the upload returned — with Lark through `im/v1/files`
 *   (https://open.feishu.cn/document/server-docs/im-v1/file/create, at most 30 MB, never empty),
 *   in the playground into its own store, downloadable from the page. The bytes never travel
 *   through the outbound queue; only the key does.
 * - people send (a plan `.xlsx` for `/计划 导入`): read back by the message and file key — with
 *   Lark through the message resource API
 *   (https://open.feishu.cn/document/server-docs/im-v1/message/get-2), in the playground from
 *   the same store the page uploads into.
 */
export interface OutgoingFile {
  /** Shown to people: `督办台账-本月.xlsx`. */
  name: string;
  bytes: Buffer;
}

/** Lark's upload limit. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** A file someone sent: the `file` message's id and the key in its content. */
export interface IncomingFile {
  messageId: string;
  fileKey: string;
  name: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export interface ChatFiles {
  /** Uploads the file and returns the key a `file` message names it by. */
  upload(tenant: string, file: OutgoingFile): Promise<string>;
  /**
   * The bytes of a file someone sent; throws `FileTooLargeError` as soon as more than
   * `maxBytes` arrive (the rest is not read), and the platform's error when it cannot be had.
   */
  download(tenant: string, file: IncomingFile, maxBytes: number): Promise<Buffer>;
}

/** Reads a stream into one buffer, giving up past `maxBytes`. */
export async function readCapped(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += part.length;
    if (size > maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new FileTooLargeError(maxBytes);
    }
    parts.push(part);
  }
  return Buffer.concat(parts);
}
