/**
 * Files the bot sends (the 台账's `.xlsx`): uploaded first, then sent as a `file` message by the
 * key the upload returned — with Lark through `im/v1/files`
 * (https://open.feishu.cn/document/server-docs/im-v1/file/create, at most 30 MB, never empty),
 * in the playground into its own store, downloadable from the page. The bytes never travel
 * through the outbound queue; only the key does.
 */
export interface OutgoingFile {
  /** Shown to people: `督办台账-本月.xlsx`. */
  name: string;
  bytes: Buffer;
}

/** Lark's upload limit. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

export interface FileUploads {
  /** Uploads the file and returns the key a `file` message names it by. */
  upload(tenant: string, file: OutgoingFile): Promise<string>;
}
