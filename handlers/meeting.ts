/**
 * Meetings (notice 十五): `/会议` registers one and counts the year against last year's less
 * 30%; `/议题` (`topic.ts`) adds a topic to a 常务会 or 专题会, due 3 working days before it;
 * `/纪要` — its host's, its registrar's or an organisation admin's, once the meeting has begun
 * (its time, else its day), a second one replacing the first with a word saying so — records the
 * minutes — over 2000 characters refused — and every line that begins `议定：` becomes an item,
 * read like `/任务` (owners, deadline, lead leader), unless the earlier minutes of the meeting
 * already made it (`meetingDecisions.ts`). The reply @-s each new item's owners.
 */
import { planTopicCall } from '../jobs/topicCall.ts';
import { recordTask } from '../src/bot/actions/recordTask.ts';
import { deadlineOptionsIn } from '../src/bot/args/deadlineOptions.ts';
import { requireTitle, takeDay, takeFlag } from '../src/bot/args/registerArgs.ts';
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { notHereText } from '../src/bot/texts/actionTexts.ts';
import { type DecisionReport, decisionLines } from '../src/bot/texts/decisionTexts.ts';
import { paceText } from '../src/bot/texts/registerTexts.ts';
import { mayAnswerIn } from '../src/domain/access.ts';
import { splitTrailingDeadline } from '../src/domain/deadline/index.ts';
import { chatTypeOf, type Item, isClosed, UNNAMED } from '../src/domain/item.ts';
import { sameDecision } from '../src/domain/meetingDecisions.ts';
import {
  charCount,
  type MeetingEntry,
  type MeetingType,
  MINUTES_MAX_CHARS,
  paceOf,
  TOPIC_LEAD_WORKING_DAYS,
} from '../src/domain/registers.ts';
import { atLocal, formatDayWithWeekday, localDate, yearOf } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { meetingViewRef, showMeeting } from './meetingView.ts';

export const MEETING_USAGE =
  '/会议 <名称> <日期> [时间] [主持 @领导] [参会 @…] [常务会|专题会|工作会|座谈会]，例如：/会议 第12次常务会 12月18日 9:00 主持 @刘局长 常务会；查看一次会议及其议题：/会议 会议#<编号>';
export const MINUTES_USAGE =
  '/纪要 会议#<编号> <纪要全文>；以“议定：”开头的行登记为事项，例如：议定：报送改造方案 @张三 12月25日前';

const TYPES: readonly MeetingType[] = ['常务会', '专题会', '工作会', '座谈会'];

export async function meetingRef(deps: BotDeps, ctx: MessageContext, text: string, usage: string) {
  const m = /^\s*(?:会议\s*)?#?(\d{1,6})(?=\s|$)/u.exec(text);
  if (!m) throw new UserError('请写明是哪次会议：会议#编号（登记会议时给出）。', usage);
  const meeting = await deps.registers.get(ctx.tenant, 'meeting', Number(m[1]));
  if (!meeting) throw new UserError(`没有找到 会议#${m[1]}。`, usage);
  // Another group's meeting is not this group's to add topics or minutes to (nor to see).
  if (!mayAnswerIn(meeting, { chatId: ctx.chatId, privateChat: ctx.chatType === 'p2p' }))
    throw new UserError(notHereText(`会议#${meeting.no}`, '会议'));
  return { meeting, rest: text.slice(m[0].length).trim() };
}

export async function meetingPace(deps: BotDeps, tenant: string, today: string): Promise<string> {
  const count = (await deps.registers.all(tenant, 'meeting')).filter((m) =>
    m.date.startsWith(today.slice(0, 4)),
  ).length;
  const baseline = (await deps.registers.baselines(tenant)).meeting;
  return paceText('meeting', count, baseline === undefined ? undefined : paceOf(baseline, count, today));
}

