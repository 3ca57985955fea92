/**
 * `/帮助` — what the bot understands, from the router's own list so it never goes stale;
 * `/帮助 <命令>` — one command's whole usage line, with its example.
 */
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import type { CommandSpec, Router } from '../src/bot/dispatch/router.ts';

export function helpText(router: Router): string {
  const lines = ['我是“落实”，帮大家把议定事项件件落实。可用命令（先 @我）：'];
  for (const c of router.list()) {
    const aliases = (c.aliases ?? []).filter((a) => a !== '?' && a !== '？');
    const also = aliases.length > 0 ? `（也可写 ${aliases.map((a) => `/${a}`).join('、')}）` : '';
    lines.push(`• ${c.usage.split('，例如')[0]} — ${c.summary}${also}`);
  }
  lines.push('截止时间可以写：3个工作日内、明天下午3点、本周五、12月10日前、月底 等。');
  return lines.join('\n');
}

export function helpCommand(router: Router): CommandSpec {
  return {
    name: '帮助',
    aliases: ['help', '?', '？'],
    usage: '/帮助 [命令]，例如：/帮助 发文',
    summary: '查看命令说明；/帮助 <命令> 看一条命令的完整用法和例子',
    async run(ctx) {
      const word = ctx.args.trim().replace(/^[/／]/u, '');
      if (!word) {
        await ctx.reply(helpText(router));
        return;
      }
      const c = router.find(word.toLowerCase());
      if (!c) {
        await ctx.reply(`没有“/${word}”这个命令。发送 /帮助 查看可用的命令。`);
        return;
      }
      await ctx.reply(`/${c.name}：${c.summary}\n用法：${c.usage}`);
    },
  };
}

/** For a message that is not a command, or names one we do not have. */
export function helpHint(_ctx: MessageContext, word?: string): string {
  return word
    ? `没有“/${word}”这个命令。发送 /帮助 查看可用的命令。`
    : '请以命令开头，例如：/任务 起草年度工作总结 @张三 3个工作日内。发送 /帮助 查看全部命令。';
}

export function welcomeText(): string {
  return '大家好，我是“落实”：登记议定事项、按工作日计算时限、到期前提醒、逾期催办。@我 并发送 /帮助 查看用法。';
}
