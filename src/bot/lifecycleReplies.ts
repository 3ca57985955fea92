/**
 * The texts of the lifecycle commands (签收, 进展, 延期, 批准, 驳回, 取消) and of /查询, kept
 * together like `replies.ts` so the cards work can swap them for cards without touching the
 * handlers. People who must act are `<at>`-ed (Lark notifies them); people merely named in a
 * status or a history are written as plain names, so reading a status pings nobody.
 */
import { type Item, STATUS_CN } from '../domain/item.ts';
import type { Light } from '../domain/light.ts';
import { formatDue } from '../domain/time.ts';
import type { AuditEntry } from '../storage/itemRepository.ts';
import { at, atAll, dueText, escapeText, namesOf, uncoveredNote } from './format.ts';
import { LIGHT_ICON } from './replies.ts';

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

export function extensionRequestedText(item: Item, timezone: string, replaced: boolean): string {
  const ext = item.extension!;
  const deciders = item.lead ? `牵头领导 ${at(item.lead)} 或管理员` : '管理员';
  const lines = [
    `⏳ ${head(item)} ${replaced ? '更新了延期申请' : '申请延期'}：`,
    `新截止：${formatDue(ext.due, timezone)}（原截止 ${dueText(item, timezone)}）`,
    `理由：${escapeText(ext.reason)}`,
  ];
  const note = uncoveredNote(ext.uncoveredYears);
  if (note) lines.push(note);
  lines.push(`请${deciders}审批：/批准 #${item.no} 或 /驳回 #${item.no} 理由`);
  return lines.join('\n');
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

const ACTION_CN: Record<string, string> = {
  create: '登记',
  acknowledge: '签收',
  progress: '进展',
  'extension-request': '申请延期',
  'extension-approve': '批准延期',
  'extension-reject': '驳回延期',
  cancel: '取消',
  complete: '办结',
  signoff: '销号',
  'signoff-return': '退回整改',
};

/** A readable name for whoever appears in an item's history, never an open_id. */
function actorName(item: Item, openId: string): string {
  const known = [...item.owners, ...(item.lead ? [item.lead] : []), item.extension?.by]
    .filter((p) => p !== undefined)
    .find((p) => p.openId === openId && p.name);
  if (known) return escapeText(known.name);
  if (item.creator.openId === openId) return '创建人';
  return '成员';
}

/** How many history lines /查询 shows; the dashboard has the whole trail. */
export const HISTORY_LINES = 8;

export function itemStatusText(
  item: Item,
  light: Light,
  history: readonly AuditEntry[],
  timezone: string,
): string {
  const ack = item.acknowledgedAt
    ? `（已签收 ${formatDue(item.acknowledgedAt, timezone)}）`
    : item.status === 'open'
      ? '（未签收）'
      : '';
  const lines = [
    `${LIGHT_ICON[light]} ${head(item)} · ${STATUS_CN[item.status]}`,
    `负责人：${escapeText(namesOf(item.owners))}${ack}`,
  ];
  if (item.lead) lines.push(`牵头领导：${escapeText(item.lead.name || '（未知）')}`);
  if (item.unit) lines.push(`责任单位：${escapeText(item.unit)}`);
  lines.push(
    `截止：${dueText(item, timezone)}${item.extensionCount ? `（已延期 ${item.extensionCount} 次）` : ''}`,
  );
  if (item.progress) {
    lines.push(
      `最新进展（共 ${item.progressCount ?? 1} 次）：${escapeText(item.progress.text)}（${formatDue(item.progress.at, timezone)}）`,
    );
  }
  if (item.extension) {
    lines.push(
      `待审批延期：至 ${formatDue(item.extension.due, timezone)}，理由：${escapeText(item.extension.reason)}`,
    );
  }
  if (item.status === 'done' && item.result) lines.push(`办理结果：${escapeText(item.result)}`);
  if (item.status === 'cancelled' && item.cancelReason)
    lines.push(`取消理由：${escapeText(item.cancelReason)}`);
  if (history.length > 0) {
    const shown = history.slice(-HISTORY_LINES);
    lines.push(
      history.length > shown.length ? `记录（最近 ${shown.length} 条，共 ${history.length} 条）：` : '记录：',
    );
    for (const e of shown) {
      const detail = e.detail ? `：${escapeText(e.detail)}` : '';
      lines.push(
        `· ${formatDue(e.at, timezone)} ${actorName(item, e.actor)} ${ACTION_CN[e.action] ?? e.action}${detail}`,
      );
    }
  }
  return lines.join('\n');
}
