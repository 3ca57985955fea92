/**
 * Uploads through the Open Platform's `im/v1/files`; Lark keeps the file and answers with its
 * key. https://open.feishu.cn/document/server-docs/im-v1/file/create — an `.xlsx` goes up as
 * `xls`. The SDK answers with the response's `data` only, so a refusal shows as no key.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { FileUploads, OutgoingFile } from '../bot/delivery/files.ts';
import { LarkApiError } from '../errors.ts';
import { toLarkApiError } from './client.ts';

export class LarkFiles implements FileUploads {
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
}
