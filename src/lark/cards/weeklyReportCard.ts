/**
 * The weekly report (本周工作周报) of one group, as a card: the week's figures as `/统计 本周`
 * counts them (`src/domain/figures.ts`; README, "What the figures mean"), then every open item
 * past its deadline, the longest overdue first. Pure; undefined when the week had nothing.
 */

import type { WeeklyFigures } from '../../bot/texts/digestTexts.ts';
import { onTimeRate } from '../../domain/figures.ts';
import type { Item } from '../../domain/item.ts';
import type { OfficeHours } from '../../domain/officeHours.ts';
import { formatDue, formatMonthDay, localTime } from '../../domain/time.ts';
import { type Card, type CardElement, card, markdown } from './elements.ts';
import { fitEntries, moreLine } from './fit.ts';
import { md, names } from './markdown.ts';
import { validateCard } from './schema.ts';

function overdueLine(item: Item, office: OfficeHours, now: number): string {
  const tz = office.timezone;
  const sameDay = office.dayOf(item.due) === office.dayOf(now);
  const due = sameDay ? `今天 ${localTime(item.due, tz)}` : formatDue(item.due, tz);
  const late = office.workingDaysOverdue(item.due, now);
  return `#${item.no} ${md(item.title)} · ${names(item.owners)} · 截止 ${due}${late > 0 ? `，逾期 ${late} 个工作日` : ''}`;
}

export function weeklyReportCard(f: WeeklyFigures, office: OfficeHours, now: number): Card | undefined {
  const t = f.figures;
  if (t.registered + t.done + t.inProgress === 0) return undefined;
  const year = Number(f.date.slice(0, 4));
  const lines = [
    `新登记 ${t.registered} 项；办结 ${t.done} 项（按期 ${t.doneOnTime} 项，逾期 ${t.doneLate} 项）；未办结 ${t.inProgress} 项，其中逾期 ${t.overdueOpen} 项。`,
  ];
  // Of the items that had to be finished by now — done this week, or open past their deadline —
  // the share finished on time: work still overdue counts against the rate.
  const rate = onTimeRate(t);
  if (rate !== undefined)
    lines.push(
      `按期办结率 **${Math.round(rate * 100)}%**（按期办结 ${t.doneOnTime} 项 ÷ 本周办结与逾期未办结 ${t.done + t.overdueOpen} 项）。`,
    );
  if (t.extensions > 0 || t.cancelled > 0)
    lines.push(`批准延期 ${t.extensions} 次；取消 ${t.cancelled} 项。`);
  const elements: CardElement[] = [markdown(lines.join('\n'))];
  const overdue = [...f.overdue].sort((a, b) => a.due - b.due || a.no - b.no);
  if (overdue.length > 0) {
    // One markdown element for the list: a card holds about 200 components, and 30 KB.
    const line = (i: Item) => overdueLine(i, office, now);
    const fitted = fitEntries(overdue, (i) => [markdown(line(i))], { bytes: 0 });
    elements.push(markdown(['**🔴 逾期未办结**', ...fitted.shown.map(line)].join('\n')));
    if (fitted.more > 0) elements.push(moreLine(fitted.more));
  }
  elements.push(markdown('口径同 /统计 本周；发送 /看板 查看图表和全部事项。', 'notation'));
  return validateCard(
    card(
      {
        title: `📅 本周工作周报 · ${formatMonthDay(f.weekStart, year)}—${formatMonthDay(f.date, year)}`,
        template: t.overdueOpen > 0 ? 'orange' : 'blue',
      },
      elements,
    ),
  );
}
