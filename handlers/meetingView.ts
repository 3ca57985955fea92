/**
 * `/会议 会议#n` (or `/会议 #n`) — one meeting as it stands: its name, type, day and time with
 * the weekday, host and registrar by name, the topic deadline of a 常务会 or 专题会 (3 working
 * days before, by the group's office end) and whether it has passed, each topic with its
 * reporter and whether it came late (and, for a late one, the host's decision), and the minutes:
 * who recorded them, when, and the 议定 items made. Before it, the only way to see a meeting's
 * topics was to be in the chat when each came in (trial: `/会议 会议#2` was read as registering
 * a meeting). Shown where `/会议` lists the meetings — to anyone in the meeting's own chat, or
 * privately — and refused in another group like an item is (`mayAnswerIn`), for its topics are
 * that group's business. A text, like the `/会议` list: it has nothing to press.
 */
import { topicCallOf } from '../jobs/topicCall.ts';
import { officeHoursIn } from '../src/bot/args/deadlineOptions.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import { notHereText } from '../src/bot/texts/actionTexts.ts';
import { mayAnswerIn } from '../src/domain/access.ts';
import { UNNAMED } from '../src/domain/item.ts';
import { type MeetingEntry, TOPIC_LEAD_WORKING_DAYS } from '../src/domain/registers.ts';
import { atLocal, formatDue, localTime, WEEKDAY_CN, weekdayOf } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

/** `会议#2`, `会议 #2`, `#2` (full-width ＃ is made half-width before commands are read) and nothing after. */
export function meetingViewRef(args: string): number | undefined {
  const m = /^\s*(?:会议\s*)?#(\d{1,6})\s*$/u.exec(args);
  return m ? Number(m[1]) : undefined;
}

export async function showMeeting(deps: BotDeps, ctx: MessageContext, no: number): Promise<void> {
  const meeting = await deps.registers.get(ctx.tenant, 'meeting', no);
  if (!meeting) throw new UserError(`没有找到 会议#${no}，请发送 /会议 查看今年登记的会议。`);
  if (!mayAnswerIn(meeting, { chatId: ctx.chatId, privateChat: ctx.chatType === 'p2p' }))
    throw new UserError(notHereText(`会议#${no}`, '会议'));
  await ctx.reply(await meetingViewText(deps, ctx.tenant, meeting));
}

async function meetingViewText(deps: BotDeps, tenant: string, meeting: MeetingEntry): Promise<string> {
  const { timezone } = deps.time;
  const now = deps.clock.now();
  const topics = meeting.topics ?? [];
  const held = meeting.lateTopics ?? [];
  const ids = [
    meeting.by,
    ...(meeting.host ? [meeting.host] : []),
    ...(meeting.minutesBy ? [meeting.minutesBy] : []),
    ...topics.map((t) => t.reporter),
    ...held.map((t) => t.reporter),
  ];
  const names = await deps.people.namesOf(tenant, ids);
  const name = (id: string) => names.get(id) || UNNAMED;
  const day = (date: string) => `${date}（${WEEKDAY_CN[weekdayOf(date)]}）`;

  const lines = [
    `🗓 会议#${meeting.no} ${meeting.name}${meeting.type ? `（${meeting.type}）` : ''}`,
    `时间：${day(meeting.date)}${meeting.time ? ` ${meeting.time}` : ''}`,
    `主持：${meeting.host ? name(meeting.host) : '未登记'}`,
    `登记：${name(meeting.by)}`,
  ];
  // The deadline as /会议 and /议题 reckon it: the group's own calendar and office end.
  const { calendar, office } = await officeHoursIn(deps, tenant, meeting.chatId);
  const call = topicCallOf(meeting, calendar, office);
  const meetingEnded = now >= atLocal(meeting.date, '23:59', timezone);
  if (call)
    lines.push(
      `议题截止：${day(call.due)} ${localTime(call.closesAt, timezone)} 下班前（会前 ${TOPIC_LEAD_WORKING_DAYS} 个工作日）${now > call.closesAt ? '，已截止' : '，尚未截止'}`,
    );

  if (topics.length === 0 && held.length === 0) lines.push('议题：暂无');
  else lines.push(`议题（已上会 ${topics.length} 个）：`);
  for (const [i, t] of topics.entries()) {
    const when = !t.late ? '按时提交' : t.acceptedBy ? '逾期，主持人同意上会' : '逾期，主持人本人补交';
    lines.push(`${i + 1}. ${t.title} · 汇报：${name(t.reporter)} · ${when}`);
  }
  // Late topics the host has not taken: still to decide, refused, or left undecided past the day.
  for (const t of held) {
    const decision = t.declinedBy ? '不同意' : meetingEnded ? '未决定（会议已召开）' : '待定';
    lines.push(`· ${t.title} · 汇报：${name(t.reporter)} · 逾期，主持人${decision}（未上会）`);
  }

  if (meeting.minutesChars === undefined) lines.push('纪要：尚未记录');
  else {
    const who =
      meeting.minutesBy && meeting.minutesAt !== undefined
        ? `，${name(meeting.minutesBy)} 记录于 ${formatDue(meeting.minutesAt, timezone)}`
        : '';
    const decisions = meeting.decisions ?? [];
    lines.push(
      `纪要：已记录（${meeting.minutesChars} 字${who}）；议定事项 ${decisions.length} 项${decisions.length ? `：${decisions.map((n) => `#${n}`).join(' ')}` : ''}`,
    );
  }
  return lines.join('\n');
}
