/**
 * `/计时 <发言人> [N分钟]` — a countdown card for a speech (notice 十五: leaders' speeches at most
 * 30 minutes, everyone else's at most 5). The default is 5 minutes; more than 30 is refused. The
 * card is sent under the timer's name and redrawn at one minute left and at time up
 * (`jobs/meetingTimers.ts`).
 */
import { SPEECH_TIMER_JOB, type SpeechTimerJob } from '../jobs/meetingTimers.ts';
import { timerCardName } from '../src/bot/delivery/cardRefresh.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { SPEECH_DEFAULT_MINUTES, SPEECH_MAX_MINUTES, type SpeechTimer } from '../src/domain/speechTimer.ts';
import { UserError } from '../src/errors.ts';
import { speechTimerCard } from '../src/lark/cards/speechTimerCard.ts';

export const TIMER_USAGE =
  '/计时 <发言人> [N分钟]（领导讲话一般不超过 30 分钟，其他发言不超过 5 分钟），例如：/计时 @张三 5分钟';

export function speechTimerCommand(deps: BotDeps): CommandSpec {
  return {
    name: '计时',
    aliases: ['timer'],
    usage: TIMER_USAGE,
    summary: '为会上发言计时：计时卡片在剩 1 分钟和时间到时更新（通知第十五条）',
    async run(ctx) {
      let rest = ctx.args;
      const m = /(?:^|\s)(\d{1,3})\s*分钟(?=\s|$)/u.exec(rest);
      const minutes = m ? Number(m[1]) : SPEECH_DEFAULT_MINUTES;
      if (m) rest = rest.replace(m[0], ' ');
      if (minutes < 1 || minutes > SPEECH_MAX_MINUTES)
        throw new UserError(
          `发言计时为 1—${SPEECH_MAX_MINUTES} 分钟：领导讲话一般不超过 ${SPEECH_MAX_MINUTES} 分钟，其他发言不超过 5 分钟。`,
          TIMER_USAGE,
        );
      const key = /@_user_\d+/u.exec(rest)?.[0];
      const person = key ? ctx.mentions.get(key) : undefined;
      const name = ctx.readable(rest).trim();
      if (!person && !name) throw new UserError('请写明发言人，或 @ 他。', TIMER_USAGE);
      const now = deps.clock.now();
      const timer: SpeechTimer = {
        id: ctx.messageId,
        speaker: person
          ? { openId: person.openId, name: person.name }
          : { name: [...name].slice(0, 40).join('') },
        minutes,
        startedAt: now,
        endsAt: now + minutes * 60_000,
      };
      const stages: Array<[SpeechTimerJob['stage'], number]> = [['time-up', timer.endsAt]];
      if (minutes > 1) stages.unshift(['one-minute', timer.endsAt - 60_000]);
      for (const [stage, fireAt] of stages) {
        const data: SpeechTimerJob = { tenant: ctx.tenant, chatId: ctx.chatId, timer, stage, fireAt };
        await deps.timers.add(SPEECH_TIMER_JOB, data, {
          jobId: `timer.${timer.id}.${stage}`,
          delay: fireAt - now,
        });
      }
      const card = speechTimerCard(timer, now, deps.time.timezone);
      await ctx.reply({ type: 'card', card: { ...card } }, { rememberAs: timerCardName(timer.id) });
    },
  };
}
