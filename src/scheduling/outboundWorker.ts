/**
 * How the outbound queue's worker runs, in one place for the server, the crash test's child
 * process and the delivery benchmark: the app-wide send limit as BullMQ's limiter, and the
 * lock and stall timings that decide how soon a killed worker's messages are taken over.
 * The processor itself is `jobs/outbound.ts`.
 */
import type { WorkerSpec } from './workers.ts';

/** Lark: 50 messages a second per app (LARK.md, Sending). */
export const APP_SENDS_PER_SECOND = 50;

export interface OutboundTuning {
  concurrency?: number;
  /**
   * How long a job stays claimed by a worker that stopped renewing it (a crashed process)
   * before another may take it over. BullMQ's default, 30 s, suits production; tests shorten it.
   */
  lockDurationMs?: number;
  /** How often workers look for such jobs. */
  stalledIntervalMs?: number;
  /** App-wide sends per second; defaults to Lark's 50. */
  appSendsPerSecond?: number;
}

/**
 * A job taken over after a crash is sent again with its uuid, which Lark deduplicates, so
 * a few takeovers are harmless; a job that keeps stalling is failed rather than looping.
 */
const MAX_STALLED = 5;

/**
 * One send per slot of 1/rate seconds (50/s: one every 20 ms). BullMQ's limiter key expires
 * after the slot and the next job can only start after that, plus a Redis round trip, so no
 * sliding second ever holds more than the rate. Not `{ max: 50, duration: 1000 }`: that
 * window is fixed while Lark's second slides, and 50 at the end of one fixed window plus 50
 * at the start of the next are 100 in one of Lark's seconds (measured against the fake
 * enforcing the limit: 28% of sends throttled, 38/s in the end).
 */
export function appLimiter(sendsPerSecond: number): { max: number; duration: number } {
  return { max: 1, duration: Math.ceil(1000 / sendsPerSecond) };
}

export function outboundWorkerSettings(
  tuning: OutboundTuning = {},
): Pick<WorkerSpec, 'concurrency' | 'options'> {
  return {
    concurrency: tuning.concurrency ?? 8,
    options: {
      limiter: appLimiter(tuning.appSendsPerSecond ?? APP_SENDS_PER_SECOND),
      maxStalledCount: MAX_STALLED,
      ...(tuning.lockDurationMs ? { lockDuration: tuning.lockDurationMs } : {}),
      ...(tuning.stalledIntervalMs ? { stalledInterval: tuning.stalledIntervalMs } : {}),
    },
  };
}
