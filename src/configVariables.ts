/**
 * Every environment variable luoshi reads: how `loadConfig` parses it, and — because an operator
 * who gets a value wrong needs to know what would be right — what it allows, with an example.
 * zod's own wording ("expected number, received NaN") says neither, so it is never shown: a
 * refused value is answered with its entry in `allowed` (and, for a check that knows more, such
 * as which admin entry is wrong, that first).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseRedisUrl } from './storage/redisUrl.ts';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A bearer token as RFC 6750 allows it (b64token: letters, digits, `- . _ ~ + /`, then any `=`),
 * so that `openssl rand -base64 24` serves as well as `openssl rand -hex 16`.
 */
const bearerToken = /^[A-Za-z0-9._~+/-]+=*$/;
const TOKEN_CHARS = 'letters, digits and - . _ ~ + / (= only at the end)';

/** An open_id: per app, `ou_` and letters, digits or `_` (`ou_7d8a6e6df7621556ce0d21922b676706`). */
const openId = /^ou_[A-Za-z0-9_]+$/;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = z.coerce.number().int().min(0).max(65535);
/** An address to listen on: an IP address or host name of this machine. */
const listenHost = z.string().refine((h) => isIP(h) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(h));
const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const token = (min: number) => z.string().min(min).regex(bearerToken);

/** A problem `loadConfig` shows before the variable's `allowed` text (zod's own are not shown). */
const said = (message: string) => ({ code: 'custom' as const, message, params: { said: true } });

/** `LUOSHI_ADMINS`: open_ids separated by commas, spaces around each ignored; every entry says why it is refused. */
const admins = z.string().transform((list, ctx) => {
  const entries = list.split(',').map((s) => s.trim());
  const problems = entries
    .filter((entry) => entry !== '' && !openId.test(entry))
    .map(
      (entry) => `"${entry}" is not an open_id${/\s/.test(entry) ? ' (separate open_ids with commas)' : ''}`,
    );
  const empty = entries.flatMap((entry, i) => (entry === '' ? [i + 1] : []));
  if (empty.length > 0)
    problems.push(
      empty.length > 1
        ? `entries ${empty.slice(0, -1).join(', ')} and ${empty.at(-1)} are empty`
        : `entry ${empty[0]} is empty`,
    );
  if (problems.length > 0) ctx.addIssue(said(problems.join('; ')));
  return entries;
});

export const envSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, port.default(3000)),
  HOST: z.preprocess(emptyToUndefined, listenHost.optional()),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .superRefine((url, ctx) => {
        const target = parseRedisUrl(url);
        if ('error' in target) ctx.addIssue(said(target.error));
      })
      .optional(),
  ),
  LARK_APP_ID: optionalString,
  LARK_APP_SECRET: optionalString,
  LARK_ENCRYPT_KEY: optionalString,
  LARK_VERIFICATION_TOKEN: optionalString,
  LARK_DOMAIN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^/]+(\/.*[^/])?$/)
      .default('https://open.feishu.cn'),
  ),
  LARK_TRANSPORT: z.preprocess(emptyToUndefined, z.enum(['webhook', 'ws', 'both']).default('webhook')),
  LARK_SEND_PER_SECOND: z.preprocess(emptyToUndefined, wholeNumber(1, 10_000).default(50)),
  LARK_SEND_PER_MINUTE: z.preprocess(emptyToUndefined, wholeNumber(1, 600_000).default(1000)),
  LUOSHI_TIMEZONE: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone).default('Asia/Shanghai')),
  LUOSHI_WORKDAY_START: z.preprocess(emptyToUndefined, z.string().regex(hhmm).default('09:00')),
  LUOSHI_WORKDAY_END: z.preprocess(emptyToUndefined, z.string().regex(hhmm).default('18:00')),
  LUOSHI_ADMINS: z.preprocess(emptyToUndefined, admins.default([])),
  LUOSHI_ORG_NAME: z.preprocess(emptyToUndefined, z.string().max(60).default('')),
  LUOSHI_CALENDAR_WITHOUT_DATA: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*\d{4}(\s*,\s*\d{4})*\s*$/)
      .optional(),
  ),
  LUOSHI_CLOCK_START: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)))
      .optional(),
  ),
  LUOSHI_KEY_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\w:.-]+$/)
      .default('luoshi'),
  ),
  LUOSHI_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  LUOSHI_PLAYGROUND: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).optional()),
  LUOSHI_EDGE_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  LUOSHI_PLAYGROUND_TOKEN: z.preprocess(emptyToUndefined, token(16).optional()),
  LUOSHI_SHUTDOWN_SECONDS: z.preprocess(emptyToUndefined, wholeNumber(1, 300).default(10)),
  LUOSHI_PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/)
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
  LUOSHI_METRICS_TOKEN: z.preprocess(emptyToUndefined, token(16).optional()),
  LUOSHI_PLAYGROUND_HOST: z.preprocess(emptyToUndefined, listenHost.default('127.0.0.1')),
  LUOSHI_PLAYGROUND_PORT: z.preprocess(emptyToUndefined, port.default(3001)),
  LUOSHI_ROLE: z.preprocess(emptyToUndefined, z.enum(['all', 'web', 'worker']).default('all')),
  LUOSHI_JOB_LOCK_SECONDS: z.preprocess(emptyToUndefined, wholeNumber(2, 600).optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
});

