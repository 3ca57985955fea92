/**
 * The 台账's 登记簿 sheet: one row per register entry (会议, 发文, 督查, 调研) of the same period and
 * scope as the ledger, by kind and date, with what each register records in a 情况 column; then
 * a line for each register the scope could not count (meetings under a unit, every register
 * under a 类型), the same sentences `/统计` shows, so a unit's or a kind's ledger does not pass
 * for one with no meetings. The entries are chosen by `registersInScope`, as `/统计`'s are.
 */
import type ExcelJS from 'exceljs';
import { REGISTER_CN, type RegisterEntry, type RegistersInScope } from '../domain/registers.ts';

/** The entry's name, unit and 情况 cells. */
function detail(e: RegisterEntry): [string, string, string] {
  switch (e.kind) {
    case 'meeting':
      return [
        e.name,
        '',
        [e.type, e.time, e.minutesChars ? `纪要 ${e.minutesChars} 字` : ''].filter(Boolean).join('，'),
      ];
    case 'document':
      return [
        e.title,
        e.unit ?? '',
        [
          `${e.pages} 页`,
          e.policy ? '政策性' : '',
          e.reason ? `理由：${e.reason}` : '',
          e.superior ? `配套：${e.superior}` : '',
        ]
          .filter(Boolean)
          .join('，'),
      ];
    case 'inspection':
      return [
        e.matter,
        e.unit,
        e.planned ? '计划内' : e.override ? `计划外（特批：${e.override.reason}）` : '计划外',
      ];
    case 'survey':
      return [e.topic, e.unit ?? '', e.mode];
  }
}

/** Writes the 登记簿 sheet under the workbook's `title`; nothing when there is nothing to say. */
export function addRegisterSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  title: string,
  registers: RegistersInScope,
): void {
  if (registers.entries.length === 0 && registers.notCounted.length === 0) return;
  const sheet = book.addWorksheet('登记簿', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = [{ width: 8 }, { width: 8 }, { width: 12 }, { width: 40 }, { width: 16 }, { width: 40 }];
  const head = sheet.addRow([title]);
  head.font = { bold: true, size: 13 };
  head.commit();
  const header = sheet.addRow(['类别', '编号', '日期', '名称', '单位', '情况']);
  header.font = { bold: true };
  header.commit();
  const sorted = [...registers.entries].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.date.localeCompare(b.date) || a.no - b.no,
  );
  for (const e of sorted) sheet.addRow([REGISTER_CN[e.kind], e.no, e.date, ...detail(e)]).commit();
  if (registers.notCounted.length > 0) {
    sheet.addRow([]).commit();
    for (const line of registers.notCounted) sheet.addRow([`注：${line}。`]).commit();
  }
  sheet.commit();
}
