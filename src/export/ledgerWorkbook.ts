/**
 * The 台账 as an Excel workbook (`/台账`), written with exceljs's streaming writer so a 10k-row
 * ledger never sits whole in memory as cell objects, and yielding to the event loop every few
 * hundred rows so other work goes on meanwhile.
 *
 * Sheet 台账: one row per item, a title row naming the organisation, scope, period and when it
 * was generated, a frozen header with filters, real dates (Excel date cells, shown in the office
 * time zone), widths that fit Chinese text, and the item's traffic light as the colour of its
 * 状态 cell. Sheet 统计 (`statsSheet.ts`): the `/统计` figures of the same scope and period.
 * Sheet 登记簿 (`registerSheet.ts`): the registers' entries `/统计` counts for the same request.
 */
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { Period } from '../domain/figures.ts';
import { type Item, isPastDue } from '../domain/item.ts';
import { type Light, shownAt } from '../domain/light.ts';
import type { RegistersInScope } from '../domain/registers.ts';
import { KIND_CN, type Statistics } from '../domain/statistics.ts';
import { formatDue, offsetMsAt } from '../domain/time.ts';
import { addRegisterSheet } from './registerSheet.ts';
import { addStatsSheet } from './statsSheet.ts';

export interface LedgerMeta {
  /** `县政府办公室督办台账`: the organisation's name, when configured. */
  organisation: string;
  /** `本群`, `我的范围`, `全部`, with the filters. */
  scope: string;
  generatedAt: number;
  timezone: string;
}

export interface LedgerEntry {
  /** The item with its people named. */
  item: Item;
  light: Light;
}

/** `督办台账-本群-上月.xlsx`: what the file is called in the chat and when downloaded. */
export function ledgerFileName(scope: string, period: Period): string {
  return `督办台账-${scope}-${period.label}.xlsx`.replace(/[\\/:*?"<>|\s·]+/gu, '-').replace(/-+/gu, '-');
}

export const LEDGER_COLUMNS = [
  { header: '编号', width: 8 },
  { header: '类型', width: 10 },
  { header: '事项', width: 40 },
  { header: '责任单位', width: 16 },
  { header: '负责人', width: 16 },
  { header: '牵头领导', width: 12 },
  { header: '登记人', width: 12 },
  { header: '登记时间', width: 18 },
  { header: '截止时间', width: 18 },
  { header: '状态', width: 10 },
  { header: '办结时间', width: 18 },
  { header: '是否按期', width: 10 },
  { header: '延期记录', width: 12 },
  { header: '最新进展', width: 36 },
  { header: '办理结果', width: 40 },
] as const;

const LIGHT_FILL: Record<Light | 'grey', string> = {
  red: 'FFF4B6B6',
  yellow: 'FFFFE699',
  green: 'FFC6EFCE',
  grey: 'FFE0E0E0',
};
const FILLS = Object.fromEntries(
  Object.entries(LIGHT_FILL).map(([light, argb]) => [
    light,
    { type: 'pattern', pattern: 'solid', fgColor: { argb } },
  ]),
) as Record<Light | 'grey', ExcelJS.Fill>;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';
/** Rows between turns of the event loop: a row costs 0.1–0.5 ms to write, so about 10–25 ms. */
const YIELD_EVERY = 50;

/** An instant as an Excel date showing the office's wall-clock time (Excel dates have no zone). */
function excelDate(ms: number | undefined, timezone: string): Date | null {
  return ms === undefined ? null : new Date(ms + offsetMsAt(ms, timezone));
}

const names = (people: readonly { name: string }[]) => people.map((p) => p.name || '未具名成员').join('、');

function onTimeText(item: Item): string {
  if (item.status !== 'done' || item.doneAt === undefined) return '';
  return isPastDue(item.due, item.doneAt) ? '逾期' : '按期';
}

function resultText(item: Item): string {
  if (item.kind !== 'rectification')
    return item.result ?? (item.cancelReason ? `已取消：${item.cancelReason}` : '');
  const parts = [];
  if (item.result) parts.push(`整改情况：${item.result}`);
  if (item.signoffOpinion) parts.push(`牵头领导意见：${item.signoffOpinion}`);
  return parts.join('\n');
}

/** `延期 2 次（12-02、12-05 批准）`: the approval days when they were kept. */
function extensionText(i: Item, tz: string): string {
  if (!i.extensionCount) return '';
  const days = (i.extendedAt ?? []).map((t) => formatDue(t, tz).slice(5, 10));
  return `延期 ${i.extensionCount} 次${days.length > 0 ? `（${days.join('、')} 批准）` : ''}`;
}

function entryRow(e: LedgerEntry, tz: string, state: string): unknown[] {
  const i = e.item;
  return [
    i.no,
    KIND_CN[i.kind],
    i.title,
    i.unit ?? '',
    names(i.owners),
    i.lead ? names([i.lead]) : '',
    names([i.creator]),
    excelDate(i.createdAt, tz),
    excelDate(i.due, tz),
    state,
    excelDate(i.status === 'done' ? i.doneAt : undefined, tz),
    onTimeText(i),
    extensionText(i, tz),
    i.progress?.text ?? '',
    resultText(i),
  ];
}

/** The workbook as bytes. */
export async function ledgerWorkbook(
  meta: LedgerMeta,
  stats: Statistics,
  entries: AsyncIterable<LedgerEntry[]> | Iterable<LedgerEntry[]>,
  ownerName: (openId: string) => string,
  /** The registers of the same request (`registersInScope`): a sheet 登记簿 when there is anything to say. */
  registers: RegistersInScope = { entries: [], notCounted: [] },
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    out.on('end', ok);
    out.on('error', fail);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'luoshi';
  const tz = meta.timezone;
  const { from, to } = stats.period;
  const range = `${formatDue(from, tz).slice(0, 10)} 至 ${formatDue(to - 1, tz).slice(0, 10)}`;
  const title = `${meta.organisation}督办台账 · ${meta.scope} · ${stats.period.label}（${range}）· 生成于 ${formatDue(meta.generatedAt, tz)}`;

  const sheet = book.addWorksheet('台账', {
    views: [{ state: 'frozen', ySplit: 2 }],
    properties: { defaultRowHeight: 18 },
  });
  // Styles by column, not per cell: a cell takes its column's style when written, at no cost per row.
  const wrap: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
  sheet.columns = LEDGER_COLUMNS.map((c, i) => ({
    width: c.width,
    style: [7, 8, 10].includes(i) ? { numFmt: DATE_FORMAT, alignment: wrap } : { alignment: wrap },
  }));
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: LEDGER_COLUMNS.length } };
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 13 };
  titleRow.commit();
  const header = sheet.getRow(2);
  header.values = LEDGER_COLUMNS.map((c) => c.header);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  header.commit();
  let written = 0;
  for await (const page of entries) {
    for (const e of page) {
      // The 状态 cell as the item stood at the period's end, as the 统计 sheet counts it.
      const state = shownAt(e.item, e.light, stats.at, stats.at < stats.period.to);
      const row = sheet.addRow(entryRow(e, tz, state.text));
      row.getCell(10).fill = FILLS[state.colour];
      row.commit();
      if (++written % YIELD_EVERY === 0) await yieldToEventLoop();
    }
  }
  sheet.commit();

  addStatsSheet(book, title, stats, ownerName);
  addRegisterSheet(book, title, registers);
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
