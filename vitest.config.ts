import { configDefaults, defineConfig } from 'vitest/config';

// Playwright specs live in tests/e2e (*.spec.ts) and must never be collected by vitest.
const exclude = [...configDefaults.exclude, 'tests/e2e/**', '**/*.spec.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['shared/test/**/*.test.ts', 'server/test/**/*.test.ts', 'client/test/**/*.test.ts'],
          exclude,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          exclude,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          // Hostile input against a real server: bounded in pnpm test, long with `pnpm fuzz` (FUZZ_MESSAGES).
          name: 'fuzz',
          environment: 'node',
          include: ['tests/fuzz/**/*.test.ts'],
          exclude,
          testTimeout: 600_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
