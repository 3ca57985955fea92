/**
 * What one periodic run (`digest.ts`) works from for one tenant: the day it is for and the day
 * it is sent, the tenant's open items (named as people are called now), and each group's
 * settings read once per run; the daily digest and the weekly report (`weeklyReport.ts`) read it.
 */
import type { WorkingDayCalendar } from '../src/domain/calendar.ts';
import type { Item } from '../src/domain/item.ts';
import type { GroupSettings } from '../src/domain/policy.ts';
import type { PeriodicJobData } from '../src/scheduling/reminderScheduler.ts';

export interface TenantView {
  tenant: string;
  calendar: WorkingDayCalendar;
  /** The day the run is for (its messages' keys, the weekly report's week). */
  date: string;
  /** The day it is sent: `date`, or a later one for a group's share held to its office start. */
  today: string;
  now: number;
  kind: PeriodicJobData['kind'];
  open: Item[];
  /** Settings of every group seen, read once per run. */
  settingsOf(chatId: string): Promise<GroupSettings>;
  /** Set for a group's own run: that group only, and no leaders. */
  onlyChat?: string;
}

/** Items by the chat they belong to, in their order. */
export const groupBy = (items: readonly Item[]) => {
  const m = new Map<string, Item[]>();
  for (const i of items) {
    const list = m.get(i.chatId);
    if (list) list.push(i);
    else m.set(i.chatId, [i]);
  }
  return m;
};
