/**
 * The edge's promise in numbers: with the retry delays of `edge/src/retryPolicy.ts` and the
 * `max_retries` of `wrangler.toml`, a queued event outlasts a core outage of 15 hours before it
 * goes to the dead-letter queue, and a restart of a few seconds costs it one short wait.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../edge/src/retryPolicy.ts';

const toml = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');
/** A `name = value` line of wrangler.toml (each of these names appears once). */
const setting = (name: string) => new RegExp(`^${name}\\s*=\\s*"?([^"\\s]+)"?`, 'm').exec(toml)?.[1];

describe('the edge retry schedule', () => {
  it('waits 5 s after the first failure and never more than 10 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(50)).toBe(600);
  });

  it('spans more than 15 hours of downtime before wrangler.toml dead-letters an event', () => {
    const maxRetries = Number(setting('max_retries'));
    expect(maxRetries).toBe(100);
    expect(setting('dead_letter_queue')).toBe('luoshi-events-dead');
    // Attempt k (1-based) fails, then waits retryDelaySeconds(k); the last retry is attempt maxRetries + 1.
    let waited = 0;
    for (let attempt = 1; attempt <= maxRetries; attempt += 1) waited += retryDelaySeconds(attempt);
    expect(waited / 3600).toBeGreaterThan(15);
    expect(waited / 3600).toBeLessThan(16);
  });
});
