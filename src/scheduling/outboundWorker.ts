/**
 * How the outbound queue's worker runs, in one place for the server, the crash test's child
 * process and the delivery benchmark: its concurrency, and the lock and stall timings that
 * decide how soon a killed worker's messages are taken over. The processor itself is
 * `jobs/outbound.ts`; Lark's send limits are kept by its pacer (`sendPacer.ts`), not by a
 * BullMQ limiter (why: see there).
 */
import type { WorkerSpec } from './workers.ts';

export interface OutboundTuning {
  concurrency?: number;
  /**
   * How long a job stays claimed by a worker that stopped renewing it (a crashed process)
   * before another may take it over. BullMQ's default, 30 s, suits production; tests shorten it.
   */
  lockDurationMs?: number;
  /** How often workers look for such jobs. */
  stalledIntervalMs?: number;
}

/**
 * A job taken over after a crash is sent again with its uuid, which Lark deduplicates, so
 * a few takeovers are harmless; a job that keeps stalling is failed rather than looping.
 */
const MAX_STALLED = 5;

export function outboundWorkerSettings(
  tuning: OutboundTuning = {},
): Pick<WorkerSpec, 'concurrency' | 'options'> {
  return {
    concurrency: tuning.concurrency ?? 8,
    options: {
      maxStalledCount: MAX_STALLED,
      ...(tuning.lockDurationMs ? { lockDuration: tuning.lockDurationMs } : {}),
      ...(tuning.stalledIntervalMs ? { stalledInterval: tuning.stalledIntervalMs } : {}),
    },
  };
}
