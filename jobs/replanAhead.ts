/**
 * Everything planned ahead on a group's office hours and the tenant's working-day calendar is
 * planned again here, after either changed — one place, so that no change forgets a part:
 * - the open items' reminders (deadlines stay as recorded);
 * - each recurring schedule's next creation job (`/周期`): its occurrence falls due, and its card
 *   goes out, by the group's hours on the calendar's days;
 * - each 常务会's or 专题会's topic call (`/会议`, `topicCall.ts`);
 * - a group's next daily digest, when its office start is earlier than the deployment's
 *   (`src/scheduling/earlyShares.ts`; trial: a group of 08:30 had the digest at 09:00, after
 *   its chases). A calendar change leaves these to the next daily run, which plans them again.
 * A calendar change (`/日历 导入`, `/日历 放假|上班|恢复`) replans the whole tenant; a change of a
 * group's hours (`/设置 提醒 上班|下班|办公时间|默认`) that group (trial: a group that moved its
 * office start from 09:00 to 09:30 in the afternoon had the next morning's occurrence card and
 * topic call still at 09:00, before anyone was in).
 *
 * Idempotent (every job id is deterministic, and a job already at its time is not touched), so a
 * retry after a failure part-way is safe. A job that already ran is left alone; one whose new
 * time has passed runs at once, late, as a job the bot was down for does.
 */
import type { BotDeps } from '../src/bot/deps.ts';
import { replanTopicCalls } from './topicCall.ts';

/** The schedules' next creation jobs, of one chat or of the whole tenant; one that fails is logged. */
async function replanOccurrences(deps: BotDeps, tenant: string, chatId?: string): Promise<number> {
  const schedules =
    chatId === undefined ? await deps.schedules.active(tenant) : await deps.schedules.ofChat(tenant, chatId);
  let replanned = 0;
  for (const schedule of schedules) {
    try {
      if (await deps.occurrences.replan(schedule)) replanned++;
    } catch (err) {
      deps.logger.error('next occurrence could not be replanned', { tenant, schedule: schedule.no, err });
    }
  }
  return replanned;
}

/** After the tenant's calendar changed (no `chatId`), or one group's office hours did. */
export async function replanAhead(deps: BotDeps, tenant: string, chatId?: string): Promise<void> {
  if (chatId === undefined) await deps.scheduler.replanTenant(tenant);
  else await deps.scheduler.replanChat(tenant, chatId);
  await replanOccurrences(deps, tenant, chatId);
  await replanTopicCalls(deps, tenant, chatId);
  if (chatId !== undefined) await deps.scheduler.planGroupStart({ tenant, chatId });
}
