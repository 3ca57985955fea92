/**
 * What a deadline phrase typed in a chat is read with: the tenant's working-day calendar and the
 * chat's own office hours (`/设置 提醒 上班 … 下班 …`, by default the deployment's). A day without
 * a time means that day at the group's office end: with 下班 17:30, "明天" is tomorrow 17:30, so
 * the deadline falls while the group is still at work and its 到期催办 comes at the deadline, not
 * the next morning (trial: a group of 09:30–17:30 had every such chase a day late).
 */
import type { DeadlineOptions } from '../../domain/deadline/index.ts';
import type { BotDeps } from '../deps.ts';

export async function deadlineOptionsIn(
  deps: Pick<BotDeps, 'calendars' | 'settings' | 'time'>,
  tenant: string,
  chatId: string,
): Promise<DeadlineOptions> {
  const [calendar, settings] = await Promise.all([
    deps.calendars.calendarFor(tenant),
    deps.settings.get(tenant, chatId),
  ]);
  return {
    calendar,
    timezone: deps.time.timezone,
    workdayStart: settings.policy.workdayStart,
    workdayEnd: settings.policy.workdayEnd,
  };
}
