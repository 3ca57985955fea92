/**
 * A size check on a zip archive (an `.xlsx` is one) before anything unpacks it. A spreadsheet
 * sent in a chat is hostile until checked: a few hundred kilobytes of zip can inflate to
 * gigabytes, and the spreadsheet library inflates every part into memory. So the archive's own
 * central directory is read first — its entry count and the sizes it declares — and an archive
 * over the limits is refused without inflating a byte.
 *
 * The declared sizes are what the inflater is told to expect; a lying archive (sizes smaller
 * than its data) is caught by the inflater's own checks, not here. Zip64 archives (over 4 GB or
 * 65,535 entries) are refused outright: no plan spreadsheet needs one.
 * Format: PKWARE APPNOTE.TXT §4.3.12 (central directory header), §4.3.16 (end of central directory).
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

/** Why an archive was refused, in words for the person who sent it. */
export type ZipCheck = { ok: true } | { ok: false; reason: string };

export function checkZip(bytes: Buffer, limits: ZipLimits): ZipCheck {
  const notZip = { ok: false, reason: '不是有效的 Excel 文件（.xlsx）。' } as const;
  if (bytes.length < EOCD_MIN) return notZip;
  // The end record sits at the end, after a comment of at most 64 KB: search backwards.
  let eocd = -1;
  const stop = Math.max(0, bytes.length - EOCD_MIN - MAX_COMMENT);
  for (let i = bytes.length - EOCD_MIN; i >= stop; i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notZip;
  const entries = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryAt = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directoryAt === 0xffffffff) return notZip;
  if (entries > limits.maxEntries) return { ok: false, reason: '文件里的内容太多，不像一份计划表。' };
  if (directoryAt + directorySize > eocd) return notZip;
  let at = directoryAt;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) return notZip;
    const uncompressed = bytes.readUInt32LE(at + 24);
    if (uncompressed === 0xffffffff) return notZip;
    total += uncompressed;
    if (total > limits.maxUncompressedBytes)
      return {
        ok: false,
        reason: `文件解压后超过 ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB，太大了。请只保留计划事项一张表。`,
      };
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { ok: true };
}
