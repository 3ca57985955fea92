/**
 * Processors of the meeting rules' delayed jobs on the `reminders` queue, which playground time
 * travel fires like reminders (`fireAt`): `speech-timer` (`/计时`) — one minute before a speech's
 * end and at its end, a line in the chat — and `topic-deadline` (`/会议`) — the group reminded
 * on the morning a 常务会's or 专题会's topics are due. A retry posts once (stable message keys).
 */
import type { Job } from 'bullmq';
import type { BotDeps } from '../src/bot/deps.ts';

export const SPEECH_TIMER_JOB = 'speech-timer';
/** The morning a 常务会's or 专题会's topics are due: the group is reminded (`/会议`). */
export const TOPIC_DEADLINE_JOB = 'topic-deadline';

export interface TopicDeadlineJob {
  tenant: string;
  chatId: string;
  meetingNo: number;
  meetingName: string;
  /** The day topics are due by office end, and the meeting's day. */
  due: string;
  date: string;
  fireAt: number;
}

export function createTopicDeadlineProcessor(deps: Pick<BotDeps, 'messenger'>) {
  return async (job: Job<TopicDeadlineJob>): Promise<string> => {
    const t = job.data;
    await deps.messenger.send({
      tenant: t.tenant,
      to: { chatId: t.chatId },
      message: {
        type: 'text',
        text: `📌 会议#${t.meetingNo} ${t.meetingName}（${t.date}）的议题今天下班前截止提交：/议题 会议#${t.meetingNo} <议题> @汇报单位负责人。逾期的议题只有主持人可以补交。`,
      },
      key: `topic-deadline:${t.tenant}:${t.meetingNo}`,
    });
    return 'reminded';
  };
}

export interface SpeechTimerJob {
  tenant: string;
  chatId: string;
  /** The speaker as the timer named them (a name, or an `<at>` of the mention). */
  speaker: string;
  minutes: number;
  stage: 'one-minute' | 'time-up';
  /** The `/计时` message: the timer's identity. */
  timerId: string;
  fireAt: number;
}

export function createSpeechTimerProcessor(deps: Pick<BotDeps, 'messenger'>) {
  return async (job: Job<SpeechTimerJob>): Promise<string> => {
    const t = job.data;
    const text =
      t.stage === 'one-minute'
        ? `⏱ ${t.speaker} 的发言还剩 1 分钟（共 ${t.minutes} 分钟）。`
        : `⏰ ${t.speaker} 的发言时间到（${t.minutes} 分钟），请结束发言。`;
    await deps.messenger.send({
      tenant: t.tenant,
      to: { chatId: t.chatId },
      message: { type: 'text', text },
      key: `timer:${t.timerId}:${t.stage}`,
      priority: 'urgent',
    });
    return t.stage;
  };
}
