/**
 * The end of a bounded shutdown (`LUOSHI_SHUTDOWN_SECONDS`, see `main.ts`): what finishes by the
 * deadline finishes, then the process is gone — by the deadline, not some time after it.
 *
 * `process.exit` alone cannot promise that: Node's exit waits for every task in libuv's thread
 * pool to end, and a DNS lookup of a Redis host that has gone (compose's `redis` once its
 * container stops) sits there until the resolver gives up — seconds past the deadline, and a
 * lookup cannot be cancelled. So when such work is still running at the deadline, the process
 * ends by the signal it was stopped with instead (its exit listeners run first), as it would
 * have without a handler.
 */
import type { Logger } from './logger.ts';

export interface ShutdownOptions {
  /** The signal that asked for the shutdown; the process ends by it when it cannot exit in time. */
  signal: NodeJS.Signals;
  deadlineMs: number;
  /** Stop taking work, finish what runs, let go of Redis. */
  steps: () => Promise<void>;
  logger: Logger;
}

/**
 * Thread-pool requests `process.exit` would wait for. Crypto and zlib work runs there too but is
 * not listed; it is CPU work that ends on its own, unlike a lookup waiting on a silent resolver.
 */
function poolWork(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((r) => r === 'GetAddrInfoReqWrap' || r === 'GetNameInfoReqWrap' || r.startsWith('FSReq'));
}

export async function shutDown(o: ShutdownOptions): Promise<void> {
  const until = Date.now() + o.deadlineMs;
  const deadline = new Promise<'late'>((ok) => setTimeout(() => ok('late'), o.deadlineMs).unref());
  const done = o.steps().then(
    () => 'done' as const,
    (err: unknown) => {
      o.logger.error('shutdown step failed', { err });
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([done, deadline]);
  if (outcome === 'late') o.logger.warn('shutdown deadline passed; exiting with unfinished work left queued');
  const code = outcome === 'done' ? 0 : 1;
  // Work left in the pool may still end while time remains; after that it is not waited for.
  while (poolWork().length > 0 && Date.now() < until) await new Promise((ok) => setTimeout(ok, 20));
  const stuck = poolWork();
  if (stuck.length === 0) process.exit(code);
  o.logger.warn('exiting by signal: a DNS lookup or file operation still running would hold the exit', {
    signal: o.signal,
    waitingOn: [...new Set(stuck)],
  });
  process.exitCode = code;
  process.emit('exit', code);
  // With no listener left the signal's default action applies: the process ends at once.
  process.removeAllListeners(o.signal);
  process.kill(process.pid, o.signal);
}
