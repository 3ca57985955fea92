/**
 * luoshi's command line: `npm run -s cli -- <command> …`. A small dispatcher; each command is
 * one function from its arguments to an exit code.
 *
 * Exit codes follow sysexits: 0 done, 2 the input was understood but refused (a deadline
 * phrase that names no valid future time), 64 bad usage, 78 bad configuration.
 */
import { loadConfig, type TimeSettings } from '../src/config.ts';
import { WorkingDayCalendar } from '../src/domain/calendar.ts';
import { readWholeDeadline } from '../src/domain/deadline/index.ts';
import { formatIsoLocal } from '../src/domain/time.ts';
import { ConfigError } from '../src/errors.ts';

const EXIT = { ok: 0, refused: 2, usage: 64, config: 78 } as const;

const USAGE = [
  '用法 / usage:',
  '  npm run -s cli -- deadline [--now <ISO 8601>] "<截止短语 / deadline phrase>"',
  '例如 / e.g.: npm run -s cli -- deadline --now 2026-11-26T10:00:00+08:00 "3个工作日内"',
].join('\n');

class UsageError extends Error {}

/** Settings come from the environment like the bot's own, so the CLI answers as the bot would. */
function timeSettings(): TimeSettings {
  return loadConfig(process.env).time;
}

/** `deadline [--now <ISO>] <phrase…>`: prints one JSON line, or the reason for refusing. */
function deadlineCommand(args: string[]): number {
  let now = Date.now();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? args[++i] : arg.slice('--now='.length);
      if (value === undefined || Number.isNaN(Date.parse(value))) {
        throw new UsageError(
          `--now 需要 ISO 8601 时间 / --now needs an ISO 8601 instant, got ${JSON.stringify(value ?? '')}`,
        );
      }
      now = Date.parse(value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`未知选项 / unknown option ${arg}`);
    } else {
      words.push(arg);
    }
  }
  const phrase = words.join(' ').trim();
  if (phrase === '') throw new UsageError('缺少截止短语 / missing the deadline phrase');

  const time = timeSettings();
  const result = readWholeDeadline(phrase, now, { ...time, calendar: new WorkingDayCalendar(time) });
  if (!result.ok) {
    process.stderr.write(`${result.reason}\n`);
    return EXIT.refused;
  }
  const line: Record<string, unknown> = {
    due: formatIsoLocal(result.due, time.timezone),
    allDay: result.allDay,
    explanation: result.explanation,
  };
  if (result.uncoveredYears.length > 0) line.uncoveredYears = result.uncoveredYears;
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return EXIT.ok;
}

const commands: Readonly<Record<string, (args: string[]) => number>> = {
  deadline: deadlineCommand,
};

function main(argv: string[]): number {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const command = name === undefined ? undefined : commands[name];
  try {
    if (!command)
      throw new UsageError(
        name === undefined ? '缺少命令 / missing command' : `未知命令 / unknown command ${name}`,
      );
    return command(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.config;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
