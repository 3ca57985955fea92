/**
 * Starts `outboundWorkerProcess.ts` in a child process and waits until it is ready, keeping
 * its stderr for the failure message. The crash test kills these with SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerProcessOptions } from './outboundWorkerProcess.ts';

const SCRIPT = fileURLToPath(new URL('./outboundWorkerProcess.ts', import.meta.url));

export interface ChildWorker {
  process: ChildProcess;
  /** What the child wrote to stderr so far. */
  stderr(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startChildWorker(
  options: WorkerProcessOptions,
  timeoutMs = 15_000,
): Promise<ChildWorker> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker process not ready in ${timeoutMs} ms:\n${err}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited with ${code} before it was ready:\n${err}`));
    });
  });
  return {
    process: child,
    stderr: () => err,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
