/**
 * The texts the bot answers with, in one place so their wording stays consistent.
 * (Cards replace several of these in the cards issue; the facts shown stay the same.)
 */
import { type Item, STATUS_CN } from '../domain/item.ts';
import type { Light } from '../domain/light.ts';
import { at, atAll, dueText, escapeText, uncoveredNote } from './format.ts';

export function itemConfirmation(item: Item, timezone: string, explanation?: string): string {
  const lines = [
    `✅ 已登记 #${item.no} ${escapeText(item.title)}`,
    `负责人：${atAll(item.owners)}`,
    `截止：${dueText(item, timezone)}${explanation ? `（${escapeText(explanation)}）` : ''}`,
  ];
  if (item.lead) lines.push(`牵头领导：${at(item.lead)}`);
  if (item.unit) lines.push(`责任单位：${escapeText(item.unit)}`);
  const note = uncoveredNote(item.uncoveredYears);
  if (note) lines.push(note);
  lines.push(`办结后发送：/完成 #${item.no} 办理结果`);
  return lines.join('\n');
}

export const LIGHT_ICON: Record<Light, string> = { red: '🔴', yellow: '🟡', green: '🟢' };

export function itemLine(item: Item, timezone: string, light: Light): string {
  const owners = item.owners.map((o) => o.name || o.openId).join('、');
  return `${LIGHT_ICON[light]} #${item.no} ${escapeText(item.title)} · ${escapeText(owners)} · 截止 ${dueText(item, timezone)}`;
}

export function statusText(item: Item): string {
  return STATUS_CN[item.status];
}
