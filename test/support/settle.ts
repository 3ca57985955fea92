/**
 * A barrier for "nothing more will happen": waits until the given queues hold no job waiting,
 * running or about to run. Use it after the server accepted something (the webhook answers only
 * once the event is queued) to check what did *not* happen — a reply that would have come
 * after some other reply is not ruled out by that other reply.
 *
 * Queues are read in the order given, each until it is idle: a job of an earlier queue adds its
 * follow-ups to later queues before it completes (inbound → outbound), so once the earlier one
 * is idle the later one already holds whatever it will get; passes repeat until one finds
 * every queue idle. Delayed jobs count only for the
 * queues named in `delayedToo` (the outbound queue holds paced messages back for a moment;
 * delayed reminders are the future).
 */
import type { Queue } from 'bullmq';

const POLL_MS = 20;

export async function settled(
  queues: readonly Queue[],
  options: { delayedToo?: readonly Queue[]; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const delayed = new Set(options.delayedToo ?? []);
  const busy = async (queue: Queue) => {
    const states = delayed.has(queue)
      ? (['waiting', 'active', 'prioritized', 'delayed', 'waiting-children'] as const)
      : (['waiting', 'active', 'prioritized', 'waiting-children'] as const);
    const counts = await queue.getJobCounts(...states);
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };
  // Until one whole pass finds every queue idle: a later queue's job may feed an earlier one.
  for (let quiet = false; !quiet; ) {
    quiet = true;
    for (const queue of queues) {
      for (let n = await busy(queue); n > 0; n = await busy(queue)) {
        quiet = false;
        if (Date.now() > deadline) throw new Error(`queue ${queue.name} still has ${n} jobs to run`);
        await new Promise((ok) => setTimeout(ok, POLL_MS));
      }
    }
  }
}
