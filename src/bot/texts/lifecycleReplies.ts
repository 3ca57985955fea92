/**
 * The texts of the lifecycle commands (签收, 进展, 批准, 驳回, 取消), kept together like
 * `replies.ts`. People who must act are `<at>`-ed (Lark notifies them). /延期 and /查询 answer
 * with cards (`src/lark/cards/`).
 */
import { type Item, STATUS_CN } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import { at, atAll, dueText, escapeText } from './format.ts';

const head = (item: Item) => `#${item.no} ${escapeText(item.title)}`;

export function acknowledgedText(item: Item, timezone: string): string {
  return [
    `📥 ${head(item)} 已签收，截止 ${dueText(item, timezone)}。`,
    `有进展请发送：/进展 #${item.no} 内容；办结后发送：/完成 #${item.no} 办理结果`,
  ].join('\n');
}

export function alreadyAcknowledgedText(item: Item, timezone: string): string {
  const when = item.acknowledgedAt ? `于 ${formatDue(item.acknowledgedAt, timezone)} ` : '';
  return `${head(item)} 已${when}签收，无需重复签收。`;
}

export function progressText(item: Item): string {
  return `📝 已记录 ${head(item)} 的第 ${item.progressCount ?? 1} 次进展：${escapeText(item.progress?.text ?? '')}`;
}

export function extensionApprovedText(before: Item, after: Item, timezone: string): string {
  const requester = before.extension?.by;
  return [
    `✅ ${head(after)} 的延期申请已批准${requester ? `，${at(requester)}` : ''}。`,
    `截止时间由 ${dueText(before, timezone)} 改为 ${dueText(after, timezone)}。`,
  ].join('\n');
}

export function extensionRejectedText(before: Item, reason: string, timezone: string): string {
  const requester = before.extension?.by;
  return [
    `❌ ${head(before)} 的延期申请未获批准${requester ? `，${at(requester)}` : ''}。`,
    `截止时间仍为 ${dueText(before, timezone)}。`,
    `理由：${escapeText(reason)}`,
  ].join('\n');
}

export function cancelledText(item: Item, reason: string): string {
  return [`🚫 ${head(item)} 已取消，不再提醒。${atAll(item.owners)}`, `理由：${escapeText(reason)}`].join(
    '\n',
  );
}

/** `#12 核对报表 于 2026-11-26 10:00 周四 已完成，无需重复办结。` */
export function alreadyClosedText(item: Item, timezone: string, doing = '操作'): string {
  const when = item.doneAt ?? item.cancelledAt;
  return `${head(item)} ${when ? `于 ${formatDue(when, timezone)} ` : ''}${STATUS_CN[item.status]}，无需重复${doing}。`;
}
