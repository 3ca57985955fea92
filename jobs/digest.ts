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
 */
import type { Job } from 'bullmq';
import type { Messenger, OutgoingMessage, Target } from '../src/bot/delivery/messenger.ts';
import type { CalendarSource } from '../src/bot/deps.ts';
import { dailyBuckets, weeklyReportText } from '../src/bot/texts/digestTexts.ts';
import { dailyDigestCard } from '../src/bot/views/digestCards.ts';
import type { Clock } from '../src/clock.ts';
import type { TimeSettings } from '../src/config.ts';
import type { WorkingDayCalendar } from '../src/domain/calendar.ts';
import type { Item, Person } from '../src/domain/item.ts';
import { OfficeHours } from '../src/domain/officeHours.ts';
import { isPeriodicDay, weekStart } from '../src/domain/periodicSchedule.ts';
import type { GroupSettings } from '../src/domain/policy.ts';
import { atLocal, localDate } from '../src/domain/time.ts';
import type { Logger } from '../src/logger.ts';
import type { PeriodicJobData, ReminderScheduler } from '../src/scheduling/scheduler.ts';
import type { ItemLedger } from '../src/storage/itemLedger.ts';
import type { ItemRepository } from '../src/storage/itemRepository.ts';
import type { SettingsSource } from '../src/storage/settingsStore.ts';

export interface DigestDeps {
  ledger: ItemLedger;
  items: ItemRepository;
  settings: SettingsSource;
  calendars: CalendarSource;
  messenger: Messenger;
  clock: Clock;
  time: TimeSettings;
  logger: Logger;
  scheduler: Pick<ReminderScheduler, 'schedulePeriodic' | 'reconcile'>;
}

const DONE_ACTIONS = ['complete', 'signoff'];

interface TenantView {
  tenant: string;
  calendar: WorkingDayCalendar;
  date: string;
  now: number;
  open: Item[];
  /** Settings of every group seen, read once per run. */
  settingsOf(chatId: string): Promise<GroupSettings>;
}

const groupBy = (items: readonly Item[]) => {
  const m = new Map<string, Item[]>();
  for (const i of items) m.set(i.chatId, [...(m.get(i.chatId) ?? []), i]);
  return m;
};

