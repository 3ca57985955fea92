/**
 * `/台账 [时间段] [单位 名称] [类型 …]` — the ledger of the asker's scope (as for `/统计`) as an
 * Excel file in the chat. The command is answered at once; the file follows from the worker
 * (`jobs/ledgerExport.ts`), one per command message.
 */
import { LEDGER_EXPORT, type LedgerExportJob } from '../jobs/ledgerExport.ts';
import { readStatsArgs, statsUsage } from '../src/bot/args/statsArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { checkUnit } from '../src/bot/views/statsView.ts';

export function ledgerCommand(deps: BotDeps): CommandSpec {
  return {
    name: '台账',
    aliases: ['ledger'],
    usage: statsUsage('台账'),
    summary: '导出督办台账（Excel）：每项事项一行，附统计表（默认本月）',
    async run(ctx) {
      const request = readStatsArgs(ctx.args, '台账', deps.clock.now(), deps.time.timezone);
      const asker = {
        tenant: ctx.tenant,
        openId: ctx.sender.openId,
        chatId: ctx.chatId,
        chatType: ctx.chatType,
      };
      await checkUnit(deps, asker, request.unit);
      const job: LedgerExportJob = {
        asker,
        period: request.period,
        ...(request.unit ? { unit: request.unit } : {}),
        ...(request.kind ? { kind: request.kind } : {}),
        replyTo: ctx.messageId,
        key: ctx.eventId,
      };
      // Said first: the file may be ready within moments, and should come after the promise of it.
      await ctx.reply(`正在生成${request.period.label}的督办台账，完成后以 Excel 文件发在这里。`);
      await deps.followUps.add(LEDGER_EXPORT, job, { jobId: `ledger.${ctx.eventId.replace(/:/g, '_')}` });
    },
  };
}
