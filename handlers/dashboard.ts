/**
 * `/看板` — a personal link into the 看板 (`/dashboard`), sent privately: it logs the person in
 * once, within ten minutes, and the page shows exactly what they may see. Asked in a group, the
 * link still goes to them alone (whoever opens it becomes them).
 */
import { answerPrivately } from '../src/bot/delivery/privately.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { dashboardLinkCard } from '../src/lark/cards/dashboardLinkCard.ts';

export function dashboardCommand(deps: BotDeps): CommandSpec {
  return {
    name: '看板',
    aliases: ['dashboard'],
    usage: '/看板',
    summary: '打开督办看板：统计图表、可筛选的台账和每项事项的全部记录（链接私信发给我）',
    async run(ctx) {
      const link = await deps.dashboard.loginLink({ tenant: ctx.tenant, openId: ctx.sender.openId });
      // Whoever opens the link becomes them: it goes to them alone.
      await answerPrivately(
        deps,
        ctx,
        { type: 'card', card: { ...dashboardLinkCard(link) } },
        'dashboard',
        '看板的登录链接已私信发给你。',
      );
    },
  };
}
