/**
 * Uploads through the Open Platform's `im/v1/files`; Lark keeps the file and answers with its
 * key. https://open.feishu.cn/document/server-docs/im-v1/file/create — an `.xlsx` goes up as
 * `xls`. The SDK answers with the response's `data` only, so a refusal shows as no key.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import { type ChatFiles, type IncomingFile, type OutgoingFile, readCapped } from '../bot/delivery/files.ts';
import { LarkApiError } from '../errors.ts';
import { toLarkApiError } from './client.ts';

export class LarkFiles implements ChatFiles {
  constructor(private readonly client: lark.Client) {}

  async upload(_tenant: string, file: OutgoingFile): Promise<string> {
    let res: { file_key?: string } | null;
    try {
      res = await this.client.im.file.create({
        data: {
          file_type: file.name.endsWith('.xlsx') ? 'xls' : 'stream',
          file_name: file.name,
          file: file.bytes,
        },
      });
    } catch (e) {
      throw toLarkApiError('im.file.create', e);
    }
    if (!res?.file_key)
      throw new LarkApiError('im.file.create', 200, undefined, false, undefined, 'no file_key');
    return res.file_key;
  }

  /**
   * https://open.feishu.cn/document/server-docs/im-v1/message/get-2 — `type=file`; the bot must
   * be in the chat of the message. The SDK answers with a stream; it is read only up to the cap.
   */
  async download(_tenant: string, file: IncomingFile, maxBytes: number): Promise<Buffer> {
    let res: { getReadableStream(): AsyncIterable<Buffer> };
    try {
      res = (await this.client.im.messageResource.get({
        path: { message_id: file.messageId, file_key: file.fileKey },
        params: { type: 'file' },
      })) as unknown as { getReadableStream(): AsyncIterable<Buffer> };
    } catch (e) {
      throw toLarkApiError('im.messageResource.get', e);
    }
    return readCapped(res.getReadableStream(), maxBytes);
  }
}
