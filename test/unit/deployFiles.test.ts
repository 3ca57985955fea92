/**
 * The Dockerfile, compose.yaml and .env.example say what the tested artifact is: the image runs
 * the same build (`npm run build`) and start command (`node dist/main.js`) the build test
 * starts, as an unprivileged user with a health check on /readyz; Redis keeps what it is given;
 * and .env.example names every variable `loadConfig` reads, and only those.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const dockerfile = readFileSync('Dockerfile', 'utf8');
const compose = readFileSync('compose.yaml', 'utf8');

it('builds with npm run build and runs node dist/main.js as PID 1, not as root, with a health check', () => {
  expect(pkg.scripts.build).toBe('tsx scripts/build.ts');
  expect(dockerfile).toMatch(/^RUN npm run build$/m);
  expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
  expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
});

it('gives Redis an append-only file, no eviction and a volume', () => {
  expect(compose).toContain('"--appendonly", "yes"');
  expect(compose).toContain('"--maxmemory-policy", "noeviction"');
  expect(compose).toMatch(/redis-data:\/data/);
});

it('lists in .env.example exactly the variables the configuration reads', () => {
  const schema = readFileSync('src/configVariables.ts', 'utf8');
  const envBlock = schema.slice(schema.indexOf('const envSchema'), schema.indexOf('export type Env'));
  const read = new Set([...envBlock.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
  const listed = new Set(
    readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z]/.test(l))
      .map((l) => l.split('=')[0]),
  );
  expect([...listed].sort()).toEqual([...read].sort());
});
