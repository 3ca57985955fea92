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
