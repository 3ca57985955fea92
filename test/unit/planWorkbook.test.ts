/**
 * Reading a plan spreadsheet someone sent: the header's words in any order, date cells as
 * dates, rows without a title reported by row number, the 300-row cap, and archives refused
 * before they are unpacked when their declared size is too large.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readPlanWorkbook } from '../../src/import/planWorkbook.ts';
import { checkZip } from '../../src/import/zipGuard.ts';

async function workbook(rows: unknown[][], sheets = 1): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('计划');
  for (const row of rows) sheet.addRow(row);
  for (let i = 1; i < sheets; i++) wb.addWorksheet(`其他${i}`).addRow(['事项']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A zip of one stored entry whose central directory declares `declared` bytes uncompressed —
 * what a zip bomb looks like to the check (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16).
 */
function zipDeclaring(declared: number, entries = 1): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.from('<x/>');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const records: Buffer[] = [];
  let offset = 0;
  const locals: Buffer[] = [];
  for (let i = 0; i < entries; i++) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    records.push(central, name);
    locals.push(local, name, data);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('checkZip', () => {
  const limits = { maxEntries: 10, maxUncompressedBytes: 1000 };
  it('lets an archive within its limits through, at the limit too', () => {
    expect(checkZip(zipDeclaring(1000), limits)).toEqual({ ok: true });
  });
  it('refuses an archive that would inflate past the limit, without inflating it', () => {
    const check = checkZip(zipDeclaring(1001), limits);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain('解压后超过');
  });
  it('refuses too many entries, and bytes that are no zip', () => {
    expect(checkZip(zipDeclaring(1, 11), limits).ok).toBe(false);
    expect(checkZip(Buffer.from('PK but not really a zip file at all'), limits).ok).toBe(false);
    expect(checkZip(Buffer.alloc(0), limits).ok).toBe(false);
  });
  it('passes a real spreadsheet', async () => {
    expect(
      checkZip(await workbook([['事项'], ['一']]), { maxEntries: 200, maxUncompressedBytes: 20e6 }),
    ).toEqual({
      ok: true,
    });
  });
});

describe('readPlanWorkbook', () => {
  it('reads the columns by their header, in any order, with dates as dates', async () => {
    const read = await readPlanWorkbook(
      await workbook([
        ['负责人', '完成时限', '序号', '工作事项'],
        ['张三', new Date(Date.UTC(2027, 5, 30)), 1, '  老旧小区\n改造 '],
        ['', '', 2, '危房排查'],
        ['李四', '9月底', 3, ''],
      ]),
    );
    expect(read).toEqual({
      ok: true,
      lines: [
        { row: 2, title: '老旧小区 改造', due: '2027年6月30日', owner: '张三' },
        { row: 3, title: '危房排查' },
      ],
      problems: ['第 4 行：没有事项。'],
    });
  });

  it('reads the first three columns when there is no header, and says so', async () => {
    const read = await readPlanWorkbook(await workbook([['河道清淤', '12月20日', '王五']]));
    expect(read.ok && read.lines).toEqual([{ row: 1, title: '河道清淤', due: '12月20日', owner: '王五' }]);
    expect(read.ok && read.problems[0]).toContain('没有找到');
  });

  it('reads a plan of 300 rows, and refuses 301 rather than read part of it', async () => {
    const rows = (n: number) => [['事项'], ...Array.from({ length: n }, (_, i) => [`事项${i + 1}`])];
    const full = await readPlanWorkbook(await workbook(rows(300)));
    expect(full.ok && full.lines.length).toBe(300);
    const over = await readPlanWorkbook(await workbook(rows(301)));
    expect(over).toEqual({ ok: false, reason: expect.stringContaining('超过 300 项') });
  });

  it('reads a date typed as Excel’s day number in the deadline column', async () => {
    const read = await readPlanWorkbook(
      await workbook([
        ['事项', '截止'],
        ['数字日期', 46386],
      ]),
    );
    // Excel's 45658 is 1 January 2025; 46386 is 363 days into 2026.
    expect(read.ok && read.lines[0]?.due).toBe('2026年12月30日');
  });

  it('says when a sheet has no plan items, or the file is no spreadsheet', async () => {
    const empty = await readPlanWorkbook(await workbook([['事项', '截止']]));
    expect(empty.ok && empty.problems).toEqual(['表里没有读到任何计划事项。']);
    const broken = await readPlanWorkbook(zipDeclaring(10));
    expect(broken).toEqual({ ok: false, reason: expect.stringContaining('读不出') });
  });
});
