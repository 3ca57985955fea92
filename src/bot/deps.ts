/**
 * Everything a handler or job may use, passed as one object. Only `src/main.ts` (and tests)
 * build concrete ones, so a handler never knows whether it talks to Lark or the playground.
 */
import type { Queue } from 'bullmq';
import type { Clock } from '../clock.ts';
import type { TimeSettings } from '../config.ts';
import type { DayOverride, WorkingDayCalendar } from '../domain/calendar.ts';
import type { HolidayArrangement } from '../domain/holidays.ts';
import type { Logger } from '../logger.ts';
import type { OccurrencePlanner } from '../scheduling/occurrencePlanner.ts';
import type { ReminderScheduler } from '../scheduling/reminderScheduler.ts';
import type { FigureRows } from '../storage/figureRows.ts';
import type { ItemRepository } from '../storage/itemRepository.ts';
import type { OpenItemLists } from '../storage/openItemLists.ts';
import type { PendingPlans } from '../storage/pendingPlans.ts';
import type { PendingTopics } from '../storage/pendingTopics.ts';
import type { RecentTasks } from '../storage/recentTasks.ts';
import type { RegisterStore } from '../storage/registerStore.ts';
import type { Authority } from '../storage/roles.ts';
import type { ScheduleStore } from '../storage/schedules.ts';
import type { SettingsStore } from '../storage/settingsStore.ts';
import type { CardRefresher } from './delivery/cardRefresh.ts';
import type { ChatFiles } from './delivery/files.ts';
import type { Messenger } from './delivery/messenger.ts';
import type { PeopleDirectory } from './people/directory.ts';
import type { ChatRoster } from './people/roster.ts';

export interface CalendarSource {
  /** The working-day calendar with this tenant's admin overrides applied. */
  calendarFor(tenant: string): Promise<WorkingDayCalendar>;
  /** Admin overrides (`/日历`), each change audited. */
  setOverride(
    tenant: string,
    date: string,
    kind: DayOverride,
    change: { actor: string; at: number },
  ): Promise<void>;
  clearOverride(tenant: string, date: string, change: { actor: string; at: number }): Promise<void>;
  confirmYear(tenant: string, year: number, change: { actor: string; at: number }): Promise<void>;
  /** `/日历 导入`: a read notice waits for 确认 (by the pasting message), then becomes the year's arrangement. */
  holdNotice(tenant: string, messageId: string, arrangement: HolidayArrangement): Promise<void>;
  takeNotice(tenant: string, messageId: string): Promise<HolidayArrangement | undefined>;
  dropNotice(tenant: string, messageId: string): Promise<boolean>;
  importArrangement(
    tenant: string,
    arrangement: HolidayArrangement,
    change: { actor: string; at: number },
  ): Promise<void>;
}

export interface BotDeps {
  items: ItemRepository;
  /** Every item's figure row, for /统计 and the 台账 (`src/domain/figures.ts`). */
  figures: FigureRows;
  /** Pages of open items: a group's, with filters, and a person's own. */
  lists: OpenItemLists;
  /** /任务 just recorded, to catch the same one sent twice. */
  recentTasks: RecentTasks;
  messenger: Messenger;
  /** Redraws every card of an item after it changed (PATCH through the outbound queue). */
  cards: CardRefresher;
  clock: Clock;
  time: TimeSettings;
  calendars: CalendarSource;
  /** Where roles come from; the rules are `src/domain/access.ts`'s. */
  authority: Authority;
  /** Per-group settings (`/设置`): principal leader, group admins, reminder policy. */
  settings: SettingsStore;
  /** People's current names, for everything shown without a card `<at>` (`people/naming.ts`). */
  people: PeopleDirectory;
  /** Reminder plans: call `replan(item)` after every change to an item's deadline, owners or status. */
  scheduler: ReminderScheduler;
  /** The notice's registers: meetings, documents, inspections, surveys (`src/domain/registers.ts`). */
  registers: RegisterStore;
  /** Plans read by `/计划 导入`, waiting for 确认. */
  pendingPlans: PendingPlans;
  /** Late topics waiting for their meeting host's decision (`/议题`). */
  pendingTopics: PendingTopics;
  /** Recurring schedules (`/周期`) and when their next occurrence becomes an item. */
  schedules: ScheduleStore;
  occurrences: OccurrencePlanner;
  /** Delayed jobs that fire at a moment, as reminders do (the `reminders` queue): speech timers. */
  timers: Queue;
  /** Work done after the command is answered, with the queue's retries (`jobs/followUp.ts`). */
  followUps: Queue;
  /** Files in chats: one the bot sends is uploaded first; one a person sends is read back (`delivery/files.ts`). */
  files: ChatFiles;
  /** Who is in a chat, for owners named in a spreadsheet (`people/roster.ts`). */
  roster: ChatRoster;
  /** A person's way into the 看板: a one-time login link (`src/web/dashboard/sessions.ts`). */
  dashboard: { loginLink(viewer: { tenant: string; openId: string }): Promise<string> };
  /** The organisation's name (`LUOSHI_ORG_NAME`), heading its 台账; may be empty. */
  organisation: string;
  logger: Logger;
}