export function createDigestProcessor(deps: DigestDeps) {
  const tz = deps.time.timezone;

  async function send(tenant: string, to: Target, key: string, message: OutgoingMessage | undefined) {
    if (!message) return 0;
    await deps.messenger.send({ tenant, to, message, key });
    return 1;
  }
  const asCard = (card: object | undefined): OutgoingMessage | undefined =>
    card ? { type: 'card', card: { ...card } } : undefined;
  const asText = (text: string | undefined): OutgoingMessage | undefined =>
    text ? { type: 'text', text } : undefined;

  /**
   * Items closed as done at or after `since`, by the audit stream: `/完成`, or the lead
   * leader's 销号 that closes a 整改 item.
   */
  async function doneSince(tenant: string, since: number, now: number): Promise<Item[]> {
    const changed = await deps.ledger.changedSince(tenant, since, DONE_ACTIONS);
    const nos = new Set(DONE_ACTIONS.flatMap((a) => [...(changed.get(a) ?? [])]));
    return (await deps.items.getMany(tenant, [...nos])).filter(
      (i) => i.status === 'done' && (i.doneAt ?? 0) >= since && (i.doneAt ?? 0) <= now,
    );
  }

  async function daily(v: TenantView): Promise<number> {
    const since = atLocal(v.calendar.lastWorkingDayBefore(v.date), '00:00', tz);
    const done = await doneSince(v.tenant, since, v.now);
    const openByChat = groupBy(v.open);
    const doneByChat = groupBy(done);
    const leaders = new Map<string, { person: Person; open: Item[]; done: Item[] }>();
    const lead = (p: Person | undefined, open: Item[], closed: Item[]) => {
      if (!p) return;
      const l = leaders.get(p.openId) ?? { person: p, open: [], done: [] };
      for (const i of open) if (!l.open.includes(i)) l.open.push(i);
      for (const i of closed) if (!l.done.includes(i)) l.done.push(i);
      leaders.set(p.openId, l);
    };
    let sent = 0;
    for (const chatId of new Set([...openByChat.keys(), ...doneByChat.keys()])) {
      const { policy, principal } = await v.settingsOf(chatId);
      if (!policy.digest) continue;
      const open = openByChat.get(chatId) ?? [];
      const closed = doneByChat.get(chatId) ?? [];
      const office = new OfficeHours(v.calendar, policy.workdayStart, policy.workdayEnd);
      const buckets = dailyBuckets(open, closed, office, policy.approachWorkingDays, v.now);
      const card = asCard(dailyDigestCard(v.date, buckets, office, v.now, 'group'));
      sent += await send(v.tenant, { chatId }, `digest:daily:${v.tenant}:${chatId}:${v.date}`, card);
      lead(principal, open, closed);
      for (const i of open) lead(i.lead, [i], []);
      for (const i of closed) lead(i.lead, [], [i]);
    }
    // A leader's items span groups: their digest uses the deployment's office hours and the
    // default approach window (the next working day).
    const office = new OfficeHours(v.calendar, deps.time.workdayStart, deps.time.workdayEnd);
    for (const [openId, l] of leaders) {
      const buckets = dailyBuckets(l.open, l.done, office, 1, v.now);
      const card = asCard(dailyDigestCard(v.date, buckets, office, v.now, 'leader'));
      sent += await send(v.tenant, { openId }, `digest:daily:${v.tenant}:${openId}:${v.date}`, card);
    }
    return sent;
  }

  async function weekly(v: TenantView): Promise<number> {
    const monday = weekStart(v.date);
    const since = atLocal(monday, '00:00', tz);
    const changed = await deps.ledger.changedSince(v.tenant, since, ['create', 'complete']);
    const created = (await deps.items.getMany(v.tenant, [...(changed.get('create') ?? [])])).filter(
      (i) => i.createdAt >= since,
    );
    const done = await doneSince(v.tenant, since, v.now);
    const [openByChat, createdByChat, doneByChat] = [groupBy(v.open), groupBy(created), groupBy(done)];
    let sent = 0;
    for (const chatId of new Set([...openByChat.keys(), ...createdByChat.keys(), ...doneByChat.keys()])) {
      const { policy } = await v.settingsOf(chatId);
      if (!policy.weeklyReport) continue;
      const office = new OfficeHours(v.calendar, policy.workdayStart, policy.workdayEnd);
      const figures = {
        weekStart: monday,
        date: v.date,
        created: createdByChat.get(chatId) ?? [],
        done: doneByChat.get(chatId) ?? [],
        open: openByChat.get(chatId) ?? [],
      };
      const text = asText(weeklyReportText(figures, office, v.now));
      sent += await send(v.tenant, { chatId }, `digest:weekly:${v.tenant}:${chatId}:${v.date}`, text);
    }
    return sent;
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
      const open: Item[] = [];
      for await (const page of deps.ledger.openItems(tenant)) open.push(...page);
      const cache = new Map<string, Promise<GroupSettings>>();
      const settingsOf = (chatId: string) => {
        if (!cache.has(chatId)) cache.set(chatId, deps.settings.get(tenant, chatId));
        return cache.get(chatId)!;
      };
      const view: TenantView = { tenant, calendar, date, now, open, settingsOf };
      sent += kind === 'daily' ? await daily(view) : await weekly(view);
    }
    deps.logger.info('periodic run done', { kind, date, messages: sent });
    return `${sent} messages`;
  }

  return async (job: Job<PeriodicJobData>): Promise<string> => {
    const { kind, date } = job.data;
    await deps.scheduler.schedulePeriodic(kind, date);
    const outcome = await run(kind, date);
    // Once a day, mend any plan whose chain broke (a reminder job that failed all its attempts
    // while Redis or Lark was down), rather than waiting for the next restart.
    if (kind === 'daily') await deps.scheduler.reconcile();
    return outcome;
  };
}
