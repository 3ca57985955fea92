/**
 * An item as the card builders' tests draw it: #12 起草年度工作总结 of 张三, led by 王主任, due
 * Thursday 10 December 18:00, recorded at `SAMPLE_NOW`. Each test overrides what it is about.
 */
import type { Item } from '../../src/domain/item.ts';

export const SAMPLE_TZ = 'Asia/Shanghai';
export const ZHANG = { openId: 'ou_zhangsan', name: '张三' };
export const WANG = { openId: 'ou_wang', name: '王主任' };
export const SAMPLE_NOW = Date.parse('2026-11-26T10:00:00+08:00');

export function sampleItem(overrides: Partial<Item> = {}): Item {
  return {
    tenant: 't1',
    no: 12,
    kind: 'task',
    chatId: 'oc_group',
    title: '起草年度工作总结',
    owners: [ZHANG],
    creator: { openId: 'ou_creator', name: '' },
    lead: WANG,
    unit: '县发改委',
    due: Date.parse('2026-12-10T18:00:00+08:00'),
    allDay: true,
    status: 'open',
    createdAt: SAMPLE_NOW,
    updatedAt: SAMPLE_NOW,
    planVersion: 1,
    rev: 1,
    ...overrides,
  };
}
