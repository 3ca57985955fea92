import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

describe('loadConfig', () => {
  it('starts in playground mode with defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.lark).toBeUndefined();
    expect(c.playground).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.time).toEqual({ timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' });
    expect(c.redisUrl).toBeUndefined();
  });

  it('reads a complete Lark webhook configuration', () => {
    const c = loadConfig({
      LARK_APP_ID: 'cli_0123456789abcdef',
      LARK_APP_SECRET: 'made-up',
      LARK_ENCRYPT_KEY: 'made-up-key',
      LARK_VERIFICATION_TOKEN: 'made-up-token',
      LUOSHI_ADMINS: 'ou_a, ou_b',
    });
    expect(c.lark?.transport).toBe('webhook');
    expect(c.lark?.sendLimits).toEqual({ perSecond: 50, perMinute: 1000 });
    expect(c.admins).toEqual(['ou_a', 'ou_b']);
    expect(c.playground).toBe(false);
  });

  it('paces to a raised send quota when told, and refuses one that is not a positive whole number', () => {
    const lark = {
      LARK_APP_ID: 'cli_0123456789abcdef',
      LARK_APP_SECRET: 'made-up',
      LARK_ENCRYPT_KEY: 'made-up-key',
      LARK_VERIFICATION_TOKEN: 'made-up-token',
    };
    const c = loadConfig({ ...lark, LARK_SEND_PER_SECOND: '100', LARK_SEND_PER_MINUTE: '5000' });
    expect(c.lark?.sendLimits).toEqual({ perSecond: 100, perMinute: 5000 });
    expect(() => loadConfig({ ...lark, LARK_SEND_PER_MINUTE: '0' })).toThrow(
      /LARK_SEND_PER_MINUTE.*quota|LARK_SEND_PER_MINUTE.*limit/,
    );
  });

  it('lists every problem at once, each with how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        REDIS_URL: 'localhost:6379',
        LARK_APP_ID: 'cli_0123456789abcdef',
        LUOSHI_TIMEZONE: 'Mars/Olympus',
        LUOSHI_WORKDAY_START: '9am',
        LARK_TRANSPORT: 'pigeon',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'REDIS_URL', 'LUOSHI_TIMEZONE', 'LUOSHI_WORKDAY_START', 'LARK_TRANSPORT']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).message).toContain('redis://');
  });

  it('lists in one run what a Lark app needs, not one missing variable per run', () => {
    const problems = problemsOf({ LARK_APP_ID: 'cli_abc' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^LARK_APP_SECRET is missing/);
    expect(problems[1]).toMatch(/^LARK_ENCRYPT_KEY is missing/);
    expect(problems[2]).toMatch(/^LARK_VERIFICATION_TOKEN is missing/);
  });

  it('lists the problems across variables beside those of single values', () => {
    const problems = problemsOf({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      LUOSHI_SHUTDOWN_SECONDS: '0',
      LUOSHI_TIMEZONE: 'Mars/Olympus',
      LUOSHI_ROLE: 'workers',
      LUOSHI_KEY_PREFIX: 'has spaces',
      LUOSHI_CLOCK_START: 'soon',
      LUOSHI_PLAYGROUND: 'yes',
      LARK_DOMAIN: 'open.feishu.cn',
      LARK_SEND_PER_SECOND: '0',
      LUOSHI_WORKDAY_START: '18:00',
      LUOSHI_WORKDAY_END: '08:00',
      LARK_APP_ID: 'cli_abc',
    });
    const names = problems.map((p) => /^[A-Z_]+/.exec(p)?.[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'PORT',
        'LOG_LEVEL',
        'LUOSHI_SHUTDOWN_SECONDS',
        'LUOSHI_TIMEZONE',
        'LUOSHI_ROLE',
        'LUOSHI_KEY_PREFIX',
        'LUOSHI_CLOCK_START',
        'LUOSHI_PLAYGROUND',
        'LARK_DOMAIN',
        'LARK_SEND_PER_SECOND',
        'LARK_APP_SECRET',
        'LARK_ENCRYPT_KEY',
        'LARK_VERIFICATION_TOKEN',
      ]),
    );
    expect(problems.join('\n')).toContain(
      'LUOSHI_WORKDAY_START (18:00) must be before LUOSHI_WORKDAY_END (08:00)',
    );
  });

  it('says for every refused value what is allowed, with an example, never the validator’s words', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual([
      'PORT="abc": must be a free TCP port, a whole number from 0 to 65535 (0: any free one), e.g. PORT=3000',
    ]);
    expect(problemsOf({ LUOSHI_SHUTDOWN_SECONDS: '0' })).toEqual([
      'LUOSHI_SHUTDOWN_SECONDS="0": must be a whole number of seconds from 1 to 300, e.g. LUOSHI_SHUTDOWN_SECONDS=10',
    ]);
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL="loud": use debug, info, warn or error, e.g. LOG_LEVEL=info',
    ]);
    // One wrong value for each variable that can be refused.
    const wrong: Record<string, string> = {
      PORT: '70000',
      HOST: 'not a host!',
      REDIS_URL: 'localhost:6379',
      LARK_DOMAIN: 'https://open.feishu.cn/',
      LARK_TRANSPORT: 'pigeon',
      LARK_SEND_PER_SECOND: '2.5',
      LARK_SEND_PER_MINUTE: 'many',
      LUOSHI_TIMEZONE: 'Mars/Olympus',
      LUOSHI_WORKDAY_START: '9:00',
      LUOSHI_WORKDAY_END: '24:00',
      LUOSHI_ADMINS: 'zhangsan',
      LUOSHI_ORG_NAME: '办'.repeat(61),
      LUOSHI_CALENDAR_WITHOUT_DATA: '26',
      LUOSHI_CLOCK_START: 'tomorrow',
      LUOSHI_KEY_PREFIX: 'a/b',
      LUOSHI_PLAYGROUND: 'yes',
      LUOSHI_EDGE_SECRET: 'short-made-up',
      LUOSHI_PLAYGROUND_TOKEN: 'short',
      LUOSHI_SHUTDOWN_SECONDS: '301',
      LUOSHI_PUBLIC_URL: 'luoshi.example.gov.cn',
      LUOSHI_METRICS_TOKEN: 'made up token with spaces',
      LUOSHI_PLAYGROUND_HOST: 'not a host!',
      LUOSHI_PLAYGROUND_PORT: '-1',
      LUOSHI_ROLE: 'workers',
      LUOSHI_JOB_LOCK_SECONDS: '1',
      LOG_LEVEL: 'LOUD',
    };
    const problems = problemsOf(wrong);
    for (const name of Object.keys(wrong)) {
      const problem = problems.find((p) => p.startsWith(`${name}=`));
      expect(problem, name).toBeDefined();
      // The example names the variable again: `…, e.g. NAME=…` or `set NAME=…`.
      expect(problem!.slice(name.length + 1), name).toContain(`${name}=`);
      expect(problem, name).not.toMatch(/Invalid|expected|received|Too (small|big)/);
    }
    expect(problems).toHaveLength(Object.keys(wrong).length);
  });

  it('reads LUOSHI_ADMINS as open_ids, ignoring spaces around them, and refuses anything else', () => {
    expect(loadConfig({ LUOSHI_ADMINS: ' ou_a_1 ,ou_B2  ' }).admins).toEqual(['ou_a_1', 'ou_B2']);
    expect(loadConfig({ LUOSHI_ADMINS: '  ' }).admins).toEqual([]);
    const [problem] = problemsOf({ LUOSHI_ADMINS: 'zhangsan,,  ' });
    expect(problem).toMatch(
      /^LUOSHI_ADMINS="zhangsan,, {2}": "zhangsan" is not an open_id; entries 2 and 3 are empty/,
    );
    // What an open_id looks like, and where to find one.
    expect(problem).toMatch(/ou_ followed by letters, digits or _/);
    expect(problem).toContain('e.g. LUOSHI_ADMINS=ou_');
    expect(problem).toContain('batch_get_id');
    expect(problemsOf({ LUOSHI_ADMINS: 'ou_a ou_b' })[0]).toContain(
      '"ou_a ou_b" is not an open_id (separate open_ids with commas)',
    );
  });

  it('takes bearer tokens in the base64 alphabet too, as `openssl rand -base64 24` makes them', () => {
    const base64 = 'q3+Zr/8kLm0ZP1xv9c2Yw4nTb7uE5s6H';
    expect(loadConfig({ LUOSHI_METRICS_TOKEN: base64 }).metricsToken).toBe(base64);
    expect(loadConfig({ LUOSHI_PLAYGROUND_TOKEN: `${base64}==` }).playgroundToken).toBe(`${base64}==`);
    // `=` is padding: only at the end (RFC 6750 b64token).
    const [problem] = problemsOf({ LUOSHI_METRICS_TOKEN: 'made=up-metrics-token-0001' });
    expect(problem).toMatch(
      /^LUOSHI_METRICS_TOKEN=\(26 characters, not shown\): .*\+ \/ \(= only at the end\)/,
    );
    expect(problemsOf({ LUOSHI_PLAYGROUND_TOKEN: 'made up token 0001' })[0]).not.toContain('made up');
  });

  it('requires both app id and secret, and the event keys for webhook mode', () => {
    expect(() => loadConfig({ LARK_APP_SECRET: 'x' })).toThrow(/LARK_APP_ID is missing/);
    expect(() => loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'x' })).toThrow(
      /LARK_ENCRYPT_KEY[\s\S]*LARK_VERIFICATION_TOKEN/,
    );
    expect(
      loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'x', LARK_TRANSPORT: 'ws' }).lark?.transport,
    ).toBe('ws');
  });

  it('runs everything in one process unless LUOSHI_ROLE splits it, and names the roles it knows', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ LUOSHI_ROLE: 'worker', REDIS_URL: 'redis://127.0.0.1:6379' }).role).toBe('worker');
    expect(() => loadConfig({ LUOSHI_ROLE: 'workers', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /LUOSHI_ROLE="workers".*use all .*, web .* or worker/,
    );
  });

  it('asks a web or worker process for the Redis it shares with the others', () => {
    for (const role of ['web', 'worker']) {
      expect(() => loadConfig({ LUOSHI_ROLE: role })).toThrow(
        new RegExp(`REDIS_URL is missing: LUOSHI_ROLE=${role} shares its queues`),
      );
    }
    expect(loadConfig({ LUOSHI_ROLE: 'web', REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
  });

  it('refuses office hours that end before they start', () => {
    expect(() => loadConfig({ LUOSHI_WORKDAY_START: '18:00', LUOSHI_WORKDAY_END: '09:00' })).toThrow(
      /before/,
    );
  });

  it('turns the edge route on with a long enough LUOSHI_EDGE_SECRET, and never prints it', () => {
    expect(loadConfig({}).edgeSecret).toBeUndefined();
    const secret = 'made-up-edge-secret-0123456789abcdef';
    expect(loadConfig({ LUOSHI_EDGE_SECRET: secret }).edgeSecret).toBe(secret);
    let error: unknown;
    try {
      loadConfig({ LUOSHI_EDGE_SECRET: 'short-made-up' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('LUOSHI_EDGE_SECRET');
    expect(message).toContain('openssl rand -hex 32');
    expect(message).not.toContain('short-made-up');
  });

  it('listens on loopback in playground mode and on every interface with a Lark app, unless HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...LARK, HOST: '' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ HOST: 'not a host!' })).toThrow(
      /HOST=.*IP address or host name.*HOST=127\.0\.0\.1/,
    );
  });

  it('asks for a playground token beside a Lark app, and gives the playground its own loopback port', () => {
    expect(() => loadConfig({ ...LARK, LUOSHI_PLAYGROUND: 'on' })).toThrow(
      /LUOSHI_PLAYGROUND_TOKEN is missing.*openssl rand -hex 16.*LUOSHI_PLAYGROUND=off/,
    );
    expect(() => loadConfig({ ...LARK, LUOSHI_PLAYGROUND: 'on', LUOSHI_PLAYGROUND_TOKEN: 'short' })).toThrow(
      /LUOSHI_PLAYGROUND_TOKEN.*at least 16/,
    );
    const beside = loadConfig({
      ...LARK,
      LUOSHI_PLAYGROUND: 'on',
      LUOSHI_PLAYGROUND_TOKEN: 'made-up-token-0123456789',
    });
    expect(beside.playground).toBe(true);
    expect(beside.playgroundListen).toEqual({ host: '127.0.0.1', port: 3001 });
    expect(() =>
      loadConfig({
        ...LARK,
        LUOSHI_PLAYGROUND: 'on',
        LUOSHI_PLAYGROUND_TOKEN: 'made-up-token-0123456789',
        LUOSHI_PLAYGROUND_PORT: '3000',
      }),
    ).toThrow(/LUOSHI_PLAYGROUND_PORT \(3000\) must differ from PORT/);
    // Without a Lark app the playground is on the one listener, and a token is optional.
    expect(loadConfig({}).playgroundListen).toBeUndefined();
    expect(loadConfig({}).playgroundToken).toBeUndefined();
  });
});

const LARK = {
  LARK_APP_ID: 'cli_0123456789abcdef',
  LARK_APP_SECRET: 'made-up',
  LARK_ENCRYPT_KEY: 'made-up-key',
  LARK_VERIFICATION_TOKEN: 'made-up-token',
};

/** The problems `loadConfig` lists for `env`, each one line. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}
