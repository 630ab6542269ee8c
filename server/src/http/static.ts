import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { preloadLinks } from './preloadLinks.js';

/**
 * Serves the built client, and index.html for every other page so the SPA can route (/j/CODE, /r/…).
 * Each file goes out as the brotli or gzip copy `pnpm build` wrote beside it (client/build/precompress.ts)
 * when the browser accepts one, with `Vary: Accept-Encoding` and the original's type; nothing is
 * compressed on the fly. The copies are found once, when the server starts.
 */
export function clientRouter(clientDist: string): Router {
  const router = express.Router();
  const index = path.join(clientDist, 'index.html');
  const serve = expressStaticGzip(clientDist, {
    enableBrotli: true,
    // Browsers list gzip and br with the same weight, gzip first; brotli's copy is the smaller.
    orderPreference: ['br'],
    index: false,
    serveStatic: { index: false, maxAge: '1h', setHeaders: cacheControl },
  });
  router.use(serve);
  const preloads = preloadLinks(clientDist);
  router.get('/{*page}', (req, res, next) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built yet: run `pnpm build` (pnpm start does it for you).');
      return;
    }
    const link = preloads(req.path);
    if (link) res.setHeader('Link', link);
    // The shell for every page, through the same negotiation as every other file.
    req.url = '/index.html';
    serve(req, res, next);
  });
  return router;
}

/** Hashed assets are immutable; the shell, the service worker and the manifest must be revalidated. */
function cacheControl(res: ServerResponse, file: string): void {
  if (file.includes(`${path.sep}assets${path.sep}`))
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}
