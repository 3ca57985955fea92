/**
 * A chat's own office hours (`/设置 提醒 上班 … 下班 …`, by default the deployment's), read in one
 * place: when a push to it may go out (`officeHoursIn`), and what a deadline phrase typed in it is
 * read with (`deadlineOptionsIn`).
 *
 * A deadline phrase is read with: the tenant's working-day calendar and the
 * chat's own office hours (`/设置 提醒 上班 … 下班 …`, by default the deployment's). A day without
 * a time means that day at the group's office end: with 下班 17:30, "明天" is tomorrow 17:30, so
 * the deadline falls while the group is still at work and its 到期催办 comes at the deadline, not
 * the next morning (trial: a group of 09:30–17:30 had every such chase a day late). A new
 * deadline for an existing item (`/延期`, its card's form) is read with the item's own chat's
 * hours, wherever it is typed (`deadlineOptionsOfItem`): asked from a private chat, a group
 * item's 明天 is still the group's office end.
 */
import type { WorkingDayCalendar } from '../../domain/calendar.ts';
import type { DeadlineOptions } from '../../domain/deadline/index.ts';
import { OfficeHours } from '../../domain/officeHours.ts';
import type { Target } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';

/** The tenant's calendar and the chat's office hours on it. */
export async function officeHoursIn(
  deps: Pick<BotDeps, 'calendars' | 'settings'>,
  tenant: string,
  chatId: string,
): Promise<{ calendar: WorkingDayCalendar; office: OfficeHours }> {
  const [calendar, settings] = await Promise.all([
    deps.calendars.calendarFor(tenant),
    deps.settings.get(tenant, chatId),
  ]);
  const { workdayStart, workdayEnd } = settings.policy;
  return { calendar, office: new OfficeHours(calendar, workdayStart, workdayEnd) };
}

/**
 * The office hours a push to `to` keeps: a chat's own (a group's `/设置`), a person's the
 * deployment's (`LUOSHI_WORKDAY_*`) — a private chat has no settings of its own.
 */
export async function officeHoursFor(
  deps: Pick<BotDeps, 'calendars' | 'settings' | 'time'>,
  tenant: string,
  to: Target,
): Promise<OfficeHours> {
  if ('chatId' in to) return (await officeHoursIn(deps, tenant, to.chatId)).office;
  const calendar = await deps.calendars.calendarFor(tenant);
  return new OfficeHours(calendar, deps.time.workdayStart, deps.time.workdayEnd);
}

export async function deadlineOptionsIn(
  deps: Pick<BotDeps, 'calendars' | 'settings' | 'time'>,
  tenant: string,
  chatId: string,
): Promise<DeadlineOptions> {
  const { calendar, office } = await officeHoursIn(deps, tenant, chatId);
  return { calendar, timezone: deps.time.timezone, workdayStart: office.start, workdayEnd: office.end };
}

/**
 * What a new deadline of item `no` is read with: its own chat's options, wherever the phrase was
 * typed (a private chat has no office end of its own); `typedIn`'s for an item not found, which
 * the action then refuses.
 */
export async function deadlineOptionsOfItem(
  deps: Pick<BotDeps, 'calendars' | 'settings' | 'time' | 'items'>,
  tenant: string,
  no: number,
  typedIn: string,
): Promise<DeadlineOptions> {
  const item = await deps.items.get(tenant, no);
  return deadlineOptionsIn(deps, tenant, item?.chatId ?? typedIn);
}
