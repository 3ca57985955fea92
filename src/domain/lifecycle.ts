/**
 * What happens to an item after it is recorded: acknowledgement (签收), progress (进展),
 * extension requests and their decision (延期 / 批准 / 驳回), cancellation (取消), finishing
 * (完成) and, for 整改 items, 销号 and 退回. Pure: each function takes the current item and the
 * actor (as `access.ts` sees them for this item) and returns the next item, or a refusal in
 * Chinese that is shown as is. Returning the very item it was given means "nothing to change".
 *
 * Who may do what is `access.ts`'s to say; these functions ask it on the item as it is when the
 * write happens, so a check can never pass on an older copy of the item.
 *
 * Any change to the deadline, owners or status bumps `planVersion` (the reminder plan of the
 * old version is then stale); acknowledgement and progress do not, because reminders re-read
 * the item when they fire and skip what no longer applies.
 */
import {
  type Actor,
  deciderFor,
  deciderPeople,
  deciderWords,
  decidesOwnRequest,
  excludedDeciders,
  type ItemPermission,
  may,
  othersWhoMayDecide,
  PERMISSIONS,
  type Role,
} from './access.ts';
import {
  completeItem,
  EXTENSION_DECISIONS_KEPT,
  type ExtensionDecision,
  type Item,
  isClosed,
  STATUS_CN,
} from './item.ts';

export type { Actor } from './access.ts';

/**
 * A refusal says why; `input` marks one the person can fix by typing the command differently
 * (so the command's usage line helps), as opposed to one about who they are or the item's state.
 */
export type Transition = { ok: true; item: Item } | { ok: false; reason: string; input?: true };

const ok = (item: Item): Transition => ({ ok: true, item });
const refuse = (reason: string): Transition => ({ ok: false, reason });

function closedRefusal(item: Item, doing: string): Transition {
  return refuse(`#${item.no} ${STATUS_CN[item.status]}，不能再${doing}。`);
}

/** `负责人、创建人、牵头领导、主要负责人或管理员`: the roles of a permission, as people say them. */
export function rolesText(roles: readonly Role[]): string {
  const words: string[] = [];
  const say = (r: Role, w: string) => roles.includes(r) && !words.includes(w) && words.push(w);
  say('owner', '负责人');
  say('creator', '创建人');
  say('lead', '牵头领导');
  say('principal', '主要负责人');
  say('groupAdmin', '管理员');
  say('orgAdmin', '管理员');
  return words.length > 1 ? `${words.slice(0, -1).join('、')}或${words.at(-1)}` : (words[0] ?? '');
}

function denied(item: Item, permission: Exclude<ItemPermission, 'read'>, doing: string): Transition {
  return refuse(`只有 #${item.no} 的${rolesText(PERMISSIONS[permission])}可以${doing}。`);
}

/** 签收: an owner says they have it. Only owners may; a second time changes nothing. */
export function acknowledge(item: Item, actor: Actor, now: number): Transition {
  if (isClosed(item)) return closedRefusal(item, '签收');
  if (!may('ack', item, actor)) return denied(item, 'ack', '签收');
  if (item.acknowledgedAt !== undefined) return ok(item);
  return ok({ ...item, acknowledgedAt: now, acknowledgedBy: actor.person.openId });
}

/**
 * The one rule of what counts as 签收 besides 签收 itself: an owner who acts on an item that
 * stays open — reports progress, asks for more time, reports a 整改 done (销号 asked) — has
 * evidently received it, so it is recorded as their acknowledgement, and nothing chases them
 * for one afterwards (a 整改 sent back, 退回, included). Someone else acting on their behalf
 * says nothing of whether the owners have it. Finishing an ordinary item closes it, so
 * nothing is chased and the record is left as it was.
 */
function receivedBy(item: Item, actor: Actor, now: number): Partial<Item> {
  const isOwner = item.owners.some((o) => o.openId === actor.person.openId);
  return item.acknowledgedAt === undefined && isOwner
    ? { acknowledgedAt: now, acknowledgedBy: actor.person.openId }
    : {};
}

/**
 * 进展: the latest report and a count stay on the item (it stays small); every report is in
 * the audit stream. An owner's report counts as their acknowledgement (`receivedBy`).
 */