export type Env = z.output<typeof envSchema>;
export type VariableName = keyof typeof envSchema.shape;

/** What each variable allows, with an example: the whole answer to a refused value. */
export const allowed: Record<VariableName, string> = {
  PORT: 'must be a free TCP port, a whole number from 0 to 65535 (0: any free one), e.g. PORT=3000',
  HOST: 'must be an IP address or host name of this machine, e.g. HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every network interface)',
  REDIS_URL:
    'set REDIS_URL=redis://127.0.0.1:6379 (a cluster: redis+cluster://h1:6379,h2:6379; Sentinels: redis+sentinel://h1:26379,h2:26379/mymaster), or leave it unset to start a local redis-server',
  LARK_APP_ID:
    "the App ID from the app's credentials page (凭证与基础信息), e.g. LARK_APP_ID=cli_a1b2c3d4e5f6a7b8",
  LARK_APP_SECRET: "the App Secret from the app's credentials page (凭证与基础信息)",
  LARK_ENCRYPT_KEY: 'the Encrypt Key from the app console → Events & Callbacks → Encryption strategy',
  LARK_VERIFICATION_TOKEN:
    'the Verification Token from the app console → Events & Callbacks → Encryption strategy',
  LARK_DOMAIN:
    'must be the Open Platform base URL without a trailing slash: LARK_DOMAIN=https://open.feishu.cn (Feishu) or LARK_DOMAIN=https://open.larksuite.com (Lark)',
  LARK_TRANSPORT: 'use webhook, ws (long connection) or both, e.g. LARK_TRANSPORT=webhook',
  LARK_SEND_PER_SECOND:
    "must be a whole number from 1 to 10000: Lark's default is 50 (LARK_SEND_PER_SECOND=50); set more only if Lark raised your app's limit",
  LARK_SEND_PER_MINUTE:
    "must be a whole number from 1 to 600000: Lark's default is 1000 (LARK_SEND_PER_MINUTE=1000); set more only if Lark raised your app's limit",
  LUOSHI_TIMEZONE: 'must be an IANA time zone, e.g. LUOSHI_TIMEZONE=Asia/Shanghai',
  LUOSHI_WORKDAY_START: 'must be a 24-hour time HH:mm from 00:00 to 23:59, e.g. LUOSHI_WORKDAY_START=09:00',
  LUOSHI_WORKDAY_END: 'must be a 24-hour time HH:mm from 00:00 to 23:59, e.g. LUOSHI_WORKDAY_END=18:00',
  LUOSHI_ADMINS:
    "list open_ids separated by commas, e.g. LUOSHI_ADMINS=ou_7d8a6e6df7621556ce0d21922b676706,ou_0b3c1e5f2a9d4c8e7f6a5b4c3d2e1f00. An open_id is ou_ followed by letters, digits or _, and differs per app: find a person's in the developer console's API Explorer (API 调试台) with contact/v3/users/batch_get_id (their mobile or email, user_id_type=open_id), logged in to this app",
  LUOSHI_ORG_NAME: 'must be at most 60 characters, e.g. LUOSHI_ORG_NAME=县政府办公室',
  LUOSHI_CALENDAR_WITHOUT_DATA:
    'must be four-digit years separated by commas, e.g. LUOSHI_CALENDAR_WITHOUT_DATA=2026 or LUOSHI_CALENDAR_WITHOUT_DATA=2026,2027',
  LUOSHI_CLOCK_START:
    'must be an ISO 8601 instant, e.g. LUOSHI_CLOCK_START=2026-12-01T09:00:00+08:00, or leave it unset for real time',
  LUOSHI_KEY_PREFIX: 'must be letters, digits and _ : . - only, e.g. LUOSHI_KEY_PREFIX=luoshi',
  LUOSHI_DATA_DIR: 'a folder for the private Redis, e.g. LUOSHI_DATA_DIR=./data',
  LUOSHI_PLAYGROUND: 'use on or off, e.g. LUOSHI_PLAYGROUND=off',
  LUOSHI_EDGE_SECRET:
    'must be at least 32 characters, e.g. LUOSHI_EDGE_SECRET=$(openssl rand -hex 32), and give the edge the same value (npx wrangler secret put LUOSHI_EDGE_SECRET), or leave it unset to keep /webhook/edge off',
  LUOSHI_PLAYGROUND_TOKEN: `must be at least 16 characters, ${TOKEN_CHARS}, e.g. LUOSHI_PLAYGROUND_TOKEN=$(openssl rand -hex 16) or $(openssl rand -base64 24)`,
  LUOSHI_SHUTDOWN_SECONDS: 'must be a whole number of seconds from 1 to 300, e.g. LUOSHI_SHUTDOWN_SECONDS=10',
  LUOSHI_PUBLIC_URL:
    'must be an http(s) address without query or #, the one people open the 看板 at, e.g. LUOSHI_PUBLIC_URL=https://luoshi.example.gov.cn',
  LUOSHI_METRICS_TOKEN: `must be at least 16 characters, ${TOKEN_CHARS}, e.g. LUOSHI_METRICS_TOKEN=$(openssl rand -hex 16) or $(openssl rand -base64 24), and the same in the scrape config`,
  LUOSHI_PLAYGROUND_HOST:
    'must be an IP address or host name of this machine, e.g. LUOSHI_PLAYGROUND_HOST=127.0.0.1',
  LUOSHI_PLAYGROUND_PORT:
    'must be a free TCP port other than PORT, a whole number from 0 to 65535, e.g. LUOSHI_PLAYGROUND_PORT=3001',
  LUOSHI_ROLE:
    'use all (one process does everything), web (HTTP and Lark connection only) or worker (queues and reminders only), e.g. LUOSHI_ROLE=all',
  LUOSHI_JOB_LOCK_SECONDS:
    "must be a whole number of seconds from 2 to 600, e.g. LUOSHI_JOB_LOCK_SECONDS=30, or leave it unset for BullMQ's 30 s",
  LOG_LEVEL: 'use debug, info, warn or error, e.g. LOG_LEVEL=info',
};

/** Variables whose values never appear in an error message. */
export const secretVars: ReadonlySet<string> = new Set([
  'LARK_APP_SECRET',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'LUOSHI_EDGE_SECRET',
  'LUOSHI_METRICS_TOKEN',
  'LUOSHI_PLAYGROUND_TOKEN',
]);

/** A refused value as the message shows it: a secret by its length only, a URL without its password. */
export function shownValue(name: string, value: string): string {
  if (secretVars.has(name)) return `(${value.length} character${value.length === 1 ? '' : 's'}, not shown)`;
  return JSON.stringify(name === 'REDIS_URL' ? value.replace(/\/\/[^@/]*@/, '//***@') : value);
}

/** One variable read: its value, or the problem with it and what is allowed instead. */
export function readVariable<K extends VariableName>(
  name: K,
  value: string | undefined,
): { ok: true; value: Env[K] } | { ok: false; problem: string } {
  const parsed = envSchema.shape[name].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as Env[K] };
  const own = parsed.error.issues.find((i) => i.code === 'custom' && i.params?.said)?.message;
  const shown = shownValue(name, value ?? '');
  return { ok: false, problem: `${name}=${shown}: ${own ? `${own}; ` : ''}${allowed[name]}` };
}
