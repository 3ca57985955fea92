/**
 * Structured logs through pino: one JSON line per record (`time`, `level`, `msg`, then the
 * fields), info and below to stdout, warn and error to stderr. Our `Logger` interface stays —
 * message first, fields second — so call sites read the same and tests can hand in a sink.
 *
 * Secrets never reach a line: every field whose name looks like a secret (`appSecret`,
 * `encryptKey`, `authorization`, `token`, …), at any depth, is replaced before pino writes it,
 * so an accidental `log.info('…', { config })` leaks nothing. Errors are written as name,
 * message and the first lines of the stack.
 */
import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

const secretName = /secret|token|password|encrypt_?key|authorization|app_?secret/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      stack: value.stack?.split('\n').slice(0, 6).join('\n'),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = secretName.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (tests); defaults to stdout, and stderr for warn and error. */
  write?: (line: string, level: LogLevel) => void;
  bindings?: LogFields;
}

function destination(write: LoggerOptions['write']): pino.DestinationStream | pino.MultiStreamRes {
  if (write) {
    return {
      write(line: string) {
        const level = (/"level":"(\w+)"/.exec(line)?.[1] ?? 'info') as LogLevel;
        write(line.trimEnd(), level);
      },
    };
  }
  return pino.multistream(
    [
      { level: 'debug', stream: process.stdout },
      { level: 'warn', stream: process.stderr },
    ],
    { dedupe: true },
  );
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (m, f) => p.debug(f ?? {}, m),
    info: (m, f) => p.info(f ?? {}, m),
    warn: (m, f) => p.warn(f ?? {}, m),
    error: (m, f) => p.error(f ?? {}, m),
    child: (more) => wrap(p.child(redact(more) as LogFields)),
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const p = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors are written by `redact` (name, message, a short stack), wherever they sit.
      serializers: { err: (e: unknown) => e },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redact(fields) as Record<string, unknown>,
      },
    },
    destination(options.write),
  );
  return wrap(options.bindings ? p.child(redact(options.bindings) as LogFields) : p);
}

/** For tests and benchmarks that do not want output. */
export const silentLogger: Logger = createLogger({ write: () => {} });
