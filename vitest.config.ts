import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { configDefaults, defineConfig } from 'vitest/config';

const svelteClient = (entry: string) => fileURLToPath(new URL(`node_modules/svelte/src/${entry}`, import.meta.url));

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
          exclude: [...exclude, 'client/test/**/*.svelte.test.ts'],
        },
      },
      {
        // The client's state classes (*.svelte.ts) against a real server: compiled by Svelte as the browser
        // build is, so runes behave as on a page; browser globals come from client/test/support/browser.ts.
        plugins: [svelte({ configFile: false, dynamicCompileOptions: () => ({ generate: 'client' }) })],
        // Svelte's browser runtime in Node: its server one never runs effects. Only Svelte's: a `browser`
        // condition for everything would load the stubs some Node packages (ws) ship for browsers.
        resolve: {
          alias: [
            { find: /^svelte$/, replacement: svelteClient('index-client.js') },
            { find: /^svelte\/reactivity$/, replacement: svelteClient('reactivity/index-client.js') },
          ],
        },
        test: {
          name: 'client',
          environment: 'node',
          include: ['client/test/**/*.svelte.test.ts'],
          exclude,
          testTimeout: 30_000,
          hookTimeout: 30_000,
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
          // The same integration tests with the server on PostgreSQL (tests/support/server.ts), but those that
          // read SQLite's own files or start processes of their own on it.
          name: 'integration-postgres',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [
            ...exclude,
            'tests/integration/{erasure,operator,polls,compiled,durability,demo-cli,hostile-process}.test.ts',
            'tests/integration/cluster*.test.ts',
          ],
          env: { TEST_STORE: 'postgres' },
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
