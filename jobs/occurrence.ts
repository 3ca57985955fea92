/**
 * Processor of `occurrence` jobs (on the `reminders` queue): make one occurrence of a recurring
 * schedule (`/周期`) an ordinary item — number, card in the schedule's chat, reminders, digests —
 * then plan the next one.
 *
 * Re-reads the schedule first: a paused or stopped schedule makes nothing (恢复 plans afresh).
 * Idempotent at every step, so a retry after a crash anywhere makes the item once: the item is
 * created under the idempotency key `periodic-<schedule>-<occurrence>`, its card is sent under
 * a stable message key, the schedule records the occurrence as made, and the next job has a
 * deterministic id. An occurrence whose day has passed (the bot was down) is still made — late,
 * and visible as such — rather than skipped.
 */
import type { Job } from 'bullmq';
import { recordTask } from '../src/bot/actions/recordTask.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { currentItemCard } from '../src/bot/views/itemCards.ts';
import type { NewItem } from '../src/domain/item.ts';
import type { Occurrence } from '../src/domain/recurrence/rule.ts';
import type { OccurrenceJobData } from '../src/scheduling/occurrencePlanner.ts';
import type { Schedule } from '../src/storage/schedules.ts';

/** `报送月度数据 · 2026-12期`: each occurrence's item names its period. */
export function occurrenceTitle(schedule: Schedule, occurrence: Occurrence): string {
  return `${schedule.title} · ${occurrence.key}期`;
}

function explanationOf(schedule: Schedule, occurrence: Occurrence): string {
  const moved =
    occurrence.moved === 'earlier'
      ? `（${occurrence.nominal}不是工作日，遇节假日提前）`
      : occurrence.moved === 'later'
        ? `（${occurrence.nominal}不是工作日，顺延）`
        : '';
  return `周期 S${schedule.no}「${schedule.rule.text}」${occurrence.key}期${moved}`;
}

export async function makeOccurrence(deps: BotDeps, schedule: Schedule, occurrence: Occurrence) {
  const input: NewItem = {
    tenant: schedule.tenant,
    kind: 'periodic',
    chatId: schedule.chatId,
    ...(schedule.chatType ? { chatType: schedule.chatType } : {}),
    title: occurrenceTitle(schedule, occurrence),
    owners: schedule.owners,
    creator: schedule.creator,
    ...(schedule.lead ? { lead: schedule.lead } : {}),
    ...(schedule.unit ? { unit: schedule.unit } : {}),
    due: occurrence.due,
    allDay: schedule.rule.time === undefined,
    schedule: { no: schedule.no, key: occurrence.key },
  };
  const explanation = explanationOf(schedule, occurrence);
  const item = await recordTask(deps, input, explanation, `periodic-${schedule.no}-${occurrence.key}`);
  const card = await currentItemCard(deps, item, { confirmation: { explanation } });
  const to = { chatId: schedule.chatId };
  await deps.messenger.send({
    tenant: schedule.tenant,
    to,
    message: { type: 'card', card: { ...card } },
    key: `occurrence:${schedule.tenant}:${schedule.no}:${occurrence.key}`,
    showsItem: { no: item.no, view: 'item', to },
  });
  await deps.schedules.markCreated(schedule.tenant, schedule.no, occurrence.key);
  return item;
}

export function createOccurrenceProcessor(deps: BotDeps) {
  return async (job: Job<OccurrenceJobData>): Promise<string> => {
    const { tenant, scheduleNo, key, fireAt } = job.data;
    const schedule = await deps.schedules.get(tenant, scheduleNo);
    if (schedule?.state !== 'active') return `schedule S${scheduleNo} not active`;
    const occurrence = await deps.occurrences.find(schedule, key, fireAt);
    let after = deps.clock.now();
    if (occurrence) {
      const item = await makeOccurrence(deps, schedule, occurrence);
      after = occurrence.due;
      deps.logger.info('occurrence made an item', { tenant, schedule: scheduleNo, key, no: item.no });
    } else {
      // The calendar changed under it (an imported notice): plan from now on.
      deps.logger.warn('occurrence no longer in its rule; planning the next', {
        tenant,
        schedule: scheduleNo,
        key,
      });
    }
    const fresh = (await deps.schedules.get(tenant, scheduleNo)) ?? schedule;
    const next = await deps.occurrences.planNext(fresh, after);
    return next ? `next ${next.occurrence.key}` : 'no next occurrence';
  };
}
