/**
 * The weekly report, the Friday share of the periodic run (`digest.ts` runs it and decides when
 * a group hears it): one card per group with something to report, the week's figures counted
 * from the groups' figure rows as `/统计 本周` counts them (`src/domain/figures.ts`), and the
 * items overdue now. A private chat is not a group: its items are in its owner's daily digest.
 */
import type { OutgoingMessage, Target } from '../src/bot/delivery/messenger.ts';
import { type FigureRow, type Period, tally } from '../src/domain/figures.ts';
import { isPastDue } from '../src/domain/item.ts';
import type { OfficeHours } from '../src/domain/officeHours.ts';
import { weekStart } from '../src/domain/periodicSchedule.ts';
import type { ReminderPolicy } from '../src/domain/policy.ts';
import { addDays, atLocal } from '../src/domain/time.ts';
import { weeklyReportCard } from '../src/lark/cards/weeklyReportCard.ts';
import type { FigureRows } from '../src/storage/figureRows.ts';
import { groupBy, type TenantView } from './digestView.ts';

export interface WeeklyContext {
  figures: FigureRows;
  timezone: string;
  /** The group's office hours now, or false when its share was put off to its office start. */
  groupOffice(chatId: string, policy: ReminderPolicy): Promise<OfficeHours | false>;
  send(tenant: string, to: Target, key: string, message: OutgoingMessage | undefined): Promise<number>;
}

const asCard = (card: object | undefined): OutgoingMessage | undefined =>
  card ? { type: 'card', card: { ...card } } : undefined;

/**
 * The weekly report of each group with something to report: the week's figures counted from
 * the groups' figure rows, as `/统计 本周` counts them (`src/domain/figures.ts`).
 */
export async function weeklyReports(v: TenantView, ctx: WeeklyContext): Promise<number> {
  const monday = weekStart(v.date);
  const week: Period = {
    label: '本周',
    from: atLocal(monday, '00:00', ctx.timezone),
    to: atLocal(addDays(monday, 7), '00:00', ctx.timezone),
  };
  const rowsByChat = new Map<string, FigureRow[]>();
  for (const row of await ctx.figures.all(v.tenant)) {
    if (v.onlyChat && row.chatId !== v.onlyChat) continue;
    const list = rowsByChat.get(row.chatId);
    if (list) list.push(row);
    else rowsByChat.set(row.chatId, [row]);
  }
  const openByChat = groupBy(v.open);
  let sent = 0;
  for (const [chatId, rows] of rowsByChat) {
    // A group's report: a private chat's items are in its owner's daily digest instead.
    if (rows.some((r) => r.p2p)) continue;
    const figures = tally(rows, week, v.now);
    if (figures.registered + figures.done + figures.inProgress === 0) continue;
    const { policy } = await v.settingsOf(chatId);
    if (!policy.weeklyReport) continue;
    const office = await ctx.groupOffice(chatId, policy);
    if (!office) continue;
    const overdue = (openByChat.get(chatId) ?? []).filter((i) => isPastDue(i.due, v.now));
    const report = asCard(
      weeklyReportCard({ weekStart: monday, date: v.date, figures, overdue }, office, v.now),
    );
    sent += await ctx.send(v.tenant, { chatId }, `digest:weekly:${v.tenant}:${chatId}:${v.date}`, report);
  }
  return sent;
}
