/**
 * One data directory, one redis-server. A luoshi killed with SIGKILL leaves its private
 * redis-server running (an orphan); a second server started on the same directory then shares
 * the append-only file with it, and whichever rewrites that file last silently drops the other's
 * writes. So whoever starts a server records itself in the directory (`luoshi-redis.json`: its
 * pid, then the server's pid and port), and before starting one reads the record left there:
 * - the recorded luoshi still runs: refuse, naming it;
 * - it is gone but its server still serves this directory on the recorded port: shut that server
 *   down (SHUTDOWN flushes its AOF), wait until it has exited, then start afresh;
 * - nothing of it is alive: replace the record.
 * A pid alone can be reused, so a server is only stopped once it is shown to be this directory's
 * (CONFIG GET dir on its port, or on Linux its working directory), and a luoshi pid is compared
 * with the start time recorded for it where /proc tells it.
 */
import { readFileSync, readlinkSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export const RECORD_FILE = 'luoshi-redis.json';

interface DirRecord {
  luoshiPid: number;
  /** The luoshi process's start time from /proc (Linux), so a reused pid is not taken for it. */
  luoshiStarted?: string;
  redisPid?: number;
  port?: number;
}

export class RedisDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Another luoshi (pid ${pid}) is using the data directory ${dir} with its private redis-server. ` +
        'Stop that luoshi first, or give this one a directory of its own (LUOSHI_DATA_DIR=<dir>) ' +
        'or a Redis of its own (REDIS_URL=redis://…).',
    );
  }
}

export interface DirClaim {
  /** Written as soon as the server is spawned, so a luoshi killed even during start-up leaves it. */
  recordServer(redisPid: number, port: number): void;
  /** Once the server has exited: the directory is free. */
  release(): void;
}

export type Warn = (msg: string, fields?: Record<string, unknown>) => void;

/** Directories claimed by this process: its own pid in a record means "me", not a dead namesake. */
const claimedHere = new Set<string>();

function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (ticks since boot); undefined off Linux or once the process is gone. */
function startTime(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** Whether the process runs. A zombie does not: an orphan's new parent may never collect it. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.[0] !== 'Z';
}

function luoshiAlive(record: DirRecord, dir: string): boolean {
  if (record.luoshiPid === process.pid) return claimedHere.has(dir);
  if (!isRunning(record.luoshiPid)) return false;
  const now = startTime(record.luoshiPid);
  return !(record.luoshiStarted && now && now !== record.luoshiStarted);
}

function readRecord(path: string): DirRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as DirRecord;
    return Number.isInteger(parsed.luoshiPid) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The pid of the redis-server answering on `port` if it serves `dir`; undefined otherwise. */
async function serverOf(port: number, dir: string): Promise<{ pid: number; probe: Redis } | undefined> {
  const probe = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    const [, served] = (await probe.config('GET', 'dir')) as string[];
    const pid = Number(/process_id:(\d+)/.exec(await probe.info('server'))?.[1]);
    if (served && sameDir(served, dir) && pid > 0) return { pid, probe };
  } catch {
    // nothing there, or not a Redis that lets us ask
  }
  probe.disconnect();
  return undefined;
}

/** Linux only: a redis-server whose working directory (its `dir`) is this one; hung or loading. */
function runsIn(pid: number, dir: string): boolean {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8');
    return comm.startsWith('redis-server') && sameDir(readlinkSync(`/proc/${pid}/cwd`), dir);
  } catch {
    return false;
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Stops the server a dead luoshi left on `dir`, if one still runs; true if there was one. */
async function stopOrphan(record: DirRecord, dir: string): Promise<boolean> {
  const found = record.port ? await serverOf(record.port, dir) : undefined;
  let pid: number;
  if (found) {
    pid = found.pid;
    // SHUTDOWN (not a signal: it is not our child) writes and syncs the AOF before exiting.
    await found.probe.call('SHUTDOWN').catch(() => {});
    found.probe.disconnect();
  } else if (record.redisPid && isRunning(record.redisPid) && runsIn(record.redisPid, dir)) {
    pid = record.redisPid;
  } else {
    return false;
  }
  if (found && (await exited(pid, 15_000))) return true;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // exited meanwhile
  }
  if (await exited(pid, 15_000)) return true;
  throw new Error(
    `A redis-server (pid ${pid}) left running on ${dir} by an earlier luoshi does not stop; ` +
      `stop it yourself (kill ${pid}) and start luoshi again.`,
  );
}

/**
 * Takes `dir` for a redis-server this process is about to start, after stopping one a dead
 * luoshi left there. Throws RedisDirInUseError while another luoshi holds it.
 */
export async function claimDataDir(dir: string, warn: Warn): Promise<DirClaim> {
  const path = join(dir, RECORD_FILE);
  const mine: DirRecord = { luoshiPid: process.pid, luoshiStarted: startTime(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (claimedHere.has(dir)) throw new RedisDirInUseError(dir, process.pid);
    try {
      // Exclusive create: of two luoshis starting at once, one gets the record, the other reads it.
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      claimedHere.add(dir);
      return ownClaim(dir, path, mine);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const raw = readFileSafe(path);
    const record = readRecord(path);
    if (!record) {
      // Being written this instant, or unreadable: look again before calling it stale.
      if (attempt < 2) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
    } else {
      if (luoshiAlive(record, dir)) throw new RedisDirInUseError(dir, record.luoshiPid);
      if (await stopOrphan(record, dir)) {
        warn('stopped a redis-server an earlier luoshi left running on this data directory', {
          dir,
          redisPid: record.redisPid,
          port: record.port,
          earlierLuoshiPid: record.luoshiPid,
        });
      }
    }
    // Only the stale record read above: another starter may have replaced it meanwhile.
    if (readFileSafe(path) === raw) rmSync(path, { force: true });
  }
  throw new Error(`Could not take ${path}: it keeps changing. Is another luoshi starting on ${dir}?`);
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function ownClaim(dir: string, path: string, mine: DirRecord): DirClaim {
  return {
    recordServer(redisPid, port) {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ ...mine, redisPid, port }));
      renameSync(tmp, path);
    },
    release() {
      if (!claimedHere.delete(dir)) return;
      if (readRecord(path)?.luoshiPid === process.pid) rmSync(path, { force: true });
    },
  };
}
