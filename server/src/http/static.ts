import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Serves the built client, and index.html for every other page so the SPA can route (/j/CODE, /r/…). */
export function clientRouter(clientDist: string): Router {
  const router = express.Router();
  const index = path.join(clientDist, 'index.html');
  router.use(express.static(clientDist, { index: false, maxAge: '1h', setHeaders: noCacheForShell }));
  router.get('/{*page}', (_req, res) => {
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built yet: run `pnpm build` (pnpm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/** Hashed assets are immutable; the service worker and manifest must be revalidated. */
function noCacheForShell(res: express.Response, file: string): void {
  if (file.includes(`${path.sep}assets${path.sep}`))
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}
