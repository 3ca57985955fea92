/**
 * The texts the bot answers with, in one place so their wording stays consistent. The item
 * confirmation of /任务 is a card (`src/lark/cards/itemCard.ts`).
 */
import { type Item, STATUS_CN } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { dueText, escapeText, namesOf } from './format.ts';

export const LIGHT_ICON: Record<Light, string> = { red: '🔴', yellow: '🟡', green: '🟢' };

export function itemLine(item: Item, timezone: string, light: Light): string {
  const owners = namesOf(item.owners);
  return `${LIGHT_ICON[light]} #${item.no} ${escapeText(item.title)} · ${escapeText(owners)} · 截止 ${dueText(item, timezone)}`;
}

export function statusText(item: Item): string {
  return STATUS_CN[item.status];
}
