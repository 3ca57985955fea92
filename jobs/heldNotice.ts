/**
 * Processor of `held-notice` jobs on the `reminders` queue: what an action told another chat or
 * person outside their office hours, sent at their next office start
 * (`src/bot/actions/heldNotice.ts`). Re-reads the item; a retry sends it once (stable key).
 */
import type { Job } from 'bullmq';
import { type HeldNoticeJob, sendHeldNotice } from '../src/bot/actions/heldNotice.ts';
import type { BotDeps } from '../src/bot/deps.ts';

export function createHeldNoticeProcessor(deps: BotDeps) {
  return (job: Job<HeldNoticeJob>): Promise<string> => sendHeldNotice(deps, job.data);
}
