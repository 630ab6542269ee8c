import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

/** `pnpm dev` starts the server on PORT (default 3000) beside Vite; ROUNDTABLE_SERVER points Vite at any other. */
const server = process.env.ROUNDTABLE_SERVER ?? `http://localhost:${process.env.PORT ?? '3000'}`;
// The server sees the host the browser used (Vite's), so the links it hands out open through Vite too.
const proxied = { target: server, changeOrigin: false };

export default defineConfig({
  plugins: [svelte(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', manifest: true },
  server: {
    proxy: {
      '/api': proxied,
      '/healthz': proxied,
      '/socket.io': { ...proxied, ws: true },
      '/yjs': { ...proxied, ws: true },
    },
  },
});
