/**
 * A reminder job the scheduler could not take back: BullMQ cannot remove a job that is already
 * running, so a job can fire for an item finished a moment before. The worker re-reads the item
 * and drops such a job itself — nothing is sent, no reminder card is started, and the job is
 * recorded as `stale`, which is what the queue shows for it afterwards. That holds whatever
 * wrote the item: also when the write that closed it did not move its plan version (an item
 * repaired by hand, or written by another release), where the worker's own check is all there
 * is between the job and the batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderJobData } from '../../src/scheduling/reminderScheduler.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { FAKE_TENANT_KEY } from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';
import { settled } from '../support/settle.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

/** Records an item for 张三 due next Tuesday; returns its number and its first reminder job. */
async function itemWithReminder(title: string): Promise<{ no: number; job: ReminderJobData }> {
  const card = await rig.answer(CREATOR, `/任务 ${title} @张三 12月1日`, [ZHANG]);
  const no = Number(/#(\d+)/.exec(textOf(card.content))![1]);
  const delayed = await rig.luoshi.queues.reminders.getDelayed();
  const job = delayed.find((j) => j.name === 'remind' && j.data.no === no);
  expect(job, `a reminder job for #${no}`).toBeDefined();
  return { no, job: job!.data as ReminderJobData };
}

/** Runs `data` as the reminder job that was already running; returns what the job recorded. */
async function fire(data: ReminderJobData, name: string): Promise<unknown> {
  const { reminders, outbound } = rig.luoshi.queues;
  const sentBefore = rig.fake.messages.length;
  const added = await reminders.add('remind', data, { jobId: `test-running-${name}` });
  // The reminders queue's delayed jobs are the future; the outbound queue's are about to go.
  await settled([reminders, outbound], { delayedToo: [outbound] });
  const job = await reminders.getJob(added.id!);
  expect(await job?.getState()).toBe('completed');
  // A line joining a reminder card would have scheduled that card's collector.
  expect((await reminders.getDelayed()).filter((j) => j.name === 'collect')).toEqual([]);
  expect(rig.fake.messages.slice(sentBefore)).toEqual([]);
  return job?.returnvalue;
}

describe('a reminder job that fires for an item closed since it was planned', () => {
  it('sends nothing when the item was finished in chat', async () => {
    const { no, job } = await itemWithReminder('核对财政报表');
    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已核对`)).toContain('已办结');
    clock.set(job.fireAt);
    expect(await fire(job, 'done-in-chat')).toBe('stale');
  });

  it('sends nothing when the write that closed it left the plan version as it was', async () => {
    const { no, job } = await itemWithReminder('报送统计月报');
    await rig.luoshi.deps.items.update(
      FAKE_TENANT_KEY,
      no,
      (item) => ({ ...item, status: 'cancelled', cancelledAt: clock.now(), cancelReason: '并入其他事项' }),
      { actor: CREATOR, action: 'cancel', at: clock.now() },
    );
    const item = await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no);
    expect(item?.planVersion).toBe(job.planVersion);
    clock.set(job.fireAt);
    expect(await fire(job, 'closed-same-version')).toBe('stale');
  });
});
