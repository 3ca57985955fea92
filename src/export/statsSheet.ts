/**
 * The 台账's 统计 sheet: the `/统计` figures of the same scope and period as values (no formulas),
 * defined in `src/domain/figures.ts` — in total, per unit, per owner and per kind, each a small
 * table with the same columns, and the rate's definition beneath.
 */
import type ExcelJS from 'exceljs';
import { onTimeRate, type Tally } from '../domain/figures.ts';
import { KIND_CN, type Line, type Statistics } from '../domain/statistics.ts';

const FIGURE_HEADERS = [
  '登记',
  '在办',
  '已办结',
  '按期办结',
  '逾期办结',
  '逾期未办结',
  '已取消',
  '延期批准次数',
  '按期办结率',
];

function figureCells(t: Tally): unknown[] {
  const rate = onTimeRate(t);
  return [
    t.registered,
    t.inProgress,
    t.done,
    t.doneOnTime,
    t.doneLate,
    t.overdueOpen,
    t.cancelled,
    t.extensions,
    rate ?? '—',
  ];
}

function addFigures(
  sheet: ExcelJS.Worksheet,
  title: string,
  lines: readonly Line[],
  label: (l: Line) => string,
): void {
  sheet.addRow([]).commit();
  sheet.addRow([title]).commit();
  const head = sheet.addRow(['', ...FIGURE_HEADERS]);
  head.font = { bold: true };
  head.commit();
  for (const l of lines) {
    const row = sheet.addRow([label(l), ...figureCells(l.tally)]);
    row.getCell(FIGURE_HEADERS.length + 1).numFmt = '0%';
    row.commit();
  }
}

/** Writes the 统计 sheet under the workbook's `title`. */
export function addStatsSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  title: string,
  stats: Statistics,
  ownerName: (openId: string) => string,
): void {
  const figures = book.addWorksheet('统计');
  figures.columns = [{ width: 18 }, ...FIGURE_HEADERS.map(() => ({ width: 12 }))];
  const figuresTitle = figures.addRow([title]);
  figuresTitle.font = { bold: true, size: 13 };
  figuresTitle.commit();
  addFigures(figures, '合计', [{ key: '合计', tally: stats.total }], () => '合计');
  addFigures(figures, '按责任单位', stats.byUnit, (l) => l.key);
  addFigures(figures, '按负责人', stats.byOwner, (l) => ownerName(l.key));
  addFigures(figures, '按类型', stats.byKind, (l) => KIND_CN[l.key as keyof typeof KIND_CN] ?? l.key);
  figures.addRow([]).commit();
  figures
    .addRow(['口径：按期办结率 = 按期办结 ÷（已办结 + 逾期未办结）；截止时间以批准延期后的为准。'])
    .commit();
  figures.commit();
}
