/**
 * luoshi's command line: `npm run -s cli -- <command> …`, or `node dist/cli.js <command> …` once
 * built. A small dispatcher; each command is one function from its arguments to an exit code.
 *
 * Exit codes follow sysexits: 0 done, 2 the input was understood but refused (a deadline
 * phrase that names no valid future time, a rule or notice it cannot read), 64 bad usage,
 * 78 bad configuration.
 */
import { readFileSync } from 'node:fs';
import { invocation, loadConfig, type TimeSettings } from '../src/config.ts';
import { WorkingDayCalendar } from '../src/domain/calendar.ts';
import { readWholeDeadline } from '../src/domain/deadline/index.ts';
import { noticeProblems, readHolidayNotice } from '../src/domain/notice/readNotice.ts';
import { MAX_OCCURRENCES, nextOccurrences } from '../src/domain/recurrence/occurrences.ts';
import { parseRecurrence } from '../src/domain/recurrence/parse.ts';
import { formatIsoLocal, localDate } from '../src/domain/time.ts';
import { ConfigError } from '../src/errors.ts';

const EXIT = { ok: 0, refused: 2, usage: 64, config: 78 } as const;

/**
 * The usage as this CLI was started: `npm run -s cli --` in a checkout, `node dist/cli.js` in
 * the production image (which has no npm scripts), `luoshi-cli` when it cannot tell.
 */
function usage(): string {
  const ran = invocation();
  const cli = ran?.startsWith('npm run ')
    ? `${ran.replace('npm run ', 'npm run -s ')} --`
    : (ran ?? 'luoshi-cli');
  return [
    '用法 / usage:',
    `  ${cli} deadline [--now <ISO 8601>] "<截止短语 / deadline phrase>"`,
    `  ${cli} schedule [--now <ISO 8601>] [--count N (1–${MAX_OCCURRENCES}, default 5)] "<周期规则 / rule>"`,
    `  ${cli} calendar-parse < notice.txt   (国务院办公厅关于YYYY年部分节假日安排的通知)`,
    `例如 / e.g.: ${cli} deadline --now 2026-11-26T10:00:00+08:00 "3个工作日内"`,
    `             ${cli} schedule --now 2026-11-26T10:00:00+08:00 --count 3 "每月5日前"`,
  ].join('\n');
}

class UsageError extends Error {}

/** Settings come from the environment like the bot's own, so the CLI answers as the bot would. */
function timeSettings(): TimeSettings {
  return loadConfig(process.env).time;
}

interface CommonArgs {
  now: number;
  count?: number;
  text: string;
}

/** `[--now <ISO>] [--count N] <words…>`; `--count` only where `allowCount`. */
function readArgs(args: string[], allowCount: boolean): CommonArgs {
  let now = Date.now();
  let count: number | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^--(now|count)(?:=(.*))?$/.exec(arg);
    if (option && (option[1] === 'now' || allowCount)) {
      const value = option[2] ?? args[++i];
      if (option[1] === 'now') {
        if (value === undefined || Number.isNaN(Date.parse(value))) {
          throw new UsageError(
            `--now 需要 ISO 8601 时间 / --now needs an ISO 8601 instant, got ${JSON.stringify(value ?? '')}`,
          );
        }
        now = Date.parse(value);
      } else {
        count = Number(value);
        if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) {
          throw new UsageError(
            `--count 需要 1 到 ${MAX_OCCURRENCES} 的整数 / --count needs a whole number from 1 to ${MAX_OCCURRENCES}, got ${JSON.stringify(value ?? '')}`,
          );
        }
      }
    } else if (arg.startsWith('--')) {
      throw new UsageError(`未知选项 / unknown option ${arg}`);
    } else {
      words.push(arg);
    }
  }
  return { now, count, text: words.join(' ').trim() };
}

function refused(reason: string): number {
  process.stderr.write(`${reason}\n`);
  return EXIT.refused;
}

/** `deadline [--now <ISO>] <phrase…>`: prints one JSON line, or the reason for refusing. */
function deadlineCommand(args: string[]): number {
  const { now, text: phrase } = readArgs(args, false);
  if (phrase === '') throw new UsageError('缺少截止短语 / missing the deadline phrase');

  const time = timeSettings();
  const result = readWholeDeadline(phrase, now, { ...time, calendar: new WorkingDayCalendar(time) });
  if (!result.ok) return refused(result.reason);
  const line: Record<string, unknown> = {
    due: formatIsoLocal(result.due, time.timezone),
    allDay: result.allDay,
    explanation: result.explanation,
  };
  if (result.uncoveredYears.length > 0) line.uncoveredYears = result.uncoveredYears;
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return EXIT.ok;
}

/** `schedule [--now <ISO>] [--count N] <rule…>`: the next occurrences of a recurring rule. */
function scheduleCommand(args: string[]): number {
  const { now, count = 5, text } = readArgs(args, true);
  if (text === '') throw new UsageError('缺少周期规则 / missing the rule');

  const time = timeSettings();
  const calendar = new WorkingDayCalendar(time);
  const parsed = parseRecurrence(text, now, calendar);
  if (!parsed.ok) return refused(parsed.reason);
  const next = nextOccurrences(parsed.rule, now, calendar, count);
  const line: Record<string, unknown> = { next: next.map((o) => formatIsoLocal(o.due, time.timezone)) };
  const last = next.at(-1);
  const uncovered = last ? calendar.uncoveredYears(localDate(now, time.timezone), last.date) : [];
  if (uncovered.length > 0) line.uncoveredYears = uncovered;
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return EXIT.ok;
}

/**
 * `calendar-parse < notice.txt`: the days off and adjusted working days of a State Council
 * holiday notice, or every line it could not read (exit 2).
 */
function calendarParseCommand(args: string[]): number {
  if (args.length > 0)
    throw new UsageError(`calendar-parse 从标准输入读取通知 / reads the notice from stdin, got ${args[0]}`);
  const result = readHolidayNotice(readFileSync(0, 'utf8'));
  if (!result.ok) return refused(result.reason);
  const { reading } = result;
  const problems = noticeProblems(reading);
  if (problems.length > 0) return refused(`通知没有全部读懂：\n${problems.map((p) => `- ${p}`).join('\n')}`);
  const line = {
    year: reading.year,
    off: reading.holidays.flatMap((h) => h.off).sort(),
    workdays: reading.holidays.flatMap((h) => h.workdays).sort(),
    holidays: reading.holidays,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return EXIT.ok;
}

const commands: Readonly<Record<string, (args: string[]) => number>> = {
  deadline: deadlineCommand,
  schedule: scheduleCommand,
  'calendar-parse': calendarParseCommand,
};

function main(argv: string[]): number {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
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
      process.stderr.write(`${err.message}\n${usage()}\n`);
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
