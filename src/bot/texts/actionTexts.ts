/**
 * What the bot says when an item changes — the same words whether the change came from a chat
 * command or a card button (`src/bot/actions/itemActions.ts` picks them): a message for the
 * chat, and a one-line toast for whoever pressed a button. People who must act are `<at>`-ed
 * (Lark notifies them). /延期 and /查询 answer with cards (`src/lark/cards/`).
 */
import { type Decider, deciderWords } from '../../domain/access.ts';
import { type Item, type Person, STATUS_CN } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import { at, atAll, dueText, escapeText, namesOf } from './format.ts';

const head = (item: Item) => `#${item.no} ${escapeText(item.title)}`;

/** `牵头领导 <at>王主任</at>`: whom a request waits for, @-ed (`deciderWords`). */
export function deciderText(decider: Decider): string {
  return deciderWords(decider, at);
}

/** The same, named rather than @-ed, for a toast. */
export function deciderName(decider: Decider): string {
  return deciderWords(decider, (p) => p.name);
}

export function acknowledgedText(item: Item, timezone: string): string {
  // Signed for after its deadline: say so, or the reply reads as if there were time left.
  const late =
    item.acknowledgedAt !== undefined && item.acknowledgedAt >= item.due ? '（已逾期，请尽快办结）' : '';
  return [
    `📥 ${head(item)} 已签收，截止 ${dueText(item, timezone)}${late}。`,
    `有进展请发送：/进展 #${item.no} 内容；办结后发送：/完成 #${item.no} 办理结果`,
  ].join('\n');
}

export function alreadyAcknowledgedText(item: Item, timezone: string): string {
  const when = item.acknowledgedAt ? `于 ${formatDue(item.acknowledgedAt, timezone)} ` : '';
  return `#${item.no} ${escapeText(item.title)} 已${when}签收，无需重复签收。`;
}

/** The same for a toast (plain text, so no title that would need escaping). */
export function alreadyAcknowledgedToast(item: Item, timezone: string): string {
  const when = item.acknowledgedAt ? `于 ${formatDue(item.acknowledgedAt, timezone)} ` : '';
  return `#${item.no} 已${when}签收，无需重复签收。`;
}

export function progressText(item: Item): string {
  return `📝 已记录 ${head(item)} 的第 ${item.progressCount ?? 1} 次进展：${escapeText(item.progress?.text ?? '')}`;
}

/** `（按期办结）` or `（逾期办结）`: against the deadline the item had when it closed. */
export function punctuality(before: Item, after: Item): string {
  return (after.doneAt ?? 0) > before.due ? '（逾期办结）' : '（按期办结）';
}

export function doneText(before: Item, after: Item): string {
  const closed = after.kind === 'rectification' ? '已销号' : '已办结';
  return [
    `✅ ${head(after)} ${closed}${punctuality(before, after)}。`,
    `办理结果：${escapeText(after.result ?? '')}`,
  ].join('\n');
}

/**
 * The same told to the item's group when it was finished from a private chat, where the group
 * saw none of it: one line naming who (not @-ed: nobody need act). The result is on the item
 * for /查询; the words the private chat was answered with stay there.
 */
export function doneElsewhereText(before: Item, after: Item, by: Person): string {
  const closed = after.kind === 'rectification' ? '已销号' : '已办结';
  return `✅ ${escapeText(namesOf([by]))} ${closed} ${head(after)}${punctuality(before, after)}。`;
}

/** A 整改 item reported done: whoever signs it off is asked to. */
export function reviewRequestedText(item: Item, decider: Decider): string {
  return [
    `📝 ${head(item)} 已提交销号申请，整改情况：${escapeText(item.result ?? '')}`,
    `请${deciderText(decider)} 确认：/销号 #${item.no} [意见]，或 /退回 #${item.no} <理由>。`,
  ].join('\n');
}

/** The same told to the item's group when it was reported done from a private chat: one line, the decider @-ed. */
export function reviewRequestedElsewhereText(item: Item, by: Person, decider: Decider): string {
  return `📝 ${escapeText(namesOf([by]))} 已提交 ${head(item)} 的销号申请，请${deciderText(decider)} 确认：/销号 #${item.no} 或 /退回 #${item.no} <理由>。`;
}

export function signedOffText(item: Item): string {
  const by = item.signedOffBy?.name ? `（${escapeText(item.signedOffBy.name)}）` : '';
  return [
    `✅ ${head(item)} 已销号。`,
    ...(item.result ? [`整改情况：${escapeText(item.result)}`] : []),
    ...(item.signoffOpinion ? [`销号意见${by}：${escapeText(item.signoffOpinion)}`] : []),
  ].join('\n');
}

export function returnedText(item: Item, reason: string): string {
  return `↩️ ${head(item)} 已退回，请 ${atAll(item.owners)} 继续整改：${escapeText(reason)}`;
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
  return `#${item.no} ${escapeText(item.title)} ${when ? `于 ${formatDue(when, timezone)} ` : ''}${STATUS_CN[item.status]}，无需重复${doing}。`;
}

/** The same for a toast: `#12 于 2026-11-26 10:00 周四 已完成，无需重复办结。` */
export function alreadyClosedToast(item: Item, timezone: string, doing = '操作'): string {
  const when = item.doneAt ?? item.cancelledAt;
  return `#${item.no} ${when ? `于 ${formatDue(when, timezone)} ` : ''}${STATUS_CN[item.status]}，无需重复${doing}。`;
}

/** `#12 没有找到`: also what someone who may not read the item is told (it does not exist for them). */
export function notFoundText(no: number): string {
  return `没有找到 #${no}，请用 /列表 查看编号。`;
}

/**
 * A command about an item typed in a group that is not the item's (`mayAnswerIn`); a register
 * entry (a meeting) is refused the same way, under its own reference and noun.
 */
export function notHereText(ref: number | string, noun = '事项'): string {
  return `${typeof ref === 'number' ? `#${ref}` : ref} 不是本群的${noun}，不在这里显示或办理（本群有人看不到它）。请到它所在的群，或在与落实的私聊中发送同样的命令。`;
}
