/**
 * A chat's own office hours (`/设置 提醒 上班 … 下班 …`, by default the deployment's), read in one
 * place: when a push to it may go out (`officeHoursIn`), and what a deadline phrase typed in it is
 * read with (`deadlineOptionsIn`).
 *
 * A deadline phrase is read with: the tenant's working-day calendar and the
 * chat's own office hours (`/设置 提醒 上班 … 下班 …`, by default the deployment's). A day without
 * a time means that day at the group's office end: with 下班 17:30, "明天" is tomorrow 17:30, so
 * the deadline falls while the group is still at work and its 到期催办 comes at the deadline, not
 * the next morning (trial: a group of 09:30–17:30 had every such chase a day late).
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
