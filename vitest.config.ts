import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests, and API tests (app.inject on a fresh database per file).
// The API project runs on PGlite, or on PostgreSQL when TEST_PG_URL is set (see scripts/test.sh).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.api.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['src/**/*.api.test.ts'],
          environment: 'node',
          globalSetup: ['src/test/global-setup.ts'],
          // Generous for a slow CI machine, short enough that a deadlock fails fast instead of eating the run.
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Two cores: two files at a time, each with its own database.
          maxWorkers: 2,
        },
      },
    ],
  },
});
