/**
 * The queue consumer: forwards each queued Lark event to the core and settles it by what the
 * core said. Accepted (2xx) → ack. Malformed for the core (400, 413) → the dead-letter queue at
 * once, since trying again cannot help. Anything else — the core down, restarting, unreachable,
 * Redis away (503), a secret not yet shared (401) or the route off (404) — is retried with a
 * growing delay; after `max_retries` in `wrangler.toml` Cloudflare moves it to the dead-letter
 * queue. The core drops duplicates by event id, so a forward that arrived but whose answer was
 * lost is harmless when it is retried.
 * https://developers.cloudflare.com/queues/configuration/batching-retries/
 */
import { postToCore } from './core.ts';
import { type EdgeEnv, FORWARD_TIMEOUT_MS, missingSettings } from './env.ts';
import { retryDelaySeconds } from './retryPolicy.ts';

async function settle(message: Message<string>, env: EdgeEnv): Promise<void> {
  const outcome = await postToCore(env, message.body, FORWARD_TIMEOUT_MS);
  const status = outcome.status;
  if (typeof status === 'number' && status >= 200 && status < 300) {
    message.ack();
    return;
  }
  if (status === 400 || status === 413) {
    console.error('core refused an event as malformed; dead-lettered', { id: message.id, status });
    await env.DEAD_LETTERS.send(message.body, { contentType: 'text' });
    message.ack();
    return;
  }
  const delaySeconds = retryDelaySeconds(message.attempts);
  const why = outcome.status === 'unreachable' ? outcome.reason : `HTTP ${status}`;
  // 401 and 404 mean the two sides are configured differently: say so loudly.
  const log = status === 401 || status === 404 ? console.error : console.warn;
  log('core did not take an event; retrying', {
    id: message.id,
    attempt: message.attempts,
    why,
    delaySeconds,
  });
  message.retry({ delaySeconds });
}

export async function consumeEvents(batch: MessageBatch<string>, env: EdgeEnv): Promise<void> {
  const missing = missingSettings(env);
  if (missing.length > 0) {
    console.error(`edge not configured: set ${missing.join(', ')}; events wait in the queue`);
    batch.retryAll({ delaySeconds: retryDelaySeconds(1) });
    return;
  }
  // Independent events: forward them side by side so one slow request does not hold the rest.
  await Promise.all(batch.messages.map((message) => settle(message, env)));
}
