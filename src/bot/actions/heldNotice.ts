/**
 * Office hours hold for what an action tells others (DESIGN §6): whoever typed or pressed is
 * answered at once, and so is the chat they acted in — that is a reply; a notice to anyone else
 * or any other chat is a push, and goes out at the next moment that chat's office hours allow
 * (`officeHoursFor`: a group's own, the deployment's for a person). 张三 asking on a Sunday
 * evening for more time reaches 王主任 at Monday's office start, not in his evening.
 *
 * A held notice waits as a delayed job on the `reminders` queue, as a reminder does (so the
 * playground's time travel promotes it by its `fireAt`), and is sent under the key it would
 * have had at once, so a retry of the follow-up or of the job sends it once.
 *
 * When it is sent it reads the item again, for nothing held may mislead:
 * - a card of the item is drawn as the item is then (later changes redraw it from there on);
 * - a request to decide (an extension, a 销号) is dropped once it was decided, withdrawn or the
 *   item closed meanwhile: nobody is asked at 09:00 to decide what someone else settled at
 *   22:00 — the decision, itself held, tells whoever must hear of it;
 * - a fact (done, cancelled, approved, rejected, signed off, returned) still goes: it happened,
 *   and whoever was told nothing would go on working on a cancelled item.
 */
import { isClosed } from '../../domain/item.ts';
import { officeHoursFor } from '../args/deadlineOptions.ts';
import type { ItemCopy } from '../delivery/messageOps.ts';
import { messageUuid, type OutgoingMessage, type Target } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';
import { renderCopy } from '../views/itemCards.ts';

/** The delayed job's name on the `reminders` queue. */
export const HELD_NOTICE_JOB = 'held-notice';

/** The state of the item a request to decide was made in: the request stands while it is so. */
export interface Asking {
  planVersion: number;
  extensionAt?: number;
}

export interface Notice {
  tenant: string;
  no: number;
  to: Target;
  message: OutgoingMessage;
  key: string;
  showsItem?: ItemCopy;
  /** Set for a request to decide: dropped when the item no longer asks it. */
  asking?: Asking;
}

export interface HeldNoticeJob extends Notice {
  /** The office moment it is held to (bot clock; time travel reads it). */
  fireAt: number;
}

type Deps = Pick<
  BotDeps,
  'items' | 'calendars' | 'settings' | 'time' | 'clock' | 'timers' | 'messenger' | 'people'
>;

/**
 * Sends `notice` now when it goes to the chat acted from (`from`) or its chat's office is open;
 * otherwise holds it to that chat's next office moment.
 */
export async function tellOrHold(deps: Deps, notice: Notice, from: string | undefined): Promise<void> {
  const now = deps.clock.now();
  const own = from !== undefined && 'chatId' in notice.to && notice.to.chatId === from;
  const at = own ? now : (await officeHoursFor(deps, notice.tenant, notice.to)).pushAt(now);
  if (at <= now) return send(deps, notice);
  const job: HeldNoticeJob = { ...notice, fireAt: at };
  // BullMQ ids may not contain ':'; the key's uuid is stable, so a retry adds nothing.
  await deps.timers.add(HELD_NOTICE_JOB, job, { jobId: `held.${messageUuid(notice.key)}`, delay: at - now });
}

/** The delayed job's work: the notice as the item is now, unless it would mislead. */
export async function sendHeldNotice(deps: Deps, job: HeldNoticeJob): Promise<string> {
  const item = await deps.items.get(job.tenant, job.no);
  if (!item) return 'item gone';
  const { asking } = job;
  if (
    asking &&
    (isClosed(item) || item.planVersion !== asking.planVersion || item.extension?.at !== asking.extensionAt)
  )
    return 'decided meanwhile';
  const { fireAt: _, asking: __, ...notice } = job;
  if (notice.showsItem && notice.message.type === 'card') {
    const card = await renderCopy(deps, job.tenant, notice.showsItem);
    if (!card) return 'item gone';
    notice.message = { type: 'card', card: { ...card } };
  }
  await send(deps, notice);
  return 'told';
}

async function send(deps: Pick<Deps, 'messenger'>, n: Notice): Promise<void> {
  await deps.messenger.send({
    tenant: n.tenant,
    to: n.to,
    message: n.message,
    key: n.key,
    ...(n.showsItem ? { showsItem: n.showsItem } : {}),
  });
}
