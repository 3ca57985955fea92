/**
 * A speech timer (`/计时`, notice 十五: leaders' speeches at most 30 minutes, everyone else's at
 * most 5). Its card is drawn from this and the time now, so a redraw is always current whenever
 * it runs: counting, one minute left, time up.
 */
export const SPEECH_MAX_MINUTES = 30;
export const SPEECH_DEFAULT_MINUTES = 5;

export interface SpeechTimer {
  /** The `/计时` message: the timer's identity. */
  id: string;
  /** Who speaks: a mentioned person, or a name as typed (no open_id). */
  speaker: { openId?: string; name: string };
  minutes: number;
  startedAt: number;
  endsAt: number;
}

export type TimerStage = 'counting' | 'one-minute' | 'time-up';

export function timerStageAt(timer: SpeechTimer, now: number): TimerStage {
  if (now >= timer.endsAt) return 'time-up';
  if (timer.minutes > 1 && now >= timer.endsAt - 60_000) return 'one-minute';
  return 'counting';
}
