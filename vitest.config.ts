import { defineConfig } from 'vitest/config';

// Two projects: unit tests need nothing running; integration and whole-stack tests get a real
// Cassandra, started (or reused) once per run by test/support/global-setup.ts.
export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores are shared with Cassandra and the services under test.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
