/**
 * Processors of the meeting rules' delayed jobs on the `reminders` queue, which playground time
 * travel fires like reminders (`fireAt`): `speech-timer` (`/计时`) — one minute before a speech's
 * end and at its end, its card redrawn — and `topic-deadline` (`/会议`) — the group reminded
 * on the morning a 常务会's or 专题会's topics are due. A retry posts once (stable message keys).
 */
import type { Job } from 'bullmq';
import type { BotDeps } from '../src/bot/deps.ts';
import { at } from '../src/bot/texts/format.ts';
import type { SpeechTimer } from '../src/domain/speechTimer.ts';

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
  timer: SpeechTimer;
  stage: 'one-minute' | 'time-up';
  fireAt: number;
}

/** What the version before timer cards queued: the speaker as text. */
interface EarlierSpeechTimerJob {
  tenant: string;
  chatId: string;
  speaker: string;
  minutes: number;
  stage: 'one-minute' | 'time-up';
  timerId: string;
  fireAt: number;
}

/**
 * Redraws the timer's card for its stage. Should the card's send not have been answered yet
 * (Lark slow, the send retrying), the chat is told in a line instead, so a speaker is never left
 * without the signal; a retry of this job queues either once (stable keys).
 */
export function createSpeechTimerProcessor(deps: Pick<BotDeps, 'messenger' | 'cards'>) {
  return async (job: Job<SpeechTimerJob | EarlierSpeechTimerJob>): Promise<string> => {
    const data = job.data;
    // A timer queued by the version before cards (a deploy mid-speech): its line, as then.
    const timer: SpeechTimer =
      'timer' in data
        ? data.timer
        : {
            id: data.timerId,
            speaker: { name: data.speaker },
            minutes: data.minutes,
            startedAt: 0,
            endsAt: data.fireAt,
          };
    const { tenant, chatId, stage } = data;
    const to = { chatId };
    if ('timer' in data && (await deps.cards.redrawTimer(tenant, timer, to, stage)))
      return `${stage}: card redrawn`;
    const who = timer.speaker.openId
      ? at({ openId: timer.speaker.openId, name: timer.speaker.name })
      : timer.speaker.name;
    const text =
      stage === 'one-minute'
        ? `⏱ ${who} 的发言还剩 1 分钟（共 ${timer.minutes} 分钟）。`
        : `⏰ ${who} 的发言时间到（${timer.minutes} 分钟），请结束发言。`;
    await deps.messenger.send({
      tenant,
      to,
      message: { type: 'text', text },
      key: `timer:${timer.id}:${stage}`,
      priority: 'urgent',
    });
    return `${stage}: told in a line`;
  };
}
