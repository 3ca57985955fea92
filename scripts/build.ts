/**
 * `npm run build`: the production artifact in `dist/` — `main.js` (the server, started with
 * `node dist/main.js`) and `cli.js` (`node dist/cli.js deadline …`), each one ES module with our
 * code bundled and the npm packages left as imports, plus the playground's assets beside them.
 *
 * esbuild rather than the TypeScript 7 compiler's emit: our sources import each other with
 * `.ts` extensions and use hono/jsx, which esbuild bundles as they are in well under a second,
 * while tsc would need import rewriting and a copy of every JSON and asset it does not emit.
 * Types are still checked by `npm run typecheck`.
 *
 *   npm run build            # into dist/
 *   npm run build -- <dir>   # elsewhere (the tests build into a temporary folder)
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts', cli: 'scripts/cli.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The playground reads its stylesheets and script next to the module that serves them.
cpSync('src/playground/assets', join(outdir, 'assets'), { recursive: true });
console.log(`built ${outdir}/main.js and ${outdir}/cli.js`);
