/**
 * Processor of `speech-timer` jobs on the `reminders` queue (`/计时`): a delayed job at one
 * minute before the speech's end and one at its end, each posting one line in the chat. They
 * are delayed jobs like reminders, so playground time travel fires them too (`fireAt`). A
 * retry posts once: the message key is the timer's and the stage's.
 */
import type { Job } from 'bullmq';
import type { BotDeps } from '../src/bot/deps.ts';

export const SPEECH_TIMER_JOB = 'speech-timer';

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
