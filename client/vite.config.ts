import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { phoneChunks } from './build/phoneChunks.ts';
import { precompress } from './build/precompress.ts';
import { routePreload } from './build/routePreload.ts';

/** `pnpm dev` starts the server on PORT (default 3000) beside Vite; ROUNDTABLE_SERVER points Vite at any other. */
const server = process.env.ROUNDTABLE_SERVER ?? `http://localhost:${process.env.PORT ?? '3000'}`;
// The server sees the host the browser used (Vite's), so the links it hands out open through Vite too.
const proxied = { target: server, changeOrigin: false };

export default defineConfig({
  plugins: [svelte(), routePreload(), precompress()],
  // No modulepreload polyfill: every browser a phone runs has modulepreload, and the entry is on the phone's budget.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: phoneChunks(import.meta.dirname) } },
  },
  server: {
    proxy: {
      '/api': proxied,
      '/healthz': proxied,
      '/socket.io': { ...proxied, ws: true },
      '/yjs': { ...proxied, ws: true },
    },
  },
});
