/**
 * Processor of the periodic jobs (`digest-daily`, `digest-weekly` on the `reminders` queue):
 * the daily digest — one card per group and one direct card per leader (the lead leaders of
 * items and the group's principal) — and the weekly report, one text per group.
 *
 * No cron: each run first schedules its successor from the calendar and the bot's clock, under
 * a deterministic id (`digest-daily-2026-11-27`), so a retried run schedules nothing twice and
 * a failure while sending does not break the chain. A run that comes too late (after office
 * hours of its day: the bot was down, or its clock jumped past) sends nothing. Each message
 * has a stable key per (tenant, recipient, date), so a retry never shows twice. The daily run
 * ends by reconciling reminder plans, so a broken chain is mended within a day.
 *
 * Office hours are a promise (DESIGN §6): the runs go at the deployment's office hours, and a
 * group whose own office hours (`/设置 提醒 上班 … 下班 …`) do not include that moment gets
 * its share at its next office start instead, from a run of its own (`scheduleGroupRun`). A
 * group that starts earlier than the deployment gets its daily share at its own start, before
 * the day's chases: a run of its own planned ahead by the run before (`scheduleGroupStart`,
 * `planGroupStart`, `src/scheduling/earlyShares.ts`).
 *
 * A leader's digest lists every open item they lead, or that belongs to a group they are the
 * principal leader of — red, yellow and green — whatever a group's own 日报 switch says: it is
 * where the reminders a leader no longer gets one by one (the deadline notices) are folded.
 * A private chat with the bot is not a group: it gets no group digest or weekly report; the
 * items recorded there are in the personal digest of whoever recorded them.
 */
import type { Job } from 'bullmq';
import type { Messenger, OutgoingMessage, Target } from '../src/bot/delivery/messenger.ts';
import type { CalendarSource } from '../src/bot/deps.ts';
import type { PeopleDirectory } from '../src/bot/people/directory.ts';
import { namedItems } from '../src/bot/people/naming.ts';
import { dailyBuckets } from '../src/bot/texts/digestTexts.ts';
import { dailyDigestCard } from '../src/bot/views/digestCards.ts';
import type { Clock } from '../src/clock.ts';
import type { TimeSettings } from '../src/config.ts';
import type { WorkingDayCalendar } from '../src/domain/calendar.ts';
import { type Item, isPrivateChatItem, type Person } from '../src/domain/item.ts';
import { OfficeHours } from '../src/domain/officeHours.ts';
import { earlyShareAt, groupShareAt, isPeriodicDay, periodicTime } from '../src/domain/periodicSchedule.ts';
import type { GroupSettings, ReminderPolicy } from '../src/domain/policy.ts';
import { atLocal, localDate } from '../src/domain/time.ts';
import type { Logger } from '../src/logger.ts';
import type { PeriodicJobData, ReminderScheduler } from '../src/scheduling/reminderScheduler.ts';
import type { FigureRows } from '../src/storage/figureRows.ts';
import type { ItemLedger } from '../src/storage/itemLedger.ts';
import type { ItemRepository } from '../src/storage/itemRepository.ts';
import type { SettingsSource } from '../src/storage/settingsStore.ts';
import { groupBy, type TenantView } from './digestView.ts';
import { weeklyReports } from './weeklyReport.ts';

export interface DigestDeps {
  ledger: ItemLedger;
  /** The weekly report's figures (`src/domain/figures.ts`). */
  figures: FigureRows;
  items: ItemRepository;
  settings: SettingsSource;
  calendars: CalendarSource;
  messenger: Messenger;
  /** Digests name owners and leaders as they are called now. */
  people: PeopleDirectory;
  clock: Clock;
  time: TimeSettings;
  logger: Logger;
  scheduler: Pick<
    ReminderScheduler,
    'schedulePeriodic' | 'reconcile' | 'scheduleGroupRun' | 'scheduleGroupStart' | 'planGroupStart'
  >;
  /** Run with each tenant's daily digest (the annual plans' review on its days); a failure is logged, not thrown. */
  dailyReview?: (tenant: string, date: string) => Promise<void>;
}

const DONE_ACTIONS = ['complete', 'signoff'];

