/**
 * Reminder notes as card lines: the same kinds, recipients and wording decisions as
 * `reminderNotes` (`reminderTexts.ts`), but each note carries the item and the words a card
 * needs (`ReminderLine`), plus whether it must be made urgent (an escalation in a group whose
 * policy says 加急, sent to a person). `reminderCard(lines)` draws a batch of them.
 */
import type { Item } from '../domain/item.ts';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminderPlan.ts';
import { formatDue, localTime } from '../domain/time.ts';
import type { ReminderLine } from '../lark/cards/reminderCard.ts';
import type { Target } from './messenger.ts';
import type { NoteContext } from './reminderTexts.ts';

export interface ReminderCardNote {
  to: Target;
  line: ReminderLine;
  /** Make the message urgent (加急) for the recipient once sent. */
  urgent: boolean;
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
  const late = office.workingDaysBetween(office.dayOf(item.due), office.dayOf(ctx.fireAt));
  const group = { chatId: item.chatId };
  const notes: ReminderCardNote[] = [];
  const note = (to: Target, kind: ReminderKind, audience: 'group' | 'leader', urgent = false) =>
    notes.push({ to, line: { kind, item, dueWords, late, audience }, urgent });
  for (const kind of REMINDER_KINDS.filter((k) => kinds.includes(k))) {
    if (kind === 'escalate') {
      const to = ctx.settings.principal ?? item.lead;
      if (to) note({ openId: to.openId }, kind, 'leader', ctx.settings.policy.urgentEscalation);
      else note(group, kind, 'group');
      continue;
    }
    note(group, kind, 'group');
    if (kind === 'due' && item.lead) note({ openId: item.lead.openId }, kind, 'leader');
  }
  return notes;
}
