/**
 * When a group is called to send a 常务会's or 专题会's topics (`/会议`; the call itself is sent by
 * `createTopicDeadlineProcessor`): at the group's own office start of the day topics are due —
 * 3 working days before the meeting (notice 十五) — and only while that moment is ahead.
 *
 * Planned here when the meeting is registered, and planned again here whenever that moment may
 * have moved: the group's office hours changed (`/设置 提醒 上班 …`; trial: a group that moved its
 * office start to 09:30 in the afternoon was still called at 09:00 the next morning) or the
 * tenant's calendar did (`/日历`), which moves the due day. The job's id names the meeting, so
 * planning twice queues one call; a call already sent is never sent again.
 */
import type { Job } from 'bullmq';
import { officeHoursIn } from '../src/bot/args/deadlineOptions.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { WorkingDayCalendar } from '../src/domain/calendar.ts';
import type { OfficeHours } from '../src/domain/officeHours.ts';
import { type MeetingEntry, TOPIC_LEAD_WORKING_DAYS } from '../src/domain/registers.ts';
import { localDate } from '../src/domain/time.ts';
import { TOPIC_DEADLINE_JOB, type TopicDeadlineJob } from './meetingTimers.ts';

type Deps = Pick<BotDeps, 'calendars' | 'settings' | 'clock' | 'timers'>;

export interface TopicCall {
  /** The day topics are due by the group's office end. */
  due: string;
  /** When the group is called: its office start that day, or the next moment it may be pushed to. */
  callAt: number;
  /** When topics are late: the group's office end of `due`. */
  closesAt: number;
}

/** The meeting's topic call job: one per meeting, whoever plans it. */
export const topicCallJobId = (tenant: string, meetingNo: number) => `topic-deadline.${tenant}.${meetingNo}`;

/** The topic call of a meeting that takes topics (常务会, 专题会), on this calendar and these hours. */
export function topicCallOf(
  meeting: MeetingEntry,
  calendar: WorkingDayCalendar,
  office: OfficeHours,
): TopicCall | undefined {
  if (meeting.type !== '常务会' && meeting.type !== '专题会') return undefined;
  const due = calendar.addWorkingDays(meeting.date, -TOPIC_LEAD_WORKING_DAYS);
  return { due, callAt: office.pushAt(office.startOf(due)), closesAt: office.endOf(due) };
}

/** Queues a newly registered meeting's topic call while it is ahead; the call, if the meeting has one. */
export async function planTopicCall(
  deps: Deps,
  tenant: string,
  meeting: MeetingEntry,
): Promise<TopicCall | undefined> {
  const { calendar, office } = await officeHoursIn(deps, tenant, meeting.chatId);
  const call = topicCallOf(meeting, calendar, office);
  const now = deps.clock.now();
  if (!call || call.callAt <= now) return call;
  const job: TopicDeadlineJob = {
    tenant,
    chatId: meeting.chatId,
    meetingNo: meeting.no,
    meetingName: meeting.name,
    due: call.due,
    date: meeting.date,
    fireAt: call.callAt,
  };
  await deps.timers.add(TOPIC_DEADLINE_JOB, job, {
    jobId: topicCallJobId(tenant, meeting.no),
    delay: call.callAt - now,
  });
  return call;
}

/**
 * Moves each topic call still waiting — of the chat's meetings, or of all the tenant's — to the
 * time the group's hours and the calendar give now. A call whose new time has passed goes at
 * once, late, as a job the bot was down for does; one whose topics are already closed (the
 * calendar moved the due day into the past) is dropped, for "today by office end" would be wrong.
 * A call already sent, or never queued (the meeting was registered after it), is left alone.
 * Returns how many moved or were dropped.
 */
export async function replanTopicCalls(
  deps: Deps & Pick<BotDeps, 'registers' | 'logger' | 'time'>,
  tenant: string,
  chatId?: string,
): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now, deps.time.timezone);
  const meetings = (await deps.registers.all(tenant, 'meeting')).filter(
    (m) => m.date >= today && (chatId === undefined || m.chatId === chatId),
  );
  const hours = new Map<string, Awaited<ReturnType<typeof officeHoursIn>>>();
  let changed = 0;
  for (const meeting of meetings) {
    try {
      const job = (await deps.timers.getJob(topicCallJobId(tenant, meeting.no))) as
        | Job<TopicDeadlineJob>
        | undefined;
      if (!job || (await job.getState()) !== 'delayed') continue;
      const inChat = hours.get(meeting.chatId) ?? (await officeHoursIn(deps, tenant, meeting.chatId));
      hours.set(meeting.chatId, inChat);
      const call = topicCallOf(meeting, inChat.calendar, inChat.office);
      if (!call || now > call.closesAt) {
        await job.remove();
        changed++;
        continue;
      }
      if (job.data.fireAt === call.callAt && job.data.due === call.due) continue;
      // The delay first: should the job start meanwhile, the call goes once, at the old time.
      await job.changeDelay(Math.max(0, call.callAt - now));
      await job.updateData({ ...job.data, due: call.due, fireAt: call.callAt });
      changed++;
    } catch (err) {
      deps.logger.error('topic call could not be replanned', { tenant, meeting: meeting.no, err });
    }
  }
  return changed;
}