export function createDigestProcessor(deps: DigestDeps) {
  const tz = deps.time.timezone;

  async function send(tenant: string, to: Target, key: string, message: OutgoingMessage | undefined) {
    if (!message) return 0;
    await deps.messenger.send({ tenant, to, message, key, priority: 'bulk' });
    return 1;
  }
  const asCard = (card: object | undefined): OutgoingMessage | undefined =>
    card ? { type: 'card', card: { ...card } } : undefined;

  /**
   * Items closed as done at or after `since`, by the audit stream: `/完成`, or the lead
   * leader's 销号 that closes a 整改 item.
   */
  async function doneSince(tenant: string, since: number, now: number): Promise<Item[]> {
    const changed = await deps.ledger.changedSince(tenant, since, DONE_ACTIONS);
    const nos = new Set(DONE_ACTIONS.flatMap((a) => [...(changed.get(a) ?? [])]));
    const done = (await deps.items.getMany(tenant, [...nos])).filter(
      (i) => i.status === 'done' && (i.doneAt ?? 0) >= since && (i.doneAt ?? 0) <= now,
    );
    return namedItems(deps.people, tenant, done);
  }

  /**
   * A group's office hours, or — when they do not include this moment — false after its share
   * of the run has been scheduled for its next office start.
   */
  async function groupOffice(v: TenantView, chatId: string, policy: ReminderPolicy) {
    const office = new OfficeHours(v.calendar, policy.workdayStart, policy.workdayEnd);
    // A group's own run: it has checked the group's hours.
    if (v.onlyChat) return office;
    const group = { tenant: v.tenant, chatId };
    const runAt = atLocal(v.date, periodicTime(v.kind, deps.time), tz);
    const early = earlyShareAt(v.kind, v.date, runAt, office);
    if (early !== undefined) {
      // Its share was planned for its own start, and has gone or goes at once; and the next.
      await deps.scheduler.scheduleGroupStart(v.kind, v.date, group, early);
      await deps.scheduler.planGroupStart(group, v.date);
      return false;
    }
    const at = groupShareAt(v.now, office);
    if (at <= v.now) return office;
    await deps.scheduler.scheduleGroupRun(v.kind, v.date, group, at);
    return false;
  }

  async function daily(v: TenantView): Promise<number> {
    const since = atLocal(v.calendar.lastWorkingDayBefore(v.today), '00:00', tz);
    const done = await doneSince(v.tenant, since, v.now);
    const openByChat = groupBy(v.open);
    const doneByChat = groupBy(done);
    /** Each person's own digest: what they lead, or recorded in their private chat. */
    const leaders = new Map<
      string,
      { person: Person; open: Item[]; done: Item[]; listed: Set<Item>; leads: boolean }
    >();
    const lead = (p: Person | undefined, open: Item[], closed: Item[], leads = true) => {
      if (!p) return;
      const l = leaders.get(p.openId) ?? { person: p, open: [], done: [], listed: new Set(), leads };
      leaders.set(p.openId, l);
      // A principal who also leads an item sees it once (a Set: a group may hold thousands).
      const add = (i: Item, to: Item[]) => {
        if (l.listed.has(i)) return;
        l.listed.add(i);
        to.push(i);
      };
      for (const i of open) add(i, l.open);
      for (const i of closed) add(i, l.done);
      l.leads ||= leads;
    };
    let sent = 0;
    const chats = v.onlyChat ? [v.onlyChat] : new Set([...openByChat.keys(), ...doneByChat.keys()]);
    for (const chatId of chats) {
      const { policy, principal } = await v.settingsOf(chatId);
      const open = openByChat.get(chatId) ?? [];
      const closed = doneByChat.get(chatId) ?? [];
      // A private chat is not a group: its items go into the digest of whoever recorded them
      // there (one digest per person a day, not a second one for their private chat).
      if ([...open, ...closed].some(isPrivateChatItem)) {
        for (const i of open) lead(i.creator, [i], [], false);
        for (const i of closed) lead(i.creator, [], [i], false);
      } else lead(principal, open, closed);
      for (const i of open) lead(i.lead, [i], []);
      for (const i of closed) lead(i.lead, [], [i]);
      if (!policy.digest || [...open, ...closed].some(isPrivateChatItem)) continue;
      const office = await groupOffice(v, chatId, policy);
      if (!office) continue;
      const buckets = dailyBuckets(open, closed, office, policy.approachWorkingDays, v.now);
      const card = asCard(dailyDigestCard(v.today, buckets, office, v.now, 'group'));
      sent += await send(v.tenant, { chatId }, `digest:daily:${v.tenant}:${chatId}:${v.date}`, card);
    }
    if (v.onlyChat) return sent;
    // A leader's items span groups: their digest uses the deployment's office hours and the
    // default approach window (the next working day).
    const office = new OfficeHours(v.calendar, deps.time.workdayStart, deps.time.workdayEnd);
    for (const [openId, l] of leaders) {
      const buckets = dailyBuckets(l.open, l.done, office, 1, v.now);
      const card = asCard(dailyDigestCard(v.today, buckets, office, v.now, l.leads ? 'leader' : 'person'));
      sent += await send(v.tenant, { openId }, `digest:daily:${v.tenant}:${openId}:${v.date}`, card);
    }
    return sent;
  }

  const weekly = (v: TenantView) =>
    weeklyReports(v, {
      figures: deps.figures,
      timezone: tz,
      groupOffice: (chatId, policy) => groupOffice(v, chatId, policy),
      send,
    });

  async function viewOf(
    tenant: string,
    kind: TenantView['kind'],
    date: string,
    calendar: WorkingDayCalendar,
    onlyChat?: string,
  ) {
    const now = deps.clock.now();
    const stored: Item[] = [];
    for await (const page of deps.ledger.openItems(tenant))
      stored.push(...(onlyChat ? page.filter((i) => i.chatId === onlyChat) : page));
    const open = await namedItems(deps.people, tenant, stored);
    const cache = new Map<string, Promise<GroupSettings>>();
    const settingsOf = (chatId: string) => {
      if (!cache.has(chatId)) cache.set(chatId, deps.settings.get(tenant, chatId));
      return cache.get(chatId)!;
    };
    const today = localDate(now, tz);
    const view: TenantView = { tenant, calendar, date, today, now, kind, open, settingsOf };
    return onlyChat ? { ...view, onlyChat } : view;
  }

  async function run(kind: PeriodicJobData['kind'], date: string): Promise<string> {
    const now = deps.clock.now();
    if (localDate(now, tz) !== date || now >= atLocal(date, deps.time.workdayEnd, tz)) {
      deps.logger.info('periodic run came too late; skipped', { kind, date, now });
      return 'too late';
    }
    let sent = 0;
    for (const tenant of await deps.ledger.tenants()) {
      const calendar = await deps.calendars.calendarFor(tenant);
      if (!isPeriodicDay(kind, calendar, date)) continue;
      const view = await viewOf(tenant, kind, date, calendar);
      sent += kind === 'daily' ? await daily(view) : await weekly(view);
      if (kind === 'daily' && deps.dailyReview) {
        // Its own failure must not cost the other tenants their digests.
        await deps
          .dailyReview(tenant, date)
          .catch((err) => deps.logger.error('daily review failed', { tenant, date, err }));
      }
    }
    deps.logger.info('periodic run done', { kind, date, messages: sent });
    return `${sent} messages`;
  }

  /**
   * One group's share of a run, at its own office start. Like a whole run, a share that comes
   * too late — after the group's office hours: the bot was down — sends nothing; the next run
   * speaks.
   */
  async function runGroup(kind: TenantView['kind'], date: string, group: { tenant: string; chatId: string }) {
    const [calendar, { policy }] = await Promise.all([
      deps.calendars.calendarFor(group.tenant),
      deps.settings.get(group.tenant, group.chatId),
    ]);
    const now = deps.clock.now();
    if (!new OfficeHours(calendar, policy.workdayStart, policy.workdayEnd).mayPush(now)) {
      deps.logger.info('periodic run for a group came too late; skipped', { kind, date, ...group, now });
      return 'too late';
    }
    const view = await viewOf(group.tenant, kind, date, calendar, group.chatId);
    const sent = kind === 'daily' ? await daily(view) : await weekly(view);
    return `${sent} messages`;
  }

  return async (job: Job<PeriodicJobData>): Promise<string> => {
    const { kind, date, group } = job.data;
    if (group) return runGroup(kind, date, group);
    await deps.scheduler.schedulePeriodic(kind, date);
    const outcome = await run(kind, date);
    // Once a day, mend any plan whose chain broke (a reminder job that failed all its attempts
    // while Redis or Lark was down), rather than waiting for the next restart.
    if (kind === 'daily') await deps.scheduler.reconcile();
    return outcome;
  };
}
