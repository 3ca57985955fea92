/**
 * What happens to an item after it is recorded: acknowledgement (签收), progress (进展),
 * extension requests and their approval (延期 / 批准 / 驳回), cancellation (取消). Pure: each
 * function takes the current item and returns the next one, or a refusal in Chinese that
 * the handler shows as is. Returning the very item it was given means "nothing to change".
 *
 * Any change to the deadline, owners or status bumps `planVersion` (the reminder plan of
 * the old version is then stale); acknowledgement and progress do not, because reminders
 * re-read the item when they fire and skip what no longer applies.
 */
import { completeItem, type Item, isClosed, mayChange, type Person, STATUS_CN } from './item.ts';

export interface Actor {
  person: Person;
  isAdmin: boolean;
}

export type Transition = { ok: true; item: Item } | { ok: false; reason: string };

const ok = (item: Item): Transition => ({ ok: true, item });
const refuse = (reason: string): Transition => ({ ok: false, reason });

function closedRefusal(item: Item, doing: string): Transition {
  return refuse(`#${item.no} ${STATUS_CN[item.status]}，不能再${doing}。`);
}

function changeRefusal(item: Item): Transition {
  return refuse(`只有 #${item.no} 的负责人、创建人、牵头领导或管理员可以操作它。`);
}

const isOwner = (item: Item, openId: string) => item.owners.some((o) => o.openId === openId);

/** 签收: an owner says they have it. Only owners may; a second time changes nothing. */
export function acknowledge(item: Item, actor: Actor, now: number): Transition {
  if (isClosed(item)) return closedRefusal(item, '签收');
  if (!isOwner(item, actor.person.openId)) return refuse(`只有 #${item.no} 的负责人可以签收。`);
  if (item.acknowledgedAt !== undefined) return ok(item);
  return ok({ ...item, acknowledgedAt: now, acknowledgedBy: actor.person.openId });
}

/**
 * 进展: the latest report and a count stay on the item (it stays small); every report is in
 * the audit stream. An owner reporting progress has evidently received the item, so it
 * counts as their acknowledgement too.
 */
export function recordProgress(item: Item, text: string, actor: Actor, now: number): Transition {
  if (!mayChange(item, actor.person.openId, actor.isAdmin)) return changeRefusal(item);
  if (isClosed(item)) return closedRefusal(item, '反馈进展');
  const acknowledged =
    item.acknowledgedAt === undefined && isOwner(item, actor.person.openId)
      ? { acknowledgedAt: now, acknowledgedBy: actor.person.openId }
      : {};
  return ok({
    ...item,
    ...acknowledged,
    progress: { text, at: now, by: actor.person.openId },
    progressCount: (item.progressCount ?? 0) + 1,
  });
}

export interface ExtensionAsk {
  due: number;
  allDay: boolean;
  uncoveredYears?: number[];
  reason: string;
}

/** 延期: a request waiting for approval; a new request from anyone replaces a pending one. */
export function requestExtension(item: Item, ask: ExtensionAsk, actor: Actor, now: number): Transition {
  if (!mayChange(item, actor.person.openId, actor.isAdmin)) return changeRefusal(item);
  if (isClosed(item)) return closedRefusal(item, '申请延期');
  if (ask.due <= item.due) return refuse('新的截止时间须晚于原截止时间。');
  return ok({
    ...item,
    extension: {
      due: ask.due,
      allDay: ask.allDay,
      ...(ask.uncoveredYears?.length ? { uncoveredYears: ask.uncoveredYears } : {}),
      reason: ask.reason,
      by: actor.person,
      at: now,
    },
  });
}

/** Who decides an extension: the item's lead leader, or an admin. */
export function mayDecideExtension(item: Item, actor: Actor): boolean {
  return actor.isAdmin || (item.lead !== undefined && item.lead.openId === actor.person.openId);
}

function decisionRefusal(item: Item, actor: Actor): Transition | undefined {
  if (isClosed(item)) return closedRefusal(item, '审批延期');
  if (!item.extension) return refuse(`#${item.no} 没有待审批的延期申请。`);
  if (!mayDecideExtension(item, actor)) {
    return refuse(
      item.lead
        ? `#${item.no} 的延期申请由牵头领导${item.lead.name ? ` ${item.lead.name} ` : ''}或管理员审批。`
        : `#${item.no} 没有牵头领导，延期申请由管理员审批。`,
    );
  }
  return undefined;
}

/** 批准: the deadline moves to the one asked for, and the reminder plan is redone. */
export function approveExtension(item: Item, actor: Actor, _now: number): Transition {
  const refused = decisionRefusal(item, actor);
  if (refused) return refused;
  const ext = item.extension!;
  const { extension: _pending, uncoveredYears: _years, ...rest } = item;
  return ok({
    ...rest,
    due: ext.due,
    allDay: ext.allDay,
    ...(ext.uncoveredYears?.length ? { uncoveredYears: ext.uncoveredYears } : {}),
    extensionCount: (item.extensionCount ?? 0) + 1,
    planVersion: item.planVersion + 1,
  });
}

/** 驳回: the request is dropped; the deadline stands. */
export function rejectExtension(item: Item, actor: Actor, _now: number): Transition {
  const refused = decisionRefusal(item, actor);
  if (refused) return refused;
  const { extension: _pending, ...rest } = item;
  return ok(rest);
}

/** 取消: closed without a result; reminders stop. */
export function cancelItem(item: Item, reason: string, actor: Actor, now: number): Transition {
  if (!mayChange(item, actor.person.openId, actor.isAdmin)) return changeRefusal(item);
  if (isClosed(item)) return ok(item);
  const { extension: _pending, ...rest } = item;
  return ok({
    ...rest,
    status: 'cancelled',
    cancelledAt: now,
    cancelReason: reason,
    planVersion: item.planVersion + 1,
  });
}

/** 完成: closed with its result note (the notice: nothing closes without one). */
export function finishItem(item: Item, result: string, actor: Actor, now: number): Transition {
  if (!mayChange(item, actor.person.openId, actor.isAdmin)) return changeRefusal(item);
  if (isClosed(item)) return ok(item);
  // 整改 (notice 十四): only the lead leader's (or an admin's) word closes it; anyone else's
  // 完成 hands it to them for 销号.
  if (item.kind === 'rectification' && !mayConfirmRectification(item, actor)) {
    if (item.status === 'review') return ok(item);
    return ok({
      ...item,
      status: 'review',
      result,
      reviewRequestedAt: now,
      planVersion: item.planVersion + 1,
    });
  }
  const { extension: _pending, ...rest } = completeItem(item, result || item.result, now);
  return ok(rest);
}

export function mayConfirmRectification(item: Item, actor: Actor): boolean {
  return actor.isAdmin || item.lead?.openId === actor.person.openId;
}

/** 销号 refused: the lead leader sends it back to the owners with a reason. */
export function returnRectification(item: Item, reason: string, actor: Actor): Transition {
  if (item.kind !== 'rectification') return refuse(`#${item.no} 不是整改事项，无需销号。`);
  if (!mayConfirmRectification(item, actor)) return refuse(`只有 #${item.no} 的牵头领导或管理员可以退回。`);
  if (item.status !== 'review')
    return refuse(`#${item.no} 目前${STATUS_CN[item.status]}，没有待确认的销号申请。`);
  const { reviewRequestedAt: _asked, ...rest } = item;
  return ok({ ...rest, status: 'open', returnedReason: reason, planVersion: item.planVersion + 1 });
}