export function meetingCommand(deps: BotDeps): CommandSpec {
  return {
    name: '会议',
    aliases: ['meeting'],
    usage: MEETING_USAGE,
    summary: '登记会议：全年会议比上年减少 30%，常务会、专题会议题提前 3 个工作日提交（通知第十五条）',
    async run(ctx) {
      const now = deps.clock.now();
      const today = localDate(now, deps.time.timezone);
      if (!ctx.args.trim()) {
        // In date order: the last ten by date, the coming ones included — of this group, or in a
        // private chat those the asker registered, hosts or attends; the year's count against the
        // baseline is the whole organisation's (notice 十五).
        const mine = (m: MeetingEntry) =>
          ctx.chatType === 'p2p'
            ? [m.by, m.host].includes(ctx.sender.openId) || m.attendees.includes(ctx.sender.openId)
            : m.chatId === ctx.chatId;
        const year = (await deps.registers.all(ctx.tenant, 'meeting'))
          .filter((m) => m.date.startsWith(today.slice(0, 4)) && mine(m))
          .sort(
            (a, b) => `${a.date} ${a.time ?? ''}`.localeCompare(`${b.date} ${b.time ?? ''}`) || a.no - b.no,
          );
        const lines = year
          .slice(-10)
          .map(
            (m) =>
              `会议#${m.no} ${m.date}${m.time ? ` ${m.time}` : ''} ${m.name}${m.type ? `（${m.type}）` : ''}`,
          );
        await ctx.reply(
          [`🗓 ${today.slice(0, 4)} 年会议登记`, await meetingPace(deps, ctx.tenant, today), ...lines].join(
            '\n',
          ),
        );
        return;
      }
      // Only a reference (`会议#2`, `#2`): a meeting to register has a day, so this is one to see.
      const viewNo = meetingViewRef(ctx.args);
      if (viewNo !== undefined) return showMeeting(deps, ctx, viewNo);
      let rest = ctx.args;
      const host = /(?:^|\s)主持\s*(@_user_\d+)/u.exec(rest);
      const hostPerson = host ? ctx.mentions.get(host[1]!) : undefined;
      if (host) rest = rest.replace(host[0], ' ');
      const attendees = /(?:^|\s)参会((?:\s*@_user_\d+)+)/u.exec(rest);
      const attendeeIds = attendees
        ? [...attendees[1]!.matchAll(/@_user_\d+/gu)].flatMap((k) => ctx.mentions.get(k[0])?.openId ?? [])
        : [];
      if (attendees) rest = rest.replace(attendees[0], ' ');
      const type = takeFlag(rest, TYPES);
      rest = type.rest;
      const time = /(?:^|\s)(\d{1,2})[:：](\d{2})(?=\s|$)/u.exec(rest);
      if (time && (Number(time[1]) > 23 || Number(time[2]) > 59))
        throw new UserError(`看不懂时间“${time[0].trim()}”。`, MEETING_USAGE);
      if (time) rest = rest.replace(time[0], ' ');
      // 主持 or 参会 left without an @: the words would end up in the meeting's name.
      if (/(?:^|\s)(?:主持|参会)(?=\s|$)/u.test(rest))
        throw new UserError('主持人和参会人请用 @ 选人，例如“主持 @王主任”。', MEETING_USAGE);
      const day = takeDay(rest, today);
      if (!day.value) throw new UserError('请写明会议日期，例如“12月18日”。', MEETING_USAGE);
      const name = requireTitle(day.rest, '会议名称', MEETING_USAGE);
      const entry: Omit<MeetingEntry, 'no'> = {
        kind: 'meeting',
        chatId: ctx.chatId,
        by: ctx.sender.openId,
        createdAt: now,
        name,
        date: day.value,
        ...(time ? { time: `${time[1]!.padStart(2, '0')}:${time[2]}` } : {}),
        ...(type.value ? { type: type.value as MeetingType } : {}),
        ...(hostPerson ? { host: hostPerson.openId } : {}),
        attendees: attendeeIds,
      };
      const { entry: saved } = await deps.registers.add<'meeting'>(
        ctx.tenant,
        entry,
        ctx.messageId,
        `${name} ${day.value}`,
      );
      // The host by name, so whoever registered sees the right person was taken.
      const hostName = hostPerson
        ? (await deps.people.namesOf(ctx.tenant, [hostPerson.openId])).get(hostPerson.openId) ||
          hostPerson.name ||
          UNNAMED
        : undefined;
      const lines = [
        `🗓 已登记 会议#${saved.no} ${name} · ${saved.date}${saved.time ? ` ${saved.time}` : ''}${saved.type ? ` · ${saved.type}` : ''}${hostName ? ` · 主持：${hostName}` : ''}。`,
      ];
      const calendar = await deps.calendars.calendarFor(ctx.tenant);
      if (!calendar.isWorkingDay(saved.date)) lines.push(`⚠️ ${saved.date} 是休息日，请确认会议日期。`);
      // Topics are called for at the group's own office start of the day they are due, and are
      // due by its own office end (trial: a 09:30 group was told at 09:00).
      const call = await planTopicCall(deps, ctx.tenant, saved);
      if (call)
        lines.push(
          now > call.closesAt
            ? `议题提交已截止（会前 ${TOPIC_LEAD_WORKING_DAYS} 个工作日，即 ${call.due} 下班前）：逾期的议题须主持人同意。`
            : `议题请于 ${call.due} 下班前提交（会前 ${TOPIC_LEAD_WORKING_DAYS} 个工作日）：/议题 会议#${saved.no} <议题> @汇报单位负责人。起草说明原则上不超过 ${MINUTES_MAX_CHARS} 字，其他内容纳入附件。`,
        );
      lines.push('领导讲话一般不超过 30 分钟，参会人员发言一般不超过 5 分钟。');
      lines.push(await meetingPace(deps, ctx.tenant, today));
      await ctx.reply(lines.join('\n'));
    },
  };
}

