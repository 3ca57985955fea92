/**
 * `/调研 <主题> <日期> 随机|暗访|安排 [单位 名称]` — registers a survey (notice 四): at least half
 * of the surveys are random checks or unannounced visits. Each registration says the quarter's
 * share; when it falls below 50%, the group's principal leader is told privately. `/调研` alone
 * shows this quarter's share and the year's.
 */
import { requireTitle, takeDay, takeFlag, takeUnit } from '../src/bot/args/registerArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { randomShareText } from '../src/bot/texts/registerTexts.ts';
import { quarterOf, randomShare, type SurveyEntry, type SurveyMode } from '../src/domain/registers.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const SURVEY_USAGE =
  '/调研 <主题> <日期> 随机|暗访|安排 [单位 名称]，例如：/调研 农村危房改造 12月8日 暗访 单位 县住建委';

export function surveyCommand(deps: BotDeps): CommandSpec {
  return {
    name: '调研',
    aliases: ['survey'],
    usage: SURVEY_USAGE,
    summary: '登记调研：随机抽查、暗访随访的应占 50% 以上（通知第四条）',
    async run(ctx) {
      const now = deps.clock.now();
      const today = localDate(now, deps.time.timezone);
      const all = await deps.registers.all(ctx.tenant, 'survey');
      const quarter = (q: string) => all.filter((s) => quarterOf(s.date) === q);
      if (!ctx.args.trim()) {
        const year = all.filter((s) => s.date.startsWith(today.slice(0, 4)));
        await ctx.reply(
          [
            randomShareText('本季度', randomShare(quarter(quarterOf(today)))),
            randomShareText('今年', randomShare(year)),
          ].join('\n'),
        );
        return;
      }
      let rest = ctx.args;
      const unit = takeUnit(rest, SURVEY_USAGE);
      rest = unit.rest;
      const mode = takeFlag(rest, ['随机', '暗访', '安排']);
      if (!mode.value) throw new UserError('请写明调研方式：随机、暗访或安排。', SURVEY_USAGE);
      rest = mode.rest;
      const day = takeDay(rest, today);
      if (!day.value) throw new UserError('请写明调研日期，例如“12月8日”。', SURVEY_USAGE);
      const topic = requireTitle(day.rest, '调研主题', SURVEY_USAGE);
      const entry: Omit<SurveyEntry, 'no'> = {
        kind: 'survey',
        chatId: ctx.chatId,
        by: ctx.sender.openId,
        createdAt: now,
        topic,
        date: day.value,
        mode: mode.value as SurveyMode,
        ...(unit.value ? { unit: unit.value } : {}),
      };
      const { entry: saved, created } = await deps.registers.add<'survey'>(
        ctx.tenant,
        entry,
        ctx.messageId,
        `${topic} ${day.value}`,
      );
      const q = quarterOf(saved.date);
      const before = randomShare(quarter(q));
      const after = randomShare([...quarter(q).filter((s) => s.no !== saved.no), saved]);
      const label = `${q.slice(0, 4)}年第${q.slice(5)}季度`;
      await ctx.reply(
        `🧭 已登记 调研#${saved.no}：${topic} · ${saved.date} · ${saved.mode}。\n${randomShareText(label, after)}`,
      );
      // Told once, when this registration takes the quarter below the line.
      if (created && after.belowRule && !before.belowRule) {
        const { principal } = await deps.settings.get(ctx.tenant, ctx.chatId);
        if (principal)
          await deps.messenger.send({
            tenant: ctx.tenant,
            to: { openId: principal.openId },
            message: {
              type: 'text',
              text: `🧭 调研#${saved.no}（${topic}，${saved.mode}）登记后：${randomShareText(label, after)}\n请安排更多随机抽查、暗访随访。`,
            },
            key: `survey-below:${ctx.tenant}:${q}:${saved.no}`,
          });
      }
    },
  };
}
