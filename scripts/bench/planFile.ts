/**
 * Reading a plan spreadsheet someone sent (`/计划 导入` then an `.xlsx`): what our checks add to
 * the spreadsheet library's own load of the same file, and what a zip bomb costs us.
 *
 * - baseline: exceljs loading a 300-row plan (the most a plan may have), nothing else;
 * - ours: `readPlanWorkbook` on the same bytes (size check, central-directory check, load,
 *   header search, rows read and normalised), as a ratio of the baseline;
 * - a bomb: a 64 KB archive declaring 1 GB unpacked, refused from its directory alone.
 * Medians of 15 runs, after 3 warm-up runs.
 *   npm run bench:plan-file
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readPlanWorkbook } from '../../src/import/planWorkbook.ts';
import { benchPerson, median } from './support.ts';

const RUNS = 15;

const wb = new ExcelJS.Workbook();
const sheet = wb.addWorksheet('计划');
sheet.addRow(['事项', '截止', '负责人']);
for (let i = 0; i < 300; i++)
  sheet.addRow([
    `第${i + 1}项 推进重点工作落实到位并按期报送`,
    new Date(Date.UTC(2027, i % 12, 1 + (i % 28))),
    benchPerson(i).name,
  ]);
const plan = Buffer.from(await wb.xlsx.writeBuffer());

/** 64 MB of zeros deflated (64 KB), declared as 1 GB: what a zip bomb looks like from outside. */
function bomb(): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1024 * 1024 * 1024, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1024 * 1024 * 1024, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const baseline = await timed(() => new ExcelJS.Workbook().xlsx.load(plan as unknown as ArrayBuffer));
const ours = await timed(async () => {
  const read = await readPlanWorkbook(plan);
  if (!read.ok || read.lines.length !== 300) throw new Error('plan not read');
});
const bombBytes = bomb();
const refused = await timed(async () => {
  const read = await readPlanWorkbook(bombBytes);
  if (read.ok) throw new Error('bomb not refused');
});
const heap = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(`plan spreadsheet: 300 rows, ${Math.round(plan.length / 1024)} KB`);
console.log(
  `  exceljs load alone ${baseline.toFixed(1)} ms; readPlanWorkbook ${ours.toFixed(1)} ms (${(ours / baseline).toFixed(2)}× the load)`,
);
console.log(
  `  a ${Math.round(bombBytes.length / 1024)} KB archive declaring 1 GB: refused in ${refused.toFixed(3)} ms (${(refused / baseline).toFixed(4)}× the plan's load); heap now ${heap.toFixed(0)} MB`,
);
