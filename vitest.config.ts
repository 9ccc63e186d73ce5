import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts (or reuses) the local Cassandra once per run; see test/support/global-setup.ts.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two cores are shared with Cassandra and the services under test.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
