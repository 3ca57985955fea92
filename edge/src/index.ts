/**
 * luoshi's Workers edge: a Cloudflare Worker that takes Lark's event deliveries for a core
 * that sits behind a firewall, restarts for maintenance or is far from Lark. `fetch` checks and
 * queues (`receive.ts`); `queue` forwards to the core's `POST /webhook/edge` (`consumer.ts`).
 * Configured by `wrangler.toml` at the repository's top level; see the README's "Workers edge".
 */
import { consumeEvents } from './consumer.ts';
import type { EdgeEnv } from './env.ts';
import { receiver } from './receive.ts';

export default {
  fetch: receiver.fetch,
  queue: consumeEvents,
} satisfies ExportedHandler<EdgeEnv, string>;
