/**
 * Gathers reminder notes into one message per recipient and minute (see
 * `src/storage/reminderBatches.ts` for the storage side). The first note of a (recipient,
 * minute, part) schedules a collector job with a deterministic id; later notes of that part
 * find it already scheduled. The collector waits a short settling time in real time — it is a
 * processing margin for reminders that fire together, not a point on the bot's calendar — and
 * then sends whatever the part holds as one message with a stable key.
 */
import type { Queue } from 'bullmq';
import type { Messenger, Target } from '../bot/messenger.ts';
import { batchText, type ReminderNote, targetKey } from '../bot/reminderTexts.ts';
import type { ReminderBatches } from '../storage/reminderBatches.ts';
import { collectorJobId, parseReminderJobId } from './jobIds.ts';

/** How long a collector waits for the other reminders of its minute to land. */
export const SETTLE_MS = 1000;
/** A burst can take longer than one settling wait: a collector waits again while reminders of its minute are queued, this many times at most. */
export const MAX_EXTRA_WAITS = 5;
/** How much of the queue's head a collector looks at for reminders of its minute. */
const PEEK = 2000;

export interface CollectorJobData {
  tenant: string;
  to: Target;
  minute: number;
  part: number;
  /** Extra settling waits taken so far (a burst was still being worked through). */
  waits?: number;
}

export class ReminderBatcher {
  constructor(
    private readonly queue: Queue,
    private readonly batches: ReminderBatches,
    private readonly messenger: Messenger,
    private readonly settleMs: number = SETTLE_MS,
  ) {}

  /** Adds a note to the batch of its recipient and planned minute. Safe to repeat. */
  async add(tenant: string, note: ReminderNote, fireAt: number): Promise<void> {
    const minute = Math.floor(fireAt / 60_000);
    const target = targetKey(note.to);
    const { part, state } = await this.batches.add(tenant, target, minute, {
      kind: note.kind,
      no: note.no,
      text: note.text,
    });
    // The part's first line schedules its collector; so does a retry, in case the attempt that
    // wrote the line died before it could. Other lines find the collector already scheduled.
    if (state !== 'first' && state !== 'present') return;
    const data: CollectorJobData = { tenant, to: note.to, minute, part };
    await this.queue.add('collect', data, {
      jobId: collectorJobId({ tenant, target, minute, part }),
      delay: this.settleMs,
    });
  }

  /** True while reminder jobs planned for `minute` are still waiting or running (a burst). */
  async peersPending(minute: number): Promise<boolean> {
    const ids = await this.queue.getRanges(['waiting', 'active', 'prioritized'], 0, PEEK - 1);
    return ids.some((id) => {
      const r = parseReminderJobId(id);
      return r !== undefined && Math.floor(r.fireAt / 60_000) === minute;
    });
  }

  /** The collector's work: close the part and send it. Returns how many lines went out. */
  async collect(data: CollectorJobData): Promise<number> {
    const target = targetKey(data.to);
    const lines = await this.batches.close(data.tenant, target, data.minute, data.part);
    if (lines.length === 0) return 0;
    await this.messenger.send({
      tenant: data.tenant,
      to: data.to,
      message: { type: 'text', text: batchText(lines) },
      key: `remind:${data.tenant}:${target}:${data.minute}:${data.part}`,
    });
    return lines.length;
  }
}
