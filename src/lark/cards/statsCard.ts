/**
 * `/统计`'s answer: the figures of one scope and period (`src/domain/figures.ts`), then per
 * responsible unit and per owner worst first, the overdue rankings and the kinds. Pure; the
 * names are resolved by the caller. Each section shows its first lines only (a card has room
 * for a summary; the 台账 has every row).
 */
import { onTimeRate, type Tally } from '../../domain/figures.ts';
import { KIND_CN, type Line, type Statistics } from '../../domain/statistics.ts';
import { formatDue, localDate } from '../../domain/time.ts';
import { type Card, type CardElement, card, hr, markdown } from './elements.ts';
import { md } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface StatsView {
  stats: Statistics;
  /** `本群`, `我的范围`, `全部`, with the unit and kind filters when named. */
  scope: string;
  timezone: string;
  /** Current names of the owners shown, by open_id. */
  names: ReadonlyMap<string, string>;
  /** Working days each item of the overdue ranking is late, by item number. */
  lateDays: ReadonlyMap<number, number>;
  /** The registers' figures for the same period and scope (`registerFigures.ts`), one line each. */
  registers?: readonly string[];
}

const SECTION_LINES = 10;

export const rateText = (t: Tally): string => {
  const r = onTimeRate(t);
  return r === undefined ? '—' : `${Math.round(r * 100)}%`;
};

export function tallyText(t: Tally): string {
  return [
    `登记 **${t.registered}** 项`,
    `在办 **${t.inProgress}** 项`,
    `已办结 **${t.done}** 项（按期 ${t.doneOnTime}，逾期 ${t.doneLate}）`,
    `逾期未办结 **${t.overdueOpen}** 项`,
    `已取消 ${t.cancelled} 项`,
    `延期批准 ${t.extensions} 次`,
    `按期办结率 **${rateText(t)}**`,
  ].join('　');
}

function lineText(label: string, t: Tally): string {
  const late = t.overdueOpen > 0 ? `，🔴 逾期未办结 ${t.overdueOpen}` : '';
  const cancelled = t.cancelled > 0 ? `　已取消 ${t.cancelled}` : '';
  return `• **${md(label)}**　按期办结率 ${rateText(t)}　办结 ${t.done}（逾期 ${t.doneLate}）　在办 ${t.inProgress}${late}${cancelled}`;
}

function section(title: string, lines: readonly Line[], label: (l: Line) => string): CardElement[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, SECTION_LINES).map((l) => lineText(label(l), l.tally));
  const more = lines.length > SECTION_LINES ? `\n……另有 ${lines.length - SECTION_LINES} 个，见 /台账。` : '';
  return [markdown(`**${title}**（按期办结率从低到高）\n${shown.join('\n')}${more}`)];
}

export function statsCard(v: StatsView): Card {
  const { stats } = v;
  const who = (openId: string) => v.names.get(openId) || '未具名成员';
  const { from, to } = stats.period;
  const sofar = stats.at < to ? `，截至 ${formatDue(stats.at, v.timezone)}` : '';
  const period = `${localDate(from, v.timezone)} 至 ${localDate(to - 1, v.timezone)}${sofar}`;
  const elements: CardElement[] = [
    markdown(`**范围**：${md(v.scope)}　**时间**：${md(stats.period.label)}（${period}）`, 'notation'),
    markdown(tallyText(stats.total)),
  ];
  if (stats.total.registered + stats.total.inProgress + stats.total.done + stats.total.cancelled === 0) {
    elements.push(markdown('这段时间在这个范围里没有事项。'));
  } else {
    elements.push(hr());
    elements.push(...section('按责任单位', stats.byUnit, (l) => l.key));
    elements.push(...section('按负责人', stats.byOwner, (l) => who(l.key)));
    if (stats.mostOverdue.length > 0 || stats.longestOverdue.length > 0) {
      const most = stats.mostOverdue.map((l, i) => `${i + 1}. ${md(who(l.key))}　${l.tally.overdueOpen} 项`);
      const longest = stats.longestOverdue.map((o, i) => {
        const late = v.lateDays.get(o.no) ?? 0;
        const owners = o.owners.map(who).join('、');
        return `${i + 1}. #${o.no} ${md(owners)}${o.unit ? `（${md(o.unit)}）` : ''}　截止 ${formatDue(o.due, v.timezone)}${late > 0 ? `，逾期 ${late} 个工作日` : ''}`;
      });
      elements.push(
        markdown(
          [
            ...(most.length > 0 ? ['**🔴 逾期最多**', ...most] : []),
            ...(longest.length > 0 ? ['**🔴 逾期最久**', ...longest] : []),
          ].join('\n'),
        ),
      );
    }
    const kinds = stats.byKind.map(
      (l) =>
        `${KIND_CN[l.key as keyof typeof KIND_CN] ?? l.key} 登记 ${l.tally.registered}、办结 ${l.tally.done}、在办 ${l.tally.inProgress}`,
    );
    elements.push(markdown(`**按类型**\n${kinds.join('；')}`));
  }
  if (v.registers && v.registers.length > 0) elements.push(markdown(`**登记簿**\n${v.registers.join('；')}`));
  elements.push(
    markdown(
      '口径：按期办结率 = 按期办结 ÷（已办结 + 逾期未办结）；截止时间以批准延期后的为准。明细用 /台账 导出。',
      'notation',
    ),
  );
  return validateCard(
    card(
      {
        title: `📊 督办统计 · ${stats.period.label}`,
        template: stats.total.overdueOpen > 0 ? 'orange' : 'blue',
      },
      elements,
    ),
  );
}
