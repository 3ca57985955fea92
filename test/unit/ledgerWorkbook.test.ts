/**
 * The 台账 workbook read back with exceljs, as an office would open it: a title naming the
 * organisation, scope and period; a frozen, filterable header; real dates in office time; the
 * light as the 状态 cell's colour; 整改's two texts; and the 统计 sheet's figures as values that
 * equal `/统计`'s for the same rows.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { figureRowOf } from '../../src/domain/figures.ts';
import type { Item } from '../../src/domain/item.ts';
import { statistics } from '../../src/domain/statistics.ts';
import { ledgerWorkbook } from '../../src/export/ledgerWorkbook.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const NOW = at('2026-12-03T10:00');
const NOVEMBER = { label: '上月', from: at('2026-11-01T00:00'), to: at('2026-12-01T00:00') };
const zhang = { openId: 'ou_zhang', name: '张三' };
const wang = { openId: 'ou_wang', name: '王主任' };

function item(no: number, extra: Partial<Item>): Item {
  return {
    tenant: 't',
    no,
    kind: 'task',
    chatId: 'oc_g',
    title: `事项${no}`,
    owners: [zhang],
    creator: wang,
    unit: '办公室',
    due: at('2026-11-20T18:00'),
    allDay: true,
    status: 'open',
    createdAt: at('2026-11-10T09:30'),
    updatedAt: at('2026-11-10T09:30'),
    planVersion: 1,
    rev: 1,
    ...extra,
  };
}

it('writes the ledger an office can filter, sort and total', async () => {
  const items = [
    item(1, { status: 'done', doneAt: at('2026-11-19T15:00'), result: '已报送', extensionCount: 1 }),
    item(2, {
      title: '整改：消防通道堵塞',
      kind: 'rectification',
      lead: wang,
      status: 'done',
      doneAt: at('2026-11-25T10:00'),
      result: '已清理',
      signoffOpinion: '同意销号',
    }),
    item(3, { progress: { text: '已完成初稿', at: at('2026-11-18T10:00'), by: 'ou_zhang' } }),
  ];
  const stats = statistics(items.map(figureRowOf), NOVEMBER, NOW);
  const bytes = await ledgerWorkbook(
    { organisation: '县政府办公室', scope: '本群', generatedAt: NOW, timezone: TZ },
    stats,
    [items.map((i) => ({ item: i, light: i.status === 'open' ? ('red' as const) : ('green' as const) }))],
    (id) => (id === 'ou_zhang' ? '张三' : id),
  );

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['台账', '统计']);
  const sheet = book.getWorksheet('台账')!;
  expect(String(sheet.getCell('A1').value)).toBe(
    '县政府办公室督办台账 · 本群 · 上月（2026-11-01 至 2026-11-30）· 生成于 2026-12-03 10:00 周四',
  );
  expect(sheet.getRow(2).values).toEqual([
    undefined,
    ...['编号', '类型', '事项', '责任单位', '负责人', '牵头领导', '登记人', '登记时间', '截止时间', '状态'],
    ...['办结时间', '是否按期', '延期记录', '最新进展', '办理结果'],
  ]);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  expect(sheet.autoFilter).toBeTruthy();

  const first = sheet.getRow(3);
  expect(first.getCell(1).value).toBe(1);
  // A real date, showing 09:30 office time.
  const registered = first.getCell(8).value as Date;
  expect(registered).toBeInstanceOf(Date);
  expect(registered.toISOString()).toBe('2026-11-10T09:30:00.000Z');
  expect(first.getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
  expect([first.getCell(10).value, first.getCell(12).value, first.getCell(13).value]).toEqual([
    '已办结',
    '按期',
    '延期 1 次',
  ]);
  expect(sheet.getRow(4).getCell(15).value).toBe('整改情况：已清理\n牵头领导意见：同意销号');
  expect(sheet.getRow(4).getCell(12).value).toBe('逾期');
  const open = sheet.getRow(5);
  // Read as it stood at the period's end (30 November): open and past its deadline.
  expect(open.getCell(10).value).toBe('逾期未办结');
  expect(open.getCell(14).value).toBe('已完成初稿');
  expect((open.getCell(10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF4B6B6');

  const figures = book.getWorksheet('统计')!;
  const rows = figures.getSheetValues().filter(Boolean) as unknown[][];
  const total = rows.find((r) => r[1] === '合计' && typeof r[2] === 'number')!;
  // 登记 3, 在办 1, 已办结 2 (按期 1, 逾期 1), 逾期未办结 1, 已取消 0, 延期 1 (kept before the
  // approval times were: counted at the item's last change), rate 1/3.
  expect(total.slice(2, 10)).toEqual([3, 1, 2, 1, 1, 1, 0, 1]);
  expect(total[10]).toBeCloseTo(1 / 3);
  expect(rows.some((r) => r[1] === '张三')).toBe(true);
});
