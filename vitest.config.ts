import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // One redis-server for the whole run (when REDIS_URL is unset); each test isolates itself
    // with its own key prefix and queue names.
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: integration tests share one Redis; keep parallelism modest and predictable.
    maxWorkers: 2,
  },
});
