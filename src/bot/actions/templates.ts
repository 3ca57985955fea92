/**
 * What the notice's templates (/收文 /反馈问题 /解读 /整改 /分解) share: deadlines counted the
 * notice's way, and recording several items from one message — each through the same
 * repository call as /任务, each with its own idempotency key so a retried command makes none
 * twice — followed by one confirmation listing every milestone with its date and weekday.
 */
import type { WorkingDayCalendar } from '../../domain/calendar.ts';
import {
  type DeadlineOptions,
  type DeadlineResult,
  parseDeadline,
  uncoveredYearsNotice,
} from '../../domain/deadline/index.ts';
import { chatTypeOf, type Item, type NewItem } from '../../domain/item.ts';
import { restDayDeadline } from '../../domain/restDay.ts';
import { atLocal, localDate } from '../../domain/time.ts';
import type { BotDeps } from '../deps.ts';
import type { CommandContext } from '../dispatch/router.ts';
import { atAll, dueText, escapeText } from '../texts/format.ts';
import { recordItem } from './recordTask.ts';

export type Deadline = Extract<DeadlineResult, { ok: true }>;

/** `N个工作日内` as the parser reads it: the end (the chat's office end) of the N-th working day after today. */
export function inWorkingDays(n: number, now: number, options: DeadlineOptions): Deadline {
  const result = parseDeadline(`${n}个工作日内`, now, options);
  if (!result.ok) throw new Error(`${n}个工作日内 did not resolve: ${result.reason}`);
  return result;
}

/** 收到的当日: today at office end, or — received after it or on a day off — the next working day. */
export function sameWorkingDay(now: number, options: DeadlineOptions): Deadline {
  const { calendar, workdayEnd } = options;
  const tz = calendar.timezone;
  const today = localDate(now, tz);
  const endToday = atLocal(today, workdayEnd, tz);
  if (calendar.isWorkingDay(today) && now < endToday) {
    return {
      ok: true,
      due: endToday,
      allDay: true,
      explanation: '收到当日下班前',
      uncoveredYears: [],
      matched: '',
    };
  }
  const next = calendar.nextWorkingDay(today);
  return {
    ok: true,
    due: atLocal(next, workdayEnd, tz),
    allDay: true,
    explanation: '下班后或休息日收到，顺延至下一个工作日下班前',
    uncoveredYears: calendar.uncoveredYears(today, next),
    matched: '',
  };
}

export interface Milestone {
  item: Omit<
    NewItem,
    'tenant' | 'chatId' | 'chatType' | 'creator' | 'sourceMessageId' | 'due' | 'allDay' | 'uncoveredYears'
  >;
  deadline: Deadline;
}

/** Records each milestone (in order) and returns the stored items. */
export async function recordMilestones(
  ctx: CommandContext,
  deps: BotDeps,
  milestones: Milestone[],
  firstIndex = 0,
): Promise<Item[]> {
  const items: Item[] = [];
  for (const [k, { item, deadline }] of milestones.entries()) {
    const { item: stored } = await recordItem(
      deps,
      {
        ...item,
        tenant: ctx.tenant,
        chatId: ctx.chatId,
        chatType: chatTypeOf(ctx.chatType),
        creator: ctx.sender,
        sourceMessageId: ctx.messageId,
        due: deadline.due,
        allDay: deadline.allDay,
        uncoveredYears: deadline.uncoveredYears.length > 0 ? deadline.uncoveredYears : undefined,
      },
      { detail: deadline.explanation, idempotencyKey: `${ctx.messageId}#${firstIndex + k}` },
    );
    items.push(stored);
  }
  return items;
}

/**
 * One confirmation for a template: a headline, each milestone's number, date and weekday (and,
 * under a deadline that falls on a rest day, the note that says so), then extras.
 */
export function milestonesConfirmation(
  headline: string,
  items: Item[],
  milestones: Milestone[],
  calendar: WorkingDayCalendar,
  extra: string[] = [],
): string {
  const timezone = calendar.timezone;
  const lines = [`✅ ${headline}`];
  items.forEach((item, k) => {
    const why = milestones[k]?.deadline.explanation;
    lines.push(
      `#${item.no} ${escapeText(item.title)} · 截止 ${dueText(item, timezone)}${why ? `（${escapeText(why)}）` : ''}`,
    );
    const restDay = restDayDeadline(item.due, item.allDay, calendar, item.createdAt);
    if (restDay) lines.push(`⚠️ ${restDay.note}`);
  });
  const owners = items[0]?.owners ?? [];
  if (owners.length > 0) lines.push(`负责人：${atAll(owners)}`);
  // The lead leader is told by the confirmation, as a /任务's card names him.
  const lead = items[0]?.lead;
  if (lead) lines.push(`牵头领导：${atAll([lead])}`);
  const unit = items[0]?.unit;
  if (unit) lines.push(`责任单位：${escapeText(unit)}`);
  lines.push(...extra);
  const uncovered = [...new Set(items.flatMap((i) => i.uncoveredYears ?? []))].sort();
  const note = uncoveredYearsNotice(uncovered);
  if (note) lines.push(note);
  return lines.join('\n');
}
