/**
 * What a reminder says, and to whom. A reminder job turns the kinds that fired for an item
 * into notes (one per recipient); notes for the same recipient and minute are batched, and
 * `batchText` lays a batch out as one message, a section per kind. Pure.
 *
 * Recipients (DESIGN §6): owners are @-ed in the group; the lead leader gets a direct message
 * at the deadline; the principal leader (主要负责人, from the group's settings) gets the
 * escalation — or, when the group has none, the lead leader, or failing that the group itself,
 * with a word on how to set one, so an escalation is never silently dropped.
 */
import type { Item } from '../domain/item.ts';
import type { OfficeHours } from '../domain/officeHours.ts';
import type { GroupSettings } from '../domain/policy.ts';
import { REMINDER_KINDS, type ReminderKind } from '../domain/reminderPlan.ts';
import { formatDue, localTime } from '../domain/time.ts';
import { atAll, escapeText, namesOf } from './format.ts';
import type { Target } from './messenger.ts';

export interface ReminderNote {
  to: Target;
  kind: ReminderKind;
  no: number;
  text: string;
}

export const REMINDER_HEADER: Record<ReminderKind, string> = {
  unacknowledged: '📨 签收催办',
  approach: '🟡 临近提醒',
  due: '🔴 到期催办',
  overdue: '🔴 逾期催办',
  escalate: '⚠️ 逾期上报',
};

export interface NoteContext {
  settings: GroupSettings;
  office: OfficeHours;
  /** The planned fire time (the batch's minute and the "today" of the wording). */
  fireAt: number;
}

/** The recipient of one note, as a batch target string (a chat id or an open id). */
export function targetKey(to: Target): string {
  return 'chatId' in to ? to.chatId : to.openId;
}

function dueWords(item: Item, ctx: NoteContext): string {
  const tz = ctx.office.timezone;
  return ctx.office.dayOf(item.due) === ctx.office.dayOf(ctx.fireAt)
    ? `今天 ${localTime(item.due, tz)}`
    : formatDue(item.due, tz);
}

export function reminderNotes(kinds: readonly ReminderKind[], item: Item, ctx: NoteContext): ReminderNote[] {
  const tz = ctx.office.timezone;
  const head = `#${item.no} ${escapeText(item.title)}`;
  const owners = atAll(item.owners);
  const group = { chatId: item.chatId };
  const dueAt = formatDue(item.due, tz);
  const late = ctx.office.workingDaysBetween(ctx.office.dayOf(item.due), ctx.office.dayOf(ctx.fireAt));
  const notes: ReminderNote[] = [];
  const note = (to: Target, kind: ReminderKind, text: string) => notes.push({ to, kind, no: item.no, text });

  for (const kind of REMINDER_KINDS.filter((k) => kinds.includes(k))) {
    switch (kind) {
      case 'unacknowledged':
        note(group, kind, `${head}（截止 ${dueAt}）尚未签收，请 ${owners} 发送 /签收 #${item.no} 确认收到。`);
        break;
      case 'approach':
        note(group, kind, `${head} 将于 ${dueWords(item, ctx)} 到期，请 ${owners} 抓紧办理。`);
        break;
      case 'due':
        note(
          group,
          kind,
          `${head} 已到截止时间（${dueAt}），请 ${owners} 尽快办结，办结后发送 /完成 #${item.no} 办理结果。`,
        );
        if (item.lead)
          note(
            { openId: item.lead.openId },
            kind,
            `${head} 已到截止时间（${dueAt}），尚未办结。负责人：${escapeText(namesOf(item.owners))}。`,
          );
        break;
      case 'overdue':
        note(
          group,
          kind,
          `${head} 已逾期 ${Math.max(1, late)} 个工作日（截止 ${dueAt}），请 ${owners} 尽快办结，或用 /进展 #${item.no} 说明情况。`,
        );
        break;
      case 'escalate': {
        const urgent = ctx.settings.policy.urgentEscalation ? '【加急】' : '';
        const lead = item.lead ? `；牵头领导：${escapeText(namesOf([item.lead]))}` : '';
        const text = `${urgent}${head} 已逾期 ${Math.max(1, late)} 个工作日（截止 ${dueAt}），尚未办结。负责人：${escapeText(namesOf(item.owners))}${lead}。`;
        const to = ctx.settings.principal ?? item.lead;
        if (to) note({ openId: to.openId }, kind, text);
        else note(group, kind, `${text}（本群尚未设置主要负责人，管理员可发送 /设置 领导 @某人。）`);
        break;
      }
    }
  }
  return notes;
}

/** One message for a batch: a section per kind, in plan order, items by number. */
export function batchText(lines: ReadonlyArray<{ kind: ReminderKind; no: number; text: string }>): string {
  const out: string[] = [];
  for (const kind of REMINDER_KINDS) {
    const section = lines.filter((l) => l.kind === kind).sort((a, b) => a.no - b.no);
    if (section.length === 0) continue;
    out.push(section.length > 1 ? `${REMINDER_HEADER[kind]}（${section.length} 项）` : REMINDER_HEADER[kind]);
    for (const l of section) out.push(l.text);
  }
  return out.join('\n');
}
