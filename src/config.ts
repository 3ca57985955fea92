/**
 * The only module that reads `process.env` (DESIGN §2). `loadConfig(env)` returns a typed
 * object or throws one `ConfigError` that lists every problem and how to fix it.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
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

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = z.coerce.number().int().min(0).max(65535);
/** An address to listen on: an IP address or a host name of this machine. */
const listenHost = z
  .string()
  .refine(
    (h) => isIP(h) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(h),
    'must be an IP address or host name',
  );

const envSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, port.default(3000)),
  HOST: z.preprocess(emptyToUndefined, listenHost.optional()),
  REDIS_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .superRefine((url, ctx) => {
        const target = parseRedisUrl(url);
        if ('error' in target) ctx.addIssue({ code: 'custom', message: target.error });
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
      .regex(
        /^https?:\/\/[^/]+(\/.*[^/])?$/,
        'must be a base URL like https://open.feishu.cn, without a trailing slash',
      )
      .default('https://open.feishu.cn'),
  ),
  LARK_TRANSPORT: z.preprocess(emptyToUndefined, z.enum(['webhook', 'ws', 'both']).default('webhook')),
  LARK_SEND_PER_SECOND: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(10_000).default(50),
  ),
  LARK_SEND_PER_MINUTE: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(600_000).default(1000),
  ),
  LUOSHI_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  ),
  LUOSHI_WORKDAY_START: z.preprocess(
    emptyToUndefined,
    z.string().regex(hhmm, 'must be HH:mm, e.g. 09:00').default('09:00'),
  ),
  LUOSHI_WORKDAY_END: z.preprocess(
    emptyToUndefined,
    z.string().regex(hhmm, 'must be HH:mm, e.g. 18:00').default('18:00'),
  ),
  LUOSHI_ADMINS: z.preprocess(emptyToUndefined, z.string().default('')),
  LUOSHI_ORG_NAME: z.preprocess(emptyToUndefined, z.string().max(60).default('')),
  LUOSHI_CALENDAR_WITHOUT_DATA: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\s*\d{4}(\s*,\s*\d{4})*\s*$/, 'must be years separated by commas, e.g. 2026')
      .optional(),
  ),
  LUOSHI_CLOCK_START: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (s) => !Number.isNaN(Date.parse(s)),
        'must be an ISO 8601 instant such as 2026-12-01T09:00:00+08:00',
      )
      .optional(),
  ),
  LUOSHI_KEY_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\w:.-]+$/, 'letters, digits, _ : . - only')
      .default('luoshi'),
  ),
  LUOSHI_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  LUOSHI_PLAYGROUND: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).optional()),
  LUOSHI_EDGE_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  LUOSHI_PLAYGROUND_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\w.~-]{16,}$/, 'must be at least 16 letters, digits or . _ ~ -')
      .optional(),
  ),
  LUOSHI_SHUTDOWN_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(300).default(10),
  ),
  LUOSHI_PUBLIC_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be an http(s) address without query')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
  LUOSHI_METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\w.~-]{16,}$/, 'must be at least 16 letters, digits or . _ ~ -')
      .optional(),
  ),
  LUOSHI_PLAYGROUND_HOST: z.preprocess(emptyToUndefined, listenHost.default('127.0.0.1')),
  LUOSHI_PLAYGROUND_PORT: z.preprocess(emptyToUndefined, port.default(3001)),
  LUOSHI_ROLE: z.preprocess(emptyToUndefined, z.enum(['all', 'web', 'worker']).default('all')),
  LUOSHI_JOB_LOCK_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(600).optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
});

/** How to fix a problem with each variable, appended to the zod message. */
const fixes: Record<string, string> = {
  PORT: 'set PORT to a free TCP port, e.g. PORT=3000',
  HOST: 'e.g. HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every network interface)',
  LUOSHI_PLAYGROUND_TOKEN: 'e.g. LUOSHI_PLAYGROUND_TOKEN=$(openssl rand -hex 16)',
  LUOSHI_PUBLIC_URL:
    'the address people open the 看板 at, e.g. LUOSHI_PUBLIC_URL=https://luoshi.example.gov.cn',
  LUOSHI_METRICS_TOKEN:
    'e.g. LUOSHI_METRICS_TOKEN=$(openssl rand -hex 16), and the same in the scrape config',
  LUOSHI_PLAYGROUND_HOST: 'e.g. LUOSHI_PLAYGROUND_HOST=127.0.0.1',
  LUOSHI_PLAYGROUND_PORT: 'set it to a free TCP port other than PORT, e.g. LUOSHI_PLAYGROUND_PORT=3001',
  REDIS_URL:
    'set REDIS_URL=redis://127.0.0.1:6379 (a cluster: redis+cluster://h1:6379,h2:6379; Sentinels: redis+sentinel://h1:26379,h2:26379/mymaster), or leave it unset to start a local redis-server',
  LARK_DOMAIN: 'use https://open.feishu.cn (Feishu) or https://open.larksuite.com (Lark)',
  LARK_TRANSPORT: 'use webhook, ws or both',
  LUOSHI_ROLE:
    'use all (one process does everything), web (HTTP and Lark connection only) or worker (queues and reminders only)',
  LUOSHI_JOB_LOCK_SECONDS: "a whole number of seconds, e.g. 30, or leave it unset for BullMQ's 30 s",
  LARK_SEND_PER_SECOND: "a whole number: Lark's default is 50; set more only if Lark raised your app's limit",
  LARK_SEND_PER_MINUTE:
    "a whole number: Lark's default is 1000; set more only if Lark raised your app's limit",
  LUOSHI_TIMEZONE: 'e.g. LUOSHI_TIMEZONE=Asia/Shanghai',
  LUOSHI_ORG_NAME: 'at most 60 characters, e.g. LUOSHI_ORG_NAME=县政府办公室',
  LUOSHI_CLOCK_START: 'e.g. LUOSHI_CLOCK_START=2026-12-01T09:00:00+08:00, or leave it unset for real time',
  LUOSHI_EDGE_SECRET:
    'generate one with `openssl rand -hex 32` and give the edge the same value (npx wrangler secret put LUOSHI_EDGE_SECRET), or leave it unset to keep /webhook/edge off',
};

