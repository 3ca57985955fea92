/**
 * Processor of `ledger-export` jobs on the `follow-ups` queue: the 台账 a person asked for with
 * `/台账`, built on the worker rather than in the command's reply (10k rows take seconds, and the
 * workbook writer yields to the event loop meanwhile). It gathers the asker's scope as `/统计`
 * does (`src/bot/views/statsView.ts`), so the 统计 sheet shows the card's figures; writes the
 * file (`src/export/ledgerFile.ts`); uploads it; and answers the command with a file.
 *
 * Idempotent: a retry builds and uploads again, and the file message's key makes Lark show it
 * once. An item that cannot be read is left out (and reported by the repository), never the
 * whole ledger.
 */
import type { Job } from 'bullmq';
import { type ChatFiles, MAX_FILE_BYTES } from '../src/bot/delivery/files.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { Asker } from '../src/bot/views/statsScope.ts';
import { gatherStatistics } from '../src/bot/views/statsView.ts';
import { contribution, type Period } from '../src/domain/figures.ts';
import type { ItemKind } from '../src/domain/item.ts';
import { ledgerFile } from '../src/export/ledgerFile.ts';

export const LEDGER_EXPORT = 'ledger-export';

export interface LedgerExportJob {
  asker: Asker;
  period: Period;
  unit?: string;
  kind?: ItemKind;
  /** The `/台账` message: the file answers it. */
  replyTo: string;
  /** Names the answer, the same on every retry (the command's event id). */
  key: string;
}

const _PAGE = 500;

export type LedgerDeps = Pick<
  BotDeps,
  | 'figures'
  | 'authority'
  | 'clock'
  | 'people'
  | 'items'
  | 'calendars'
  | 'time'
  | 'messenger'
  | 'organisation'
  | 'registers'
> & { files: Pick<ChatFiles, 'upload'> };

export async function exportLedger(deps: LedgerDeps, data: LedgerExportJob): Promise<string> {
  const { asker } = data;
  const request = {
    period: data.period,
    ...(data.unit ? { unit: data.unit } : {}),
    ...(data.kind ? { kind: data.kind } : {}),
  };
  const { stats, scope, rows } = await gatherStatistics(deps, asker, request);
  const now = deps.clock.now();
  const nos = rows
    .filter((r) => contribution(r, data.period, now) !== undefined)
    .map((r) => r.no)
    .sort((a, b) => a - b);
  const { name, bytes } = await ledgerFile(deps, {
    asker,
    heading: scope,
    fileScope: scope,
    stats,
    nos,
    narrowedTo: { unit: data.unit, kind: data.kind },
  });
  const reply = { tenant: asker.tenant, replyTo: data.replyTo, to: { chatId: asker.chatId } };
  if (bytes.length > MAX_FILE_BYTES) {
    await deps.messenger.send({
      ...reply,
      key: `ledger:${data.key}:too-big`,
      message: {
        type: 'text',
        text: `台账有 ${nos.length} 项，超过了飞书单个文件 30 MB 的上限。请缩小范围，例如按单位或类型、或选更短的时间段。`,
      },
    });
    return `too big: ${bytes.length} bytes`;
  }
  const fileKey = await deps.files.upload(asker.tenant, { name, bytes });
  await deps.messenger.send({
    ...reply,
    key: `ledger:${data.key}:file`,
    message: { type: 'file', fileKey, name },
  });
  return `${nos.length} items, ${bytes.length} bytes`;
}

export function createLedgerExportProcessor(deps: LedgerDeps) {
  return (job: Job<LedgerExportJob>) => exportLedger(deps, job.data);
}
