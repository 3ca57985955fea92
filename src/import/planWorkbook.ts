/**
 * Reads an annual plan from an `.xlsx` (`/计划 导入` then the file): the first worksheet, one
 * plan item per row under a header naming the columns 事项, 截止 and 负责人 (common synonyms
 * accepted, any order; the last two optional). Without such a header the first three columns
 * are read in that order. Owners are written as names here — a spreadsheet cannot @ anyone —
 * and are matched to people by the caller.
 *
 * Hostile input: the archive is size-checked before it is unpacked (`zipGuard.ts`), at most
 * `MAX_PLAN_LINES` rows are read, and a row that cannot be read is reported with its row number,
 * never silently dropped.
 */
import ExcelJS from 'exceljs';
import { MAX_PLAN_LINES } from '../domain/plans.ts';
import { normaliseText } from '../domain/text.ts';
import { checkZip } from './zipGuard.ts';

/** What a chat file may be: the plan of one unit is a few dozen kilobytes. */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;
const LIMITS = { maxEntries: 200, maxUncompressedBytes: 20 * 1024 * 1024 };

export interface SheetPlanLine {
  /** The worksheet's row number, for messages. */
  row: number;
  title: string;
  /** The deadline as written, or a date cell as `YYYY年M月D日`. */
  due?: string;
  /** The owner's name (or open_id) as written. */
  owner?: string;
}

export type ReadPlanSheet =
  | { ok: true; lines: SheetPlanLine[]; problems: string[] }
  | { ok: false; reason: string };

const HEADERS = {
  title: ['事项', '计划事项', '工作事项', '工作任务', '任务', '内容', '工作内容'],
  due: ['截止', '截止时间', '截止日期', '完成时限', '完成时间', '时限'],
  owner: ['负责人', '责任人', '承办人', '经办人'],
} as const;
type Column = keyof typeof HEADERS;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Dates are stored as the local calendar date at UTC midnight.
  if (value instanceof Date)
    return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** Day 0 of Excel's date numbers (1899-12-30: Excel counts 1900 as a leap year). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const clean = (s: string) => normaliseText(s).replace(/\s+/gu, ' ').trim();

/** The header row among the first five, as column numbers by meaning. */
function findHeader(
  sheet: ExcelJS.Worksheet,
): { row: number; at: Partial<Record<Column, number>> } | undefined {
  for (let r = 1; r <= Math.min(5, sheet.rowCount); r++) {
    const at: Partial<Record<Column, number>> = {};
    sheet.getRow(r).eachCell((cell, col) => {
      const name = clean(cellText(cell.value)).replace(/\s/gu, '');
      for (const [column, names] of Object.entries(HEADERS) as Array<[Column, readonly string[]]>)
        if (at[column] === undefined && names.includes(name)) at[column] = col;
    });
    if (at.title !== undefined) return { row: r, at };
  }
  return undefined;
}

export async function readPlanWorkbook(bytes: Buffer): Promise<ReadPlanSheet> {
  if (bytes.length > MAX_PLAN_FILE_BYTES) return { ok: false, reason: '文件超过 2 MB，太大了。' };
  const zip = checkZip(bytes, LIMITS);
  if (!zip.ok) return zip;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: '读不出这个 Excel 文件。请用 Excel 或 WPS 另存为 .xlsx 后再发。' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, reason: '文件里没有工作表。' };
  const header = findHeader(sheet);
  const at = header?.at ?? { title: 1, due: 2, owner: 3 };
  const lines: SheetPlanLine[] = [];
  const problems: string[] = header ? [] : ['没有找到“事项 | 截止 | 负责人”表头，按第一、二、三列读取。'];
  let full = false;
  // Only rows that exist: a sheet with one cell at row 1,000,000 costs one row, not a million.
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (full || r <= (header?.row ?? 0)) return;
    const read = (c: Column) => {
      if (at[c] === undefined) return '';
      const value = row.getCell(at[c]!).value;
      // A date typed into a cell formatted as a number arrives as Excel's day count (46386).
      if (c === 'due' && typeof value === 'number' && value > 30_000 && value < 80_000)
        return cellText(new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000));
      return clean(cellText(value));
    };
    const [title, due, owner] = [read('title'), read('due'), read('owner')];
    if (!title && !due && !owner) return;
    if (lines.length + problems.length >= MAX_PLAN_LINES) {
      full = true;
      return;
    }
    if (!title) problems.push(`第 ${r} 行：没有事项。`);
    else lines.push({ row: r, title, ...(due ? { due } : {}), ...(owner ? { owner } : {}) });
  });
  // Part of a plan would be a wrong base for the 10% rule: all of it, or none.
  if (full)
    return {
      ok: false,
      reason: `计划表超过 ${MAX_PLAN_LINES} 项，一次只能导入 ${MAX_PLAN_LINES} 项以内：请按单位或分批拆成几个文件。`,
    };
  if (lines.length === 0 && problems.every((p) => p.startsWith('没有找到')))
    problems.push('表里没有读到任何计划事项。');
  return { ok: true, lines, problems };
}
