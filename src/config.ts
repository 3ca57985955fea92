/**
 * The only module that reads `process.env` (DESIGN §2). `loadConfig(env)` returns a typed
 * object or throws one `ConfigError` that lists every problem and how to fix it, all in one run
 * (the variables and what each allows are in `configVariables.ts`). `invocation()` says how
 * the process was started, for messages that suggest a command.
 */

import { relative, resolve, sep } from 'node:path';
import { type Env, envSchema, readVariable, type VariableName } from './configVariables.ts';
import { ConfigError } from './errors.ts';

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
  // Each variable on its own, so that one bad value hides no other problem, and the checks
  // across variables run on those that were read (a refused one is already listed).
  const problems: string[] = [];
  const read: Partial<Env> = {};
  for (const name of Object.keys(envSchema.shape) as VariableName[]) {
    const one = readVariable(name, env[name]);
    if (one.ok) Object.assign(read, { [name]: one.value });
    else problems.push(one.problem);
  }
  problems.push(...acrossVariables(read, env));
  if (problems.length > 0) throw new ConfigError(problems);
  const e = envSchema.parse(env);

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
    admins: e.LUOSHI_ADMINS,
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

/** Problems of variables that are each allowed but not together; `read` holds those allowed. */
function acrossVariables(e: Partial<Env>, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const start = e.LUOSHI_WORKDAY_START;
  const end = e.LUOSHI_WORKDAY_END;
  if (start !== undefined && end !== undefined && start >= end) {
    problems.push(
      `LUOSHI_WORKDAY_START (${start}) must be before LUOSHI_WORKDAY_END (${end}): office hours lie within one day, e.g. LUOSHI_WORKDAY_START=09:00 LUOSHI_WORKDAY_END=18:00`,
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
  // Either of the pair means a Lark app is meant: say all it needs at once, not one run at a time.
  const larkMeant = larkSet.length > 0;
  const playgroundBesideLark = larkMeant && e.LUOSHI_PLAYGROUND === 'on';
  if (
    playgroundBesideLark &&
    e.LUOSHI_PLAYGROUND_TOKEN === undefined &&
    isBlank(env.LUOSHI_PLAYGROUND_TOKEN)
  ) {
    problems.push(
      'LUOSHI_PLAYGROUND_TOKEN is missing: the playground beside a Lark app asks for a token (at least 16 characters, e.g. LUOSHI_PLAYGROUND_TOKEN=$(openssl rand -hex 16)), or set LUOSHI_PLAYGROUND=off',
    );
  }
  if (playgroundBesideLark && e.PORT !== undefined && e.PORT !== 0 && e.PORT === e.LUOSHI_PLAYGROUND_PORT) {
    problems.push(
      `LUOSHI_PLAYGROUND_PORT (${e.LUOSHI_PLAYGROUND_PORT}) must differ from PORT: beside a Lark app the playground listens on a port of its own, e.g. LUOSHI_PLAYGROUND_PORT=${e.PORT === 3001 ? 3002 : 3001}`,
    );
  }
  // Several processes only share work through one Redis; an embedded one would be private.
  if (e.LUOSHI_ROLE !== undefined && e.LUOSHI_ROLE !== 'all' && isBlank(env.REDIS_URL)) {
    problems.push(
      `REDIS_URL is missing: LUOSHI_ROLE=${e.LUOSHI_ROLE} shares its queues with the other processes through one Redis, so set REDIS_URL=redis://… (the same for every process), or LUOSHI_ROLE=all for one process with a private redis-server`,
    );
  }
  // A LARK_TRANSPORT that was refused is taken as not ws: the message offers ws anyway.
  if (larkMeant && e.LARK_TRANSPORT !== 'ws') {
    for (const k of ['LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN'] as const) {
      if (e[k] === undefined) {
        problems.push(
          `${k} is missing: webhook mode needs it (app console → Events & Callbacks → Encryption strategy), or set LARK_TRANSPORT=ws`,
        );
      }
    }
  }
  return problems;
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/**
 * How this process was started, as a command a person can type again: `npm start`, `npm run cli`,
 * `node dist/main.js`, `npx tsx src/main.ts`; undefined when it cannot tell. Messages that
 * suggest a command (a port already in use, the CLI's usage) say it the way the operator ran it:
 * the production image has no `npm start` or `npm run cli`, and a checkout has no `dist/`
 * before `npm run build`.
 */
export function invocation(
  argv: readonly string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string | undefined {
  const script = argv[1];
  if (script === undefined) return undefined;
  // npm names the script it ran; its children inherit that (vitest under `npm test` spawning
  // `node dist/main.js`), so it counts only when it names this very file.
  const event = env.npm_lifecycle_event;
  const ranByNpm = (env.npm_lifecycle_script ?? '')
    .split(/\s+/)
    .some((word) => word !== '' && resolve(cwd, word) === resolve(cwd, script));
  if (event && ranByNpm) return event === 'start' ? 'npm start' : `npm run ${event}`;
  const inside = relative(cwd, resolve(cwd, script));
  const path = inside.startsWith(`..${sep}`) || inside === '..' ? resolve(cwd, script) : inside;
  const shown = /^[\w./@+:-]+$/.test(path) ? path : JSON.stringify(path);
  return /\.[cm]?tsx?$/.test(script) ? `npx tsx ${shown}` : `node ${shown}`;
}