export function minutesCommand(deps: BotDeps): CommandSpec {
  return {
    name: '纪要',
    aliases: ['minutes'],
    usage: MINUTES_USAGE,
    summary: '记录会议纪要（不超过 2000 字），“议定：”开头的行自动登记为事项',
    async run(ctx) {
      // The minutes' own lines: 议定 lines are told apart by where they start.
      const args = ctx.multiline.replace(/^[/／]\s*\S+\s*/u, '');
      const { meeting, rest } = await meetingRef(deps, ctx, args, MINUTES_USAGE);
      const body = rest.trim();
      if (!body) throw new UserError('请在会议编号后写上纪要全文。', MINUTES_USAGE);
      // The minutes are the meeting's record: its host, whoever registered it, or an organisation admin.
      const who = ctx.sender.openId;
      if (who !== meeting.host && who !== meeting.by && !deps.authority.isOrgAdmin(who))
        throw new UserError(
          `会议#${meeting.no} 的纪要由主持人或登记会议的人记录（也可请系统管理员代为记录）。`,
          MINUTES_USAGE,
        );
      // Minutes are of a meeting that has taken place: from its start (its day, without a time) on.
      const now = deps.clock.now();
      const starts = atLocal(meeting.date, meeting.time ?? '00:00', deps.time.timezone);
      if (now < starts) {
        const thisYear = yearOf(localDate(now, deps.time.timezone));
        const day = formatDayWithWeekday(meeting.date, thisYear);
        throw new UserError(
          `会议#${meeting.no} ${meeting.name} 在${day}${meeting.time ?? ''}召开，会后再记录纪要。`,
        );
      }
      const chars = charCount(ctx.readable(body));
      if (chars > MINUTES_MAX_CHARS)
        throw new UserError(
          `纪要有 ${chars} 字，超过了 ${MINUTES_MAX_CHARS} 字的上限（通知第十五条）：请精简，其他内容纳入附件。`,
          MINUTES_USAGE,
        );
      const options = await deadlineOptionsIn(deps, ctx.tenant, ctx.chatId);
      const made: Item[] = [];
      const kept: DecisionReport['kept'] = [];
      const unread: string[] = [];
      const decisions = body
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^议定[:：]/u.test(l));
      // What the earlier minutes made: a line saying the same again is that item (`sameDecision`).
      const earlier = await deps.items.getMany(ctx.tenant, meeting.decisions ?? []);
      const nos: number[] = [];
      for (const [i, line] of decisions.entries()) {
        try {
          const clauses = readTaskClauses(line.replace(/^议定[:：]\s*/u, ''), ctx.mentions, MINUTES_USAGE);
          const { title, deadline } = splitTrailingDeadline(clauses.rest, now, options);
          const fullTitle = checkTitle(`${meeting.name}议定：${title}`, MINUTES_USAGE);
          const same = sameDecision([...earlier, ...made], { title: fullTitle, owners: clauses.owners });
          if (same) {
            // Its deadline stays: moving one is /延期's, with its approval.
            const moved = deadline.ok && deadline.due !== same.due ? deadline.due : undefined;
            if (!kept.some((k) => k.item.no === same.no) && !made.includes(same))
              kept.push({ item: same, ...(moved === undefined ? {} : { movedTo: moved }) });
            continue;
          }
          if (!deadline.ok) throw new UserError(deadline.reason);
          const item = await recordTask(
            deps,
            {
              tenant: ctx.tenant,
              kind: 'task',
              chatId: ctx.chatId,
              chatType: chatTypeOf(ctx.chatType),
              title: fullTitle,
              owners: clauses.owners,
              creator: ctx.sender,
              ...(clauses.lead ? { lead: clauses.lead } : {}),
              ...(clauses.unit ? { unit: clauses.unit } : {}),
              due: deadline.due,
              allDay: deadline.allDay,
              ...(deadline.uncoveredYears.length ? { uncoveredYears: deadline.uncoveredYears } : {}),
              sourceMessageId: ctx.messageId,
            },
            deadline.explanation,
            `${ctx.messageId}:decision:${i}`,
          );
          nos.push(item.no);
          made.push(item);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          unread.push(`“${ctx.readable(line).slice(0, 40)}”：${e.message}`);
        }
      }
      const updated: MeetingEntry = {
        ...meeting,
        minutesChars: chars,
        minutesBy: ctx.sender.openId,
        minutesAt: now,
        decisions: [...new Set([...(meeting.decisions ?? []), ...nos])],
      };
      await deps.registers.put(ctx.tenant, updated, {
        actor: ctx.sender.openId,
        at: now,
        action: 'register.meeting.minutes',
        detail: `会议#${meeting.no} ${chars}字`,
      });
      const lines = [
        meeting.minutesChars === undefined
          ? `📝 已记录 会议#${meeting.no} ${meeting.name} 的纪要（${chars} 字）。`
          : `📝 已替换 会议#${meeting.no} ${meeting.name} 的纪要：原 ${meeting.minutesChars} 字，现 ${chars} 字。`,
      ];
      const prefix = `${meeting.name}议定：`;
      lines.push(
        ...decisionLines({
          made,
          kept,
          untouched: earlier.filter((e) => !isClosed(e) && !kept.some((k) => k.item.no === e.no)),
          short: (item) => (item.title.startsWith(prefix) ? item.title.slice(prefix.length) : item.title),
          notify: ctx.chatType === 'group',
          timezone: deps.time.timezone,
        }),
      );
      if (unread.length > 0) lines.push(`以下议定事项没有登记，请改正后用 /任务 补登：`, ...unread);
      await ctx.reply(lines.join('\n'));
    },
  };
}
