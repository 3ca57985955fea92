/**
 * The edge's bindings, as `wrangler.toml` declares them: two queues, one variable, and three
 * secrets set with `wrangler secret put` (never in the file). `edgeSettings` checks them once
 * per request, so a missing secret is a clear error in the logs instead of a silent 401 storm.
 */

export interface EdgeEnv {
  /** Lark events waiting to be forwarded to the core. */
  EVENTS: Queue<string>;
  /** Events the core refused as malformed: kept for a person to look at, never retried. */
  DEAD_LETTERS: Queue<string>;
  /** Base URL of the core, e.g. `https://luoshi.example.gov.cn` (no trailing path). */
  LUOSHI_CORE_URL: string;
  /** How long a card press waits for the core before answering with a toast (ms). */
  CARD_TIMEOUT_MS?: string;
  LARK_ENCRYPT_KEY: string;
  LARK_VERIFICATION_TOKEN: string;
  LUOSHI_EDGE_SECRET: string;
}

/** Lark waits 3 s for a card callback; leave room for the way back. */
export const DEFAULT_CARD_TIMEOUT_MS = 2500;
/** An event forward may wait longer: nobody is watching, and a retry costs a queue round. */
export const FORWARD_TIMEOUT_MS = 10_000;

const REQUIRED = [
  'LUOSHI_CORE_URL',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'LUOSHI_EDGE_SECRET',
] as const;

/** The names of required bindings that are unset or empty. */
export function missingSettings(env: EdgeEnv): string[] {
  return REQUIRED.filter((name) => typeof env[name] !== 'string' || env[name].trim() === '');
}

export function cardTimeoutMs(env: EdgeEnv): number {
  const n = Number(env.CARD_TIMEOUT_MS);
  return Number.isInteger(n) && n > 0 && n <= 2900 ? n : DEFAULT_CARD_TIMEOUT_MS;
}
