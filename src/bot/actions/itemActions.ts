/**
 * The one way an item is read or changed, for chat commands and card buttons alike. A command
 * handler or the card handler reads its arguments, then calls `applyItemAction`; the rules live
 * here and in the domain, never in the caller:
 *
 * 1. the item is read, and the person is seen as the item sees them (`Authority.actorOn`: their
 *    roles on the item and in the item's group, wherever they act from); someone who may not
 *    read the item is told it does not exist;
 * 2. a press on a card that shows an older state (the item closed, its plan moved on, the
 *    extension request it shows was decided) changes nothing and is answered as stale;
 * 3. the domain transition runs inside the repository's atomic compare-and-set, so its
 *    permission check sees the item as it is written; a refusal is a `UserError`;
 * 4. the result carries the words for the chat, for a toast and for whoever else must hear of
 *    it (`actionWords.ts`), and the follow-up (`followUp.ts`) acts on it: a new reminder plan,
 *    redrawn card copies, and the message others are told (a request to decide, a decision).
 */
import { mayAnswerIn, mayRead } from '../../domain/access.ts';
import { isCheckIn } from '../../domain/breakdown.ts';
import type { Item, Person } from '../../domain/item.ts';
import {
  type Actor,
  acknowledge,
  approveExtension,
  cancelItem,
  type ExtensionAsk,
  finishItem,
  recordProgress,
  rejectExtension,
  requestExtension,
  returnRectification,
  signOffRectification,
  type Transition,
} from '../../domain/lifecycle.ts';
import { formatDue } from '../../domain/time.ts';
import { UserError } from '../../errors.ts';
import type { BotDeps } from '../deps.ts';
import { lookUp, peopleIn } from '../people/naming.ts';
import * as say from '../texts/actionTexts.ts';
import { type Words, wordsFor } from './actionWords.ts';
import type { Deadline } from './templates.ts';

export type ActionInput =
  | { action: 'ack' }
  | { action: 'progress'; text: string }
  | { action: 'done'; note: string }
  | { action: 'extend'; deadline: Deadline; reason: string }
  | { action: 'approve' }
  | { action: 'reject'; reason: string }
  | { action: 'cancel'; reason: string }
  | { action: 'signoff'; opinion: string }
  | { action: 'return'; reason: string };

export type ItemActionName = ActionInput['action'];

export interface ActionRequest {
  tenant: string;
  no: number;
  who: Person;
  /** The chat they act from: a command's chat, or the chat of the card they pressed. */
  from: string;
  /**
   * A command typed in a group chat: it is answered there, so it must be the item's own group
   * (`mayAnswerIn`). Unset for a press: the bot posted that card where its item may be shown.
   */
  typedInGroup?: boolean;
  input: ActionInput;
  /** A press: the state its card showed, so a press on an outdated card changes nothing. */
  shown?: { planVersion: number; extensionAt?: number };
  /** Shown under a refusal (a command's usage line). */
  usage?: string;
}

export interface Applied extends Words {
  kind: 'applied';
  before: Item;
  after: Item;
  /** False when the item already was as asked (a second 签收): nothing written. */
  changed: boolean;
  actor: Actor;
  /** When it was applied, and the chat it was done from (`ActionRequest.from`). */
  at: number;
  from: string;
}

export interface Stale {
  kind: 'stale';
  item: Item;
  toast: { type: 'info' | 'warning'; text: string };
}

export type ActionResult = Applied | Stale;

type Deps = Pick<BotDeps, 'items' | 'authority' | 'settings' | 'calendars' | 'clock' | 'time' | 'people'>;

/**
 * The item, for someone who may read it; otherwise "没有找到" — the same answer as for a
 * number that does not exist, so numbers cannot be probed.
 */
export async function readItem(
  deps: Pick<BotDeps, 'items' | 'authority'>,
  tenant: string,
  no: number,
  who: Person,
  from: string,
  typedInGroup = false,
): Promise<{ item: Item; actor: Actor }> {
  const item = await deps.items.get(tenant, no);
  if (!item) throw new UserError(say.notFoundText(no));
  // A press carries only an open_id; the item may know the name.
  const known = [...item.owners, item.lead, item.creator].find((p) => p?.openId === who.openId && p.name);
  const actor = await deps.authority.actorOn(item, who.name ? who : (known ?? who), from);
  if (!mayRead(item, actor)) throw new UserError(say.notFoundText(no));
  if (!mayAnswerIn(item, { chatId: from, privateChat: !typedInGroup }))
    throw new UserError(say.notHereText(no));
  return { item, actor };
}

