/**
 * `/发文 <标题> <页数>页 [政策性] [单位 名称] [配套 上级要求] [理由 …]` — registers an outgoing
 * document (notice 十六): a policy document over 10 pages needs a stated reason, a 配套 document
 * names the superior requirement it answers, and the year's count is held against last year's
 * less 30%. `/发文` alone shows the year's register.
 */
import { requireTitle, takeClause, takeFlag, takeUnit } from '../src/bot/args/registerArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { paceText } from '../src/bot/texts/registerTexts.ts';
import { type DocumentEntry, documentRefusal, paceOf } from '../src/domain/registers.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';

export const DOCUMENT_USAGE =
  '/发文 <标题> <页数>页 [政策性] [单位 名称] [配套 上级要求] [理由 …]，例如：/发文 关于加强安全生产的通知 6页 政策性 单位 县应急局';

const REMINDER =
  '提示：能通过便函发送的，不发红头文件；能用工作群发送的，不上政务办公网；提倡条目式、简短型文件。';

export async function documentSummary(
  deps: BotDeps,
  tenant: string,
  today: string,
): Promise<{ count: number; text: string }> {
  const year = today.slice(0, 4);
  const docs = (await deps.registers.all(tenant, 'document')).filter((d) => d.date.startsWith(year));
  const baseline = (await deps.registers.baselines(tenant)).document;
  return {
    count: docs.length,
    text: paceText(
      'document',
      docs.length,
      baseline === undefined ? undefined : paceOf(baseline, docs.length, today),
    ),
  };
}

export function documentCommand(deps: BotDeps): CommandSpec {
  return {
    name: '发文',
    aliases: ['document'],
    usage: DOCUMENT_USAGE,
    summary: '登记发文：政策性文件超过 10 页须说明理由，全年发文比上年减少 30%（通知第十六条）',
    async run(ctx) {
      const now = deps.clock.now();
      const today = localDate(now, deps.time.timezone);
      if (!ctx.args.trim()) {
        const docs = (await deps.registers.all(ctx.tenant, 'document')).filter((d) =>
          d.date.startsWith(today.slice(0, 4)),
        );
        const recent = docs
          .slice(-10)
          .map((d) => `发文#${d.no} ${d.title}（${d.pages} 页${d.policy ? '，政策性' : ''}）${d.date}`);
        await ctx.reply(
          [
            `📄 ${today.slice(0, 4)} 年发文登记`,
            (await documentSummary(deps, ctx.tenant, today)).text,
            ...recent,
          ].join('\n'),
        );
        return;
      }
      let rest = ctx.args;
      const reason = takeClause(rest, '理由', DOCUMENT_USAGE, ['配套', '单位']);
      rest = reason.rest;
      const superior = takeClause(rest, '配套', DOCUMENT_USAGE, ['理由', '单位', '政策性']);
      rest = superior.rest;
      if (/(?:^|\s)配套(?:\s|$)/u.test(rest))
        throw new UserError(
          '配套文件须写明上级的明确要求：“配套 <上级文件或要求>”；上级没有明确要求的，不发配套文件。',
          DOCUMENT_USAGE,
        );
      const unit = takeUnit(rest, DOCUMENT_USAGE);
      rest = unit.rest;
      const policy = takeFlag(rest, ['政策性']);
      rest = policy.rest;
      const pagesMatch = /(?:^|\s)(\d{1,4})\s*页(?=\s|$)/u.exec(rest);
      if (!pagesMatch) throw new UserError('请写明页数，例如“6页”。', DOCUMENT_USAGE);
      const pages = Number(pagesMatch[1]);
      if (pages < 1) throw new UserError('页数至少是 1。', DOCUMENT_USAGE);
      rest = `${rest.slice(0, pagesMatch.index)} ${rest.slice(pagesMatch.index + pagesMatch[0].length)}`;
      const title = requireTitle(rest, '文件标题', DOCUMENT_USAGE);
      const refusal = documentRefusal({
        pages,
        policy: !!policy.value,
        ...(reason.value ? { reason: reason.value } : {}),
      });
      if (refusal) throw new UserError(refusal, DOCUMENT_USAGE);
      const entry: Omit<DocumentEntry, 'no'> = {
        kind: 'document',
        chatId: ctx.chatId,
        by: ctx.sender.openId,
        createdAt: now,
        date: today,
        title,
        pages,
        policy: !!policy.value,
        ...(unit.value ? { unit: unit.value } : {}),
        ...(reason.value ? { reason: reason.value } : {}),
        ...(superior.value ? { superior: superior.value } : {}),
      };
      const { entry: saved } = await deps.registers.add<'document'>(
        ctx.tenant,
        entry,
        ctx.messageId,
        `${title} ${pages}页`,
      );
      const summary = await documentSummary(deps, ctx.tenant, today);
      await ctx.reply(
        [
          `📄 已登记 发文#${saved.no}《${title}》，${pages} 页${saved.policy ? '，政策性' : ''}${saved.superior ? `，配套：${saved.superior}` : ''}。`,
          summary.text,
          REMINDER,
        ].join('\n'),
      );
    },
  };
}
