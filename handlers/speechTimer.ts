/**
 * `/计时 <发言人> [N分钟]` — a countdown for a speech (notice 十五: leaders' speeches at most 30
 * minutes, everyone else's at most 5). The default is 5 minutes; more than 30 is refused. The
 * chat is told when it starts, one minute before its end and at its end (`jobs/meetingTimers.ts`).
 */
import { SPEECH_TIMER_JOB, type SpeechTimerJob } from '../jobs/meetingTimers.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { at } from '../src/bot/texts/format.ts';
import { localTime } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const TIMER_USAGE =
  '/计时 <发言人> [N分钟]（领导讲话一般不超过 30 分钟，其他发言不超过 5 分钟），例如：/计时 @张三 5分钟';
const LEADER_MAX = 30;
const DEFAULT_MINUTES = 5;

export function speechTimerCommand(deps: BotDeps): CommandSpec {
  return {
    name: '计时',
    aliases: ['timer'],
    usage: TIMER_USAGE,
    summary: '为会上发言计时：剩 1 分钟和时间到时提醒（通知第十五条）',
    async run(ctx) {
      let rest = ctx.args;
      const m = /(?:^|\s)(\d{1,3})\s*分钟(?=\s|$)/u.exec(rest);
      const minutes = m ? Number(m[1]) : DEFAULT_MINUTES;
      if (m) rest = rest.replace(m[0], ' ');
      if (minutes < 1 || minutes > LEADER_MAX)
        throw new UserError(
          `发言计时为 1—${LEADER_MAX} 分钟：领导讲话一般不超过 ${LEADER_MAX} 分钟，其他发言不超过 5 分钟。`,
          TIMER_USAGE,
        );
      const key = /@_user_\d+/u.exec(rest)?.[0];
      const person = key ? ctx.mentions.get(key) : undefined;
      const name = ctx.readable(rest).trim();
      if (!person && !name) throw new UserError('请写明发言人，或 @ 他。', TIMER_USAGE);
      const speaker = person ? at(person) : name.slice(0, 40);
      const now = deps.clock.now();
      const endsAt = now + minutes * 60_000;
      const timerId = ctx.messageId;
      const stages: Array<[SpeechTimerJob['stage'], number]> = [['time-up', endsAt]];
      if (minutes > 1) stages.unshift(['one-minute', endsAt - 60_000]);
      for (const [stage, fireAt] of stages) {
        const data: SpeechTimerJob = {
          tenant: ctx.tenant,
          chatId: ctx.chatId,
          speaker,
          minutes,
          stage,
          timerId,
          fireAt,
        };
        await deps.timers.add(SPEECH_TIMER_JOB, data, {
          jobId: `timer.${timerId}.${stage}`,
          delay: fireAt - now,
        });
      }
      const tz = deps.time.timezone;
      await ctx.reply(
        `⏱ 开始计时：${person ? person.name || '发言人' : speaker} ${minutes} 分钟，${localTime(now, tz)} 至 ${localTime(endsAt, tz)}。剩 1 分钟和时间到时提醒。`,
      );
    },
  };
}
