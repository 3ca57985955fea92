/**
 * The facts every item card shows, in one wording: the light, the status, the people, the
 * deadline with its weekday. Each returns card markdown with user text escaped.
 */
import { type Item, STATUS_CN } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { formatDue } from '../../domain/time.ts';
import type { HeaderTemplate } from './elements.ts';
import { md, mention, mentions, names } from './markdown.ts';

export const LIGHT_ICON: Record<Light, string> = { red: '🔴', yellow: '🟡', green: '🟢' };
export const LIGHT_CN: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

/** Header colour: the light while the item is open; grey once cancelled, orange while awaiting 销号. */
export function itemTemplate(item: Item, light: Light): HeaderTemplate {
  if (item.status === 'cancelled') return 'grey';
  if (item.status === 'done') return 'green';
  if (item.status === 'review') return 'orange';
  return light;
}

/** The light while open, ✅ once done, 🚫 once cancelled. */
export function statusIcon(item: Item, light: Light): string {
  if (item.status === 'done') return '✅';
  if (item.status === 'cancelled') return '🚫';
  return LIGHT_ICON[light];
}

/** `🟢 办理中`, `✅ 已完成`… */
export function statusBadge(item: Item, light: Light): string {
  return `${statusIcon(item, light)} ${STATUS_CN[item.status]}`;
}

/** Plain title text for headers (plain_text is not markdown, so nothing to escape). */
export const itemHead = (item: Pick<Item, 'no' | 'title'>) => `#${item.no} ${item.title}`;

export function dueLine(item: Item, timezone: string, explanation?: string): string {
  const extended = item.extensionCount ? `（已延期 ${item.extensionCount} 次）` : '';
  const why = explanation ? `（${md(explanation)}）` : '';
  return `截止：${formatDue(item.due, timezone)}${extended}${why}`;
}

function ackText(item: Item, timezone: string): string {
  if (item.acknowledgedAt !== undefined) return `已签收 ${formatDue(item.acknowledgedAt, timezone)}`;
  return item.status === 'open' ? '未签收' : '';
}

/** The people, @-ed (they are told) or named (they are not), and the unit. */
export function peopleLines(item: Item, timezone: string, notify: boolean): string[] {
  const ack = ackText(item, timezone);
  const lines = [`负责人：${notify ? mentions(item.owners) : names(item.owners)}${ack ? `（${ack}）` : ''}`];
  if (item.lead) lines.push(`牵头领导：${notify ? mention(item.lead) : names([item.lead])}`);
  if (item.unit) lines.push(`责任单位：${md(item.unit)}`);
  return lines;
}

/** Progress, a pending extension, the result or the cancel reason: what happened since. */
export function stateLines(item: Item, timezone: string): string[] {
  const lines: string[] = [];
  if (item.requirement) lines.push(`工作要求：${md(item.requirement)}`);
  if (item.progress) {
    lines.push(
      `最新进展（共 ${item.progressCount ?? 1} 次）：${md(item.progress.text)}（${formatDue(item.progress.at, timezone)}）`,
    );
  }
  if (item.extension) {
    lines.push(
      `待审批延期：至 ${formatDue(item.extension.due, timezone)}，理由：${md(item.extension.reason)}`,
    );
  }
  if (item.status === 'review' && item.result) lines.push(`整改情况：${md(item.result)}（待牵头领导销号）`);
  if (item.status === 'done') {
    const when = item.doneAt
      ? `（${formatDue(item.doneAt, timezone)}${item.doneAt > item.due ? '，逾期办结' : ''}）`
      : '';
    lines.push(`办理结果：${item.result ? md(item.result) : '（未填写）'}${when}`);
  }
  if (item.status === 'cancelled' && item.cancelReason) lines.push(`取消理由：${md(item.cancelReason)}`);
  if (item.returnedReason && item.status === 'open') lines.push(`退回理由：${md(item.returnedReason)}`);
  return lines;
}
