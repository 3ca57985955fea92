/**
 * `npm start`: read the configuration, make sure there is a Redis (starting a private one
 * when `REDIS_URL` is unset), start luoshi, and shut down in order on SIGTERM/SIGINT.
 */
import { join } from 'node:path';
import { type Clock, ShiftedClock, systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import { createLogger } from './logger.ts';
import { startLuoshi } from './server.ts';
import { shutDown } from './shutdown.ts';
import {
  type EmbeddedRedis,
  RedisDirInUseError,
  RedisServerMissingError,
  startEmbeddedRedis,
} from './storage/embeddedRedis.ts';
import { ListenError } from './web/listen.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const logger = createLogger({ level: config.logLevel });

  let clock: Clock = systemClock;
  if (config.clockStart !== undefined) {
    clock = new ShiftedClock(config.clockStart);
    logger.warn('!!! LUOSHI_CLOCK_START is set: the bot runs on a shifted clock, not real time !!!', {
      startsAt: new Date(config.clockStart).toISOString(),
    });
  } else if (!config.lark) {
    // Playground: real time to begin with, but movable, so the page can travel forward.
    clock = new ShiftedClock(Date.now());
  }

  let embedded: EmbeddedRedis | undefined;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    try {
      embedded = await startEmbeddedRedis({
        dir: join(config.dataDir, 'redis'),
        persistent: true,
        warn: (msg, fields) => logger.warn(msg, fields),
      });
    } catch (e) {
      if (e instanceof RedisServerMissingError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(69);
      }
      if (e instanceof RedisDirInUseError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(1);
      }
      throw e;
    }
    redisUrl = embedded.url;
    logger.info('started a private redis-server', { url: redisUrl, dir: join(config.dataDir, 'redis') });
  }

  let luoshi: Awaited<ReturnType<typeof startLuoshi>>;
  try {
    luoshi = await startLuoshi({ config: { ...config, redisUrl }, logger, clock });
  } catch (e) {
    // A port in use and the like (found before anything else starts): one line that says
    // what to change, not a stack trace.
    if (!(e instanceof ListenError)) throw e;
    process.stderr.write(`${e.message}\n`);
    await embedded?.stop();
    process.exit(1);
  }
  if (luoshi.playgroundUrl) {
    const page = luoshi.playgroundUrl.replace('127.0.0.1', 'localhost');
    process.stdout.write(
      luoshi.mode === 'playground'
        ? `\n  luoshi is running in playground mode (no Lark app configured).\n  Open ${page}\n\n`
        : `\n  The playground is on beside the Lark app (its messages stay on the page).\n  Open ${page}?token=<LUOSHI_PLAYGROUND_TOKEN>\n\n`,
    );
  }

  // Shutdown is bounded: what finishes within LUOSHI_SHUTDOWN_SECONDS finishes; then the process
  // exits anyway — a half-sent request or an unreachable Redis (BullMQ's close waits on it) must
  // not keep it alive (`shutdown.ts`). Jobs not done stay queued in Redis and run after the restart.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal, deadlineSeconds: config.shutdownSeconds });
    await shutDown({
      signal,
      deadlineMs: config.shutdownSeconds * 1000,
      logger,
      steps: async () => {
        await luoshi.close();
        await embedded?.stop();
      },
    });
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`luoshi failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