/** Why a pressed card no longer matches the item, or undefined when the press may go on. */
function staleness(
  item: Item,
  input: ActionInput,
  shown: NonNullable<ActionRequest['shown']>,
  timezone: string,
): Stale | undefined {
  const stale = (type: Stale['toast']['type'], text: string): Stale => ({
    kind: 'stale',
    item,
    toast: { type, text },
  });
  if (item.status === 'done' || item.status === 'cancelled') {
    if (input.action === 'done' && item.status === 'done')
      return stale('info', say.alreadyClosedToast(item, timezone, '办结'));
    return stale(
      'warning',
      `#${item.no} ${item.status === 'done' ? '已完成' : '已取消'}，卡片已更新为最新状态。`,
    );
  }
  if ((input.action === 'approve' || input.action === 'reject') && item.extension?.at !== shown.extensionAt)
    return stale('warning', `#${item.no} 的这份延期申请已处理或已更新，卡片已更新为最新状态。`);
  if (shown.planVersion !== item.planVersion)
    return stale(
      'warning',
      `这张卡片已过期（#${item.no} 的截止时间或状态有变），已更新为最新状态，请核对后再操作。`,
    );
  return undefined;
}

interface Step {
  transition: (item: Item, actor: Actor, now: number) => Transition;
  audit: { action: string; detail?: string };
}

function stepOf(input: ActionInput, timezone: string): Step {
  switch (input.action) {
    case 'ack':
      return { transition: acknowledge, audit: { action: 'acknowledge' } };
    case 'progress':
      return {
        transition: (i, a, now) => recordProgress(i, input.text, a, now),
        audit: { action: 'progress', detail: input.text },
      };
    case 'done':
      return {
        transition: (i, a, now) => finishItem(i, input.note, a, now),
        audit: { action: 'complete', detail: input.note },
      };
    case 'extend': {
      const { deadline, reason } = input;
      const ask: ExtensionAsk = {
        due: deadline.due,
        allDay: deadline.allDay,
        uncoveredYears: deadline.uncoveredYears,
        reason,
      };
      return {
        transition: (i, a, now) => requestExtension(i, ask, a, now),
        audit: { action: 'extension-request', detail: `至 ${formatDue(deadline.due, timezone)}；${reason}` },
      };
    }
    case 'approve':
      return { transition: approveExtension, audit: { action: 'extension-approve' } };
    case 'reject':
      return {
        transition: (i, a, now) => rejectExtension(i, input.reason, a, now),
        audit: { action: 'extension-reject', detail: input.reason },
      };
    case 'cancel':
      return {
        transition: (i, a, now) => cancelItem(i, input.reason, a, now),
        audit: { action: 'cancel', detail: input.reason },
      };
    case 'signoff':
      return {
        transition: (i, a, now) => signOffRectification(i, input.opinion, a, now),
        audit: { action: 'signoff', detail: input.opinion },
      };
    case 'return':
      return {
        transition: (i, a) => returnRectification(i, input.reason, a),
        audit: { action: 'signoff-return', detail: input.reason },
      };
  }
}

/**
 * A 签收 of a check-in counts for its task (`/分解`): the check-in names the task, so its owner
 * has evidently received it, and must not be chased for 签收 of the task afterwards (as an
 * owner's progress counts as 签收, `receivedBy`). The task's own 签收 covers its check-ins
 * (`reminderPlan.ts`); this is the same rule seen from the other side. Nothing is said of it:
 * the task's history records it, and a chase already planned re-reads the task when it fires.
 */
async function signMainItem(deps: Deps, req: ActionRequest, checkIn: Item, now: number): Promise<void> {
  const parent = await deps.items.get(req.tenant, checkIn.parentNo!);
  if (!parent || parent.acknowledgedAt !== undefined) return;
  const actor = await deps.authority.actorOn(parent, req.who, req.from);
  await deps.items.update(
    req.tenant,
    parent.no,
    (item) => {
      const t = acknowledge(item, actor, now);
      return t.ok ? t.item : item;
    },
    { actor: req.who.openId, action: 'acknowledge', at: now, detail: `随 #${checkIn.no} 签收` },
  );
}

export async function applyItemAction(deps: Deps, req: ActionRequest): Promise<ActionResult> {
  const { item: current, actor } = await readItem(
    deps,
    req.tenant,
    req.no,
    req.who,
    req.from,
    req.typedInGroup,
  );
  if (req.shown) {
    const stale = staleness(current, req.input, req.shown, deps.time.timezone);
    if (stale) return stale;
  }
  const tz = deps.time.timezone;
  const step = stepOf(req.input, tz);
  const now = deps.clock.now();
  const written = await deps.items.update(
    req.tenant,
    req.no,
    (item) => {
      const t = step.transition(item, actor, now);
      if (!t.ok) throw new UserError(t.reason, t.input ? req.usage : undefined);
      return t.item;
    },
    { actor: req.who.openId, action: step.audit.action, at: now, detail: step.audit.detail },
  );
  if (!written) throw new UserError(say.notFoundText(req.no));
  const { before, after } = written;
  const changed = after !== before;
  if (req.input.action === 'ack' && changed && isCheckIn(after)) await signMainItem(deps, req, after, now);
  // The words name people as they are called now (a press carries only the operator's open_id).
  const names = await lookUp(deps.people, req.tenant, [
    ...peopleIn(before),
    ...peopleIn(after),
    actor.person.openId,
  ]);
  const words = await wordsFor(deps, req.input, {
    before: names.item(before),
    after: names.item(after),
    changed,
    by: names.person(actor.person),
  });
  return { kind: 'applied', before, after, changed, actor, at: now, from: req.from, ...words };
}
