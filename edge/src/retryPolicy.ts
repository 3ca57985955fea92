/**
 * How long a queued event waits before the consumer tries the core again. Short at first (a
 * restart takes seconds), then backing off so a long outage costs few requests. Pure, so the
 * schedule can be checked against `max_retries` in `wrangler.toml` by a plain unit test.
 */

/** Cloudflare Queues' ceiling for one delay is 12 hours; ours stays well under it. */
export const MAX_RETRY_DELAY_SECONDS = 600;

/**
 * Seconds before attempt `attempts + 1`: 5 s, doubling, at most 10 minutes. With
 * `max_retries = 100` that rides out about 15 hours of core downtime.
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_DELAY_SECONDS, 5 * 2 ** Math.max(0, attempts - 1));
}
