import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { apiRouter } from './http/api.js';
import { errorHandler } from './http/errors.js';
import { clientRouter } from './http/static.js';
import { createLogger } from './log.js';
import { attachSockets, type RoundtableServer } from './realtime/socket.js';
import { Roundtables } from './roundtables.js';
import { Documents } from './yjs/documents.js';
import { attachYjs } from './yjs/endpoint.js';
import { closeDocumentAccess } from './yjs/access.js';
import { DocVersions } from './yjs/versions.js';
import type { Store } from './store/store.js';

export interface App {
  httpServer: http.Server;
  io: RoundtableServer;
  roundtables: Roundtables;
  documents: Documents;
  log: Logger;
  /** Stops accepting, closes every connection and the store. Safe to call twice. */
  close: () => Promise<void>;
}

/** Builds the whole server on one HTTP server; it listens nowhere until the caller says so. */
export function createApp({
  config,
  store,
  log = createLogger(config),
}: {
  config: Config;
  store: Store;
  log?: Logger;
}): App {
  const app = express();
  const httpServer = http.createServer(app);
  const listeningUrl = () => `http://localhost:${(httpServer.address() as AddressInfo | null)?.port ?? config.port}`;
  const baseUrl = () => config.publicUrl ?? listeningUrl();
  const requestUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const roundtables = new Roundtables(store, log, baseUrl);
  const documents = new Documents(store, roundtables, { maxDocBytes: config.docMaxBytes, compactAfter: 500 }, log);
  const versions = new DocVersions(store, documents);

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    '/api',
    express.json({ limit: '256kb' }),
    apiRouter({ roundtables, store, publicUrl: requestUrl, joinRateLimit: config.joinRateLimit, versions }),
  );
  app.use(clientRouter(config.clientDist));
  app.use(errorHandler(log));

  const io = attachSockets(httpServer, roundtables, store, log);
  const wss = attachYjs(httpServer, roundtables, store, documents, log);
  roundtables.onApplied((applied) => closeDocumentAccess(documents, applied));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      documents.closeAll();
      wss.close();
      io.close(() => {
        store.close();
        resolve();
      });
      httpServer.closeAllConnections();
    }));
  return { httpServer, io, roundtables, documents, log, close };
}
