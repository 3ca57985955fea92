/**
 * The countdown card of `/计时`: who speaks, for how long, from when to when, and where the
 * speech stands — drawn again (PATCH) at one minute left and at time up. A card cannot tick by
 * itself, so it shows the end time rather than a running clock. Pure.
 */
import { type SpeechTimer, timerStageAt } from '../../domain/speechTimer.ts';
import { localTime } from '../../domain/time.ts';
import { type Card, card, markdown } from './elements.ts';
import { md, mention } from './markdown.ts';
import { validateCard } from './schema.ts';

const STAGES = {
  counting: { title: '⏱ 发言计时中', template: 'blue', line: '计时中，剩 1 分钟和时间到时更新本卡片。' },
  'one-minute': { title: '⏱ 发言还剩 1 分钟', template: 'orange', line: '还剩 1 分钟，请准备结束。' },
  'time-up': { title: '⏰ 发言时间到', template: 'red', line: '时间到，请结束发言。' },
} as const;

export function speechTimerCard(timer: SpeechTimer, now: number, timezone: string): Card {
  const stage = STAGES[timerStageAt(timer, now)];
  const who = timer.speaker.openId
    ? mention({ openId: timer.speaker.openId, name: timer.speaker.name })
    : md(timer.speaker.name);
  return validateCard(
    card({ title: stage.title, template: stage.template }, [
      markdown(
        [
          `发言人：${who}`,
          `时长：${timer.minutes} 分钟（${localTime(timer.startedAt, timezone)} 至 ${localTime(timer.endsAt, timezone)}）`,
          `**${stage.line}**`,
        ].join('\n'),
      ),
      markdown('领导讲话一般不超过 30 分钟，其他发言一般不超过 5 分钟。', 'notation'),
    ]),
  );
}