export function recordProgress(item: Item, text: string, actor: Actor, now: number): Transition {
  if (!may('progress', item, actor)) return denied(item, 'progress', '反馈进展');
  if (isClosed(item)) return closedRefusal(item, '反馈进展');
  return ok({
    ...item,
    ...receivedBy(item, actor, now),
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

/**
 * 延期: a request waiting for a decision; a new request from anyone replaces a pending one. An
 * owner's request counts as their acknowledgement (`receivedBy`).
 */
export function requestExtension(item: Item, ask: ExtensionAsk, actor: Actor, now: number): Transition {
  if (!may('extend', item, actor)) return denied(item, 'extend', '申请延期');
  if (isClosed(item)) return closedRefusal(item, '申请延期');
  if (ask.due <= item.due) return { ok: false, reason: '新的截止时间须晚于原截止时间。', input: true };
  return ok({
    ...item,
    ...receivedBy(item, actor, now),
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

/** Who decides this item's pending request, in words, without knowing the group's principal. */
function decidersText(item: Item): string {
  const decider = deciderFor(item, excludedDeciders(item, 'decideExtension'));
  if (decider.kind !== 'lead' && decider.kind !== 'assigner') return `${othersWhoMayDecide(item)}审批`;
  const named = deciderPeople(decider).at(-1)?.name ? ' ' : '';
  return `${deciderWords(decider, (p) => p.name)}${named}审批（${othersWhoMayDecide(item)}也可审批）`;
}

function decisionRefusal(item: Item, actor: Actor): Transition | undefined {
  if (isClosed(item)) return closedRefusal(item, '审批延期');
  if (!item.extension) return refuse(`#${item.no} 没有待审批的延期申请。`);
  if (decidesOwnRequest(item, 'decideExtension', actor))
    return refuse(`不能审批自己提出的延期申请：#${item.no} 的这份申请由${decidersText(item)}。`);
  if (!may('decideExtension', item, actor)) return refuse(`#${item.no} 的延期申请由${decidersText(item)}。`);
  return undefined;
}

/**
 * The item's decisions with this one added: the request's card shows it whatever happens to the
 * item afterwards (a later request, 完成, 取消).
 */
function decided(item: Item, decision: Omit<ExtensionDecision, 'requestAt' | 'from' | 'to'>) {
  const ext = item.extension!;
  const entry: ExtensionDecision = { requestAt: ext.at, ...decision, from: item.due, to: ext.due };
  return [...(item.extensionDecisions ?? []), entry].slice(-EXTENSION_DECISIONS_KEPT);
}

/** 批准: the deadline moves to the one asked for, and the reminder plan is redone. */
export function approveExtension(item: Item, actor: Actor, now: number): Transition {
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
    extendedAt: [...(item.extendedAt ?? []), now],
    extensionDecisions: decided(item, { approved: true, by: actor.person, at: now }),
    planVersion: item.planVersion + 1,
  });
}

/** 驳回: the request is dropped with the reason; the deadline stands. */
export function rejectExtension(item: Item, reason: string, actor: Actor, now: number): Transition {
  const refused = decisionRefusal(item, actor);
  if (refused) return refused;
  const { extension: _pending, ...rest } = item;
  return ok({
    ...rest,
    extensionDecisions: decided(item, { approved: false, by: actor.person, at: now, reason }),
  });
}

/** 取消: closed without a result; reminders stop. */
export function cancelItem(item: Item, reason: string, actor: Actor, now: number): Transition {
  if (!may('cancel', item, actor)) return denied(item, 'cancel', '取消');
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

/**
 * 完成: closed with its result note (the notice: nothing closes without one). A 整改 item
 * (notice 十四) is closed only by someone who may sign it off and did not do the work: when an
 * owner (the lead leader included, when they are an owner) finishes it, it waits for 销号, and
 * their report counts as their acknowledgement (`receivedBy`): sent back, it is not chased for one.
 */
export function finishItem(item: Item, result: string, actor: Actor, now: number): Transition {
  if (!may('done', item, actor)) return denied(item, 'done', '办结');
  if (isClosed(item)) return ok(item);
  if (item.kind === 'rectification') {
    const isOwner = item.owners.some((o) => o.openId === actor.person.openId);
    if (isOwner || !may('signoff', item, actor)) {
      if (item.status === 'review') return ok(item);
      return ok({
        ...item,
        ...receivedBy(item, actor, now),
        status: 'review',
        result,
        reviewRequestedAt: now,
        reviewRequestedBy: actor.person.openId,
        planVersion: item.planVersion + 1,
      });
    }
  }
  const { extension: _pending, ...rest } = completeItem(item, result || item.result, now);
  return ok(rest);
}

function signoffRefusal(item: Item, actor: Actor, doing: string): Transition | undefined {
  if (item.kind !== 'rectification') return refuse(`#${item.no} 不是整改事项；办结请用 /完成。`);
  if (!may('signoff', item, actor)) return denied(item, 'signoff', doing);
  if (decidesOwnRequest(item, 'signoff', actor))
    return refuse(`#${item.no} 由您本人整改，请由主要负责人或管理员${doing}。`);
  return undefined;
}

/**
 * 销号: whoever may sign off confirms the 整改 done. The owners' 整改情况 stays as the result;
 * the opinion is kept beside it.
 */
export function signOffRectification(item: Item, opinion: string, actor: Actor, now: number): Transition {
  const refused = signoffRefusal(item, actor, '销号');
  if (refused) return refused;
  if (isClosed(item)) return ok(item);
  const { extension: _pending, ...rest } = completeItem(item, item.result, now);
  return ok({ ...rest, ...(opinion ? { signoffOpinion: opinion } : {}), signedOffBy: actor.person });
}

/** 退回: the 整改 goes back to its owners with a reason. */
export function returnRectification(item: Item, reason: string, actor: Actor): Transition {
  const refused = signoffRefusal(item, actor, '退回');
  if (refused) return refused;
  if (item.status !== 'review')
    return refuse(`#${item.no} 目前${STATUS_CN[item.status]}，没有待确认的销号申请。`);
  const { reviewRequestedAt: _asked, reviewRequestedBy: _by, ...rest } = item;
  return ok({ ...rest, status: 'open', returnedReason: reason, planVersion: item.planVersion + 1 });
}