/** Variables whose values never appear in an error message. */
const secretVars = new Set([
  'LARK_APP_SECRET',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'LUOSHI_EDGE_SECRET',
  'LUOSHI_METRICS_TOKEN',
]);

export interface TimeSettings {
  timezone: string;
  /** Office hours, `HH:mm` local time. */
  workdayStart: string;
  workdayEnd: string;
  /** Years whose packaged holiday data is set aside (see `CalendarOptions.withoutDataYears`). */
  withoutDataYears?: number[];
}

export interface LarkSettings {
  appId: string;
  appSecret: string;
  encryptKey: string | undefined;
  verificationToken: string | undefined;
  domain: string;
  transport: 'webhook' | 'ws' | 'both';
  /** The app's send limits (Lark's defaults 50/s and 1000/min; Lark raises them on request). */
  sendLimits: { perSecond: number; perMinute: number };
}

/** Where an HTTP listener binds. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * What this process does (`LUOSHI_ROLE`): `all` of it; `web`, the HTTP routes and Lark's long
 * connection, enqueueing only; `worker`, the queues' workers and the reminder schedulers.
 */
export type Role = 'all' | 'web' | 'worker';

export interface Config {
  role: Role;
  /**
   * How long a job stays claimed by a worker process that stopped renewing it (it died) before
   * another process takes it over; unset: BullMQ's 30 s.
   */
  jobLockSeconds: number | undefined;
  port: number;
  /** The address the server binds: loopback in playground mode, every interface with a Lark app. */
  host: string;
  /** Unset: start an embedded redis-server with data under `dataDir/redis`. */
  redisUrl: string | undefined;
  /** Unset when no Lark app is configured: playground mode. */
  lark: LarkSettings | undefined;
  larkDomain: string;
  time: TimeSettings;
  admins: string[];
  /** The organisation's name, heading its 台账 (`县政府办公室`); empty: none. */
  organisation: string;
  clockStart: number | undefined;
  keyPrefix: string;
  dataDir: string;
  /** Serve `/playground`: on by default in playground mode, off with a Lark app unless enabled. */
  playground: boolean;
  /** Set: serve `POST /webhook/edge` for the Workers edge, which signs with this secret. */
  edgeSecret: string | undefined;
  /** How long SIGTERM waits for work in flight before the process exits anyway. */
  shutdownSeconds: number;
  /** Asked of every `/metrics` scrape (Bearer) when set. */
  metricsToken: string | undefined;
  /** Where people reach the 看板 (`LUOSHI_PUBLIC_URL`); unset: this machine's own address. */
  publicUrl: string | undefined;
  /** Asked of every playground request when set; required beside a Lark app. */
  playgroundToken: string | undefined;
  /**
   * Beside a Lark app the playground has a listener of its own (loopback by default), so that
   * the public one — the webhook's, often behind a proxy — never serves it. Unset otherwise:
   * the playground is then on the main listener.
   */
  playgroundListen: ListenAddress | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      const fix = fixes[name];
      const value = env[name] ?? '';
      const shown = secretVars.has(name) ? `(${value.length} characters, not shown)` : JSON.stringify(value);
      problems.push(`${name}=${shown}: ${issue.message}${fix ? ` (${fix})` : ''}`);
    }
  }
  const e = parsed.success ? parsed.data : undefined;
  if (e) {
    if (e.LUOSHI_WORKDAY_START >= e.LUOSHI_WORKDAY_END) {
      problems.push(
        `LUOSHI_WORKDAY_START (${e.LUOSHI_WORKDAY_START}) must be before LUOSHI_WORKDAY_END (${e.LUOSHI_WORKDAY_END})`,
      );
    }
    const larkVars = ['LARK_APP_ID', 'LARK_APP_SECRET'] as const;
    const larkSet = larkVars.filter((k) => e[k] !== undefined);
    if (larkSet.length === 1) {
      const missing = larkVars.find((k) => e[k] === undefined);
      problems.push(
        `${missing} is missing: set both LARK_APP_ID and LARK_APP_SECRET (from the app's credentials page), or neither for playground mode`,
      );
    }
    const playgroundBesideLark = larkSet.length === 2 && e.LUOSHI_PLAYGROUND === 'on';
    if (playgroundBesideLark && e.LUOSHI_PLAYGROUND_TOKEN === undefined) {
      problems.push(
        'LUOSHI_PLAYGROUND_TOKEN is missing: the playground beside a Lark app asks for a token (at least 16 characters, e.g. LUOSHI_PLAYGROUND_TOKEN=$(openssl rand -hex 16)), or set LUOSHI_PLAYGROUND=off',
      );
    }
    if (playgroundBesideLark && e.PORT !== 0 && e.PORT === e.LUOSHI_PLAYGROUND_PORT) {
      problems.push(
        `LUOSHI_PLAYGROUND_PORT (${e.LUOSHI_PLAYGROUND_PORT}) must differ from PORT: beside a Lark app the playground listens on a port of its own`,
      );
    }
    // Several processes only share work through one Redis; an embedded one would be private.
    if (e.LUOSHI_ROLE !== 'all' && e.REDIS_URL === undefined) {
      problems.push(
        `REDIS_URL is missing: LUOSHI_ROLE=${e.LUOSHI_ROLE} shares its queues with the other processes through one Redis, so set REDIS_URL=redis://… (the same for every process), or LUOSHI_ROLE=all for one process with a private redis-server`,
      );
    }
    if (larkSet.length === 2 && e.LARK_TRANSPORT !== 'ws') {
      for (const k of ['LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const) {
        if (e[k] === undefined) {
          problems.push(
            `${k} is missing: webhook mode needs it (app console → Events & Callbacks → Encryption strategy), or set LARK_TRANSPORT=ws`,
          );
        }
      }
    }
  }
  if (problems.length > 0 || !e) throw new ConfigError(problems);

  const lark: LarkSettings | undefined =
    e.LARK_APP_ID && e.LARK_APP_SECRET
      ? {
          appId: e.LARK_APP_ID,
          appSecret: e.LARK_APP_SECRET,
          encryptKey: e.LARK_ENCRYPT_KEY,
          verificationToken: e.LARK_VERIFICATION_TOKEN,
          domain: e.LARK_DOMAIN,
          transport: e.LARK_TRANSPORT,
          sendLimits: { perSecond: e.LARK_SEND_PER_SECOND, perMinute: e.LARK_SEND_PER_MINUTE },
        }
      : undefined;
  const playground = e.LUOSHI_PLAYGROUND ? e.LUOSHI_PLAYGROUND === 'on' : lark === undefined;
  return {
    role: e.LUOSHI_ROLE,
    jobLockSeconds: e.LUOSHI_JOB_LOCK_SECONDS,
    port: e.PORT,
    // Playground mode acts as whoever the page says: only this machine may reach it, unless asked.
    host: e.HOST ?? (lark ? '0.0.0.0' : '127.0.0.1'),
    redisUrl: e.REDIS_URL,
    lark,
    larkDomain: e.LARK_DOMAIN,
    time: {
      timezone: e.LUOSHI_TIMEZONE,
      workdayStart: e.LUOSHI_WORKDAY_START,
      workdayEnd: e.LUOSHI_WORKDAY_END,
      ...(e.LUOSHI_CALENDAR_WITHOUT_DATA
        ? { withoutDataYears: e.LUOSHI_CALENDAR_WITHOUT_DATA.split(',').map((y) => Number(y.trim())) }
        : {}),
    },
    admins: e.LUOSHI_ADMINS.split(/[\s,]+/).filter(Boolean),
    organisation: e.LUOSHI_ORG_NAME.trim(),
    clockStart: e.LUOSHI_CLOCK_START ? Date.parse(e.LUOSHI_CLOCK_START) : undefined,
    keyPrefix: e.LUOSHI_KEY_PREFIX,
    dataDir: e.LUOSHI_DATA_DIR,
    edgeSecret: e.LUOSHI_EDGE_SECRET,
    playground,
    playgroundToken: e.LUOSHI_PLAYGROUND_TOKEN,
    metricsToken: e.LUOSHI_METRICS_TOKEN,
    publicUrl: e.LUOSHI_PUBLIC_URL,
    shutdownSeconds: e.LUOSHI_SHUTDOWN_SECONDS,
    playgroundListen:
      playground && lark ? { host: e.LUOSHI_PLAYGROUND_HOST, port: e.LUOSHI_PLAYGROUND_PORT } : undefined,
    logLevel: e.LOG_LEVEL,
  };
}
