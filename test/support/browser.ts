/**
 * A Chromium for the browser tests, driven by playwright-core (which downloads no browser):
 * the machine's own Chromium or Chrome at the usual places (Debian's `chromium` is what CI
 * installs), or else the headless Chromium shipped inside the `@sparticuz/chromium` dev
 * dependency (Linux, x64 and arm64), so that `npm ci && npm test` needs no browser install.
 * That build needs NSS; when the machine has none, the copy of it in the same package is used.
 *
 * When no browser can be started, `launchChromium` fails with one line that says what is
 * missing and how to get it — the browser tests never skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { SetupMissing } from './setupMissing.ts';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium and Chrome are installed by Debian and Ubuntu, snap, Fedora, and on macOS. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const HOW_TO_GET_ONE =
  'install Chromium (Debian/Ubuntu: sudo apt-get install -y chromium; macOS: brew install --cask chromium), or on Linux run npm ci so that the bundled @sparticuz/chromium is there';

/** The bundled headless Chromium, unpacked (once) to the temp directory; undefined when absent. */
async function bundledChromium(): Promise<{ path: string; bin: string } | undefined> {
  if (process.platform !== 'linux') return undefined;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return undefined;
  }
  const { default: Chromium } = await import('@sparticuz/chromium');
  // `build/cjs/index.cjs` → the package's `bin/`, where its brotli archives are.
  const bin = join(dirname(entry), '..', '..', 'bin');
  return { path: await Chromium.executablePath(bin), bin };
}

/** The NSS libraries the bundled build links against, unpacked from the same package. */
function bundledLibraries(bin: string): string {
  const dir = join(tmpdir(), 'luoshi-chromium-libs');
  const lib = join(dir, 'lib');
  if (!existsSync(join(lib, 'libnss3.so'))) {
    mkdirSync(dir, { recursive: true });
    const tar = join(dir, 'libs.tar');
    writeFileSync(tar, brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))));
    const untar = spawnSync('tar', ['-xf', tar, '-C', dir], { encoding: 'utf8' });
    if (untar.status !== 0)
      throw new SetupMissing(`cannot unpack Chromium's libraries: ${untar.stderr.trim()}`);
  }
  return lib;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export async function launchChromium(): Promise<Browser> {
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
  if (system) {
    try {
      return await chromium.launch({ executablePath: system, args: ARGS });
    } catch (e) {
      throw new SetupMissing(`the browser at ${system} did not start (${firstLine(e)}); ${HOW_TO_GET_ONE}`);
    }
  }
  const bundled = await bundledChromium().catch((e: unknown) => {
    throw new SetupMissing(`cannot unpack the bundled Chromium (${firstLine(e)}); ${HOW_TO_GET_ONE}`);
  });
  if (!bundled) throw new SetupMissing(`no Chromium or Chrome for the browser tests: ${HOW_TO_GET_ONE}`);
  try {
    return await chromium.launch({ executablePath: bundled.path, args: ARGS });
  } catch {
    // Most often the machine has no NSS (libnss3): start it again with the package's own copy.
    const libs = bundledLibraries(bundled.bin);
    const path = [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    try {
      return await chromium.launch({
        executablePath: bundled.path,
        args: ARGS,
        env: { ...process.env, LD_LIBRARY_PATH: path },
      });
    } catch (e) {
      throw new SetupMissing(`the bundled Chromium did not start (${firstLine(e)}); ${HOW_TO_GET_ONE}`);
    }
  }
}
