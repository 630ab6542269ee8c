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
          // About 20 ms a message at the most, for the long `pnpm fuzz` run too.
          testTimeout: Math.max(600_000, Number(process.env.FUZZ_MESSAGES ?? 0) * 20),
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
