/**
 * What a reminder says, and to whom, as card lines. A reminder job turns the kinds that fired
 * for an item into notes (one per recipient); notes for the same recipient and minute are
 * batched (`src/scheduling/batcher.ts`), and `reminderCard(lines)` draws a batch as one card.
 * Pure.
 *
 * Recipients (DESIGN §6): owners are @-ed in the group — or, for an item recorded in someone's
 * private chat with the bot, where nobody else can see it, reminded by direct message each.
 * The principal leader (主要负责人, from the group's settings) gets the escalation — or, when
 * the group has none, the lead leader, or failing that the group itself, with a word on how to
 * set one, so an escalation is never silently dropped. Work assigned privately has no group:
 * whoever decides on it gets it (`escalatedTo`), as a leader — never its owners' buttons, never
 * a word about a group. An escalation to a person in a group
 * whose policy says 加急 is marked `urgent`: the message is made urgent for them once sent.
 *
 * Leaders' private chats must not pile up (issue 9 §3): what can wait is folded into their
 * daily digest. The lead leader is not sent a message of their own at each deadline — the item
 * is in the red group of their next digest, marked 已逾期 — and the escalation stays the one
 * reminder a leader gets as a message of its own.
 */
import { deciderFor, deciderPeople } from '../../domain/access.ts';
import { type Item, isPrivateChatItem, type Person } from '../../domain/item.ts';
import type { OfficeHours } from '../../domain/officeHours.ts';
import type { GroupSettings } from '../../domain/policy.ts';
import { REMINDER_KINDS, type ReminderKind } from '../../domain/reminderPlan.ts';
import { formatDue, localTime } from '../../domain/time.ts';
import type { ReminderLine } from '../../lark/cards/reminderCard.ts';
import type { Target } from '../delivery/messenger.ts';

export interface NoteContext {
  settings: GroupSettings;
  office: OfficeHours;
  /** The planned fire time (the batch's minute and the "today" of the wording). */
  fireAt: number;
}

export interface ReminderCardNote {
  to: Target;
  line: ReminderLine;
  /** Make the message urgent (加急) for the recipient once sent. */
  urgent: boolean;
}

/** Shown under an escalation that went to the group because nobody leads it. */
export const NO_PRINCIPAL_FOOTNOTE = '本群尚未设置主要负责人，管理员可发送 /设置 领导 @某人。';

/** The recipient of one note, as a batch target string (a chat id or an open id). */
export function targetKey(to: Target): string {
  return 'chatId' in to ? to.chatId : to.openId;
}

export function reminderCardNotes(
  kinds: readonly ReminderKind[],
  item: Item,
  ctx: NoteContext,
): ReminderCardNote[] {
  const { office } = ctx;
  const tz = office.timezone;
  const sameDay = office.dayOf(item.due) === office.dayOf(ctx.fireAt);
  const dueWords = sameDay ? `今天 ${localTime(item.due, tz)}` : formatDue(item.due, tz);
  const late = office.workingDaysOverdue(item.due, ctx.fireAt);
  const group = { chatId: item.chatId };
  // Where the owners see their reminders: the group, or each owner's own chat with the bot.
  const owners: Target[] = isPrivateChatItem(item) ? item.owners.map((o) => ({ openId: o.openId })) : [group];
  const notes: ReminderCardNote[] = [];
  const note = (to: Target, kind: ReminderKind, audience: 'group' | 'leader', urgent = false) =>
    notes.push({ to, line: { kind, item, dueWords, late, audience }, urgent });
  for (const kind of REMINDER_KINDS.filter((k) => kinds.includes(k))) {
    if (kind === 'escalate') {
      const leaders = escalatedTo(item, ctx.settings);
      for (const to of leaders)
        note({ openId: to.openId }, kind, 'leader', ctx.settings.policy.urgentEscalation);
      if (leaders.length === 0) note(group, kind, 'group');
      continue;
    }
    for (const to of owners) note(to, kind, 'group');
  }
  return notes;
}

/**
 * Whom an item's escalation goes to, each by direct message (none: its group). Work assigned
 * privately has no group, so no principal and nothing to post to: it goes to those who decide
 * on it (`deciderFor`: its lead leader and whoever assigned it), not to an owner — and to whoever
 * assigned it when they are an owner themselves and nobody else leads it.
 */
function escalatedTo(item: Item, settings: GroupSettings): Person[] {
  if (!isPrivateChatItem(item)) {
    const to = settings.principal ?? item.lead;
    return to ? [to] : [];
  }
  const owners = item.owners.map((o) => o.openId);
  const deciders = deciderPeople(deciderFor(item, owners));
  return deciders.length > 0 ? deciders : [item.creator];
}
