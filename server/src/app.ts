import http from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { apiRouter } from './http/api.js';
import { bounded } from './http/bounded.js';
import { errorHandler } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { PendingConnections } from './inbound/addresses.js';
import { linkBase } from './links.js';
import { CommandRate } from './inbound/commandRate.js';
import { clientRouter } from './http/static.js';
import { createLogger } from './log.js';
import { Operator } from './operator.js';
import { AttendanceRecorder } from './realtime/attendance.js';
import { attachSockets } from './realtime/socket.js';
import type { RoundtableServer } from './realtime/socketTypes.js';
import { Roundtables, type Applied } from './roundtables.js';
import { sessionEffects, type SessionEffects } from './session/effects.js';
import { Documents } from './yjs/documents.js';
import { eraseInDocuments } from './yjs/erasure.js';
import { RetentionSweeper } from './retention.js';
import { attachYjs } from './yjs/endpoint.js';
import { DocVersions } from './yjs/versions.js';
import { saveReviewVersions } from './yjs/reviewVersions.js';
import type { Store } from './store/store.js';

/** Largest JSON body the API reads (an agenda import, a roundtable with its delegations). */
const API_BODY_BYTES = 256 * 1024;

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
  const httpServer = http.createServer(
    // A connection that is slow to send its headers or its body is closed, not kept open for minutes.
    {
      headersTimeout: config.timeouts.headersMs,
      requestTimeout: config.timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1_000, config.timeouts.headersMs),
    },
    app,
  );
  const linkBaseOf = (req: http.IncomingMessage) => linkBase(config.publicUrl, req, config.trustProxy);
  const roundtables = new Roundtables(store, log);
  const documents = new Documents(store, roundtables, { maxDocBytes: config.docMaxBytes, compactAfter: 500 }, log);
  const versions = new DocVersions(store, documents);
  const commandRate = new CommandRate(config.commandRateLimit);
  const pending = new PendingConnections(config.pendingConnectionsPerAddress);
  const attendance = new AttendanceRecorder(store, log);

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } }));
  app.use(healthRoutes({ store: () => store.ping() }, { log }));
  app.use(
    '/api',
    express.json({ limit: API_BODY_BYTES }),
    bounded(API_BODY_BYTES),
    apiRouter({
      roundtables,
      store,
      linkBase: linkBaseOf,
      joinRateLimit: config.joinRateLimit,
      createRateLimit: config.createRateLimit,
      versions,
      commandRate,
      documents,
      instance: {
        organiserKey: config.organiserKey,
        operatorKey: config.operatorKey,
        operator: new Operator(roundtables, store, log),
      },
    }),
  );
  app.use(clientRouter(config.clientDist));
  app.use(errorHandler(log));

  const connectionsPerCredential = { participant: config.connectionsPerKey, link: config.connectionsPerKey * 5 };
  const sockets = attachSockets(httpServer, {
    roundtables,
    store,
    log,
    commandRate,
    pending,
    trustProxy: config.trustProxy,
    linkBase: linkBaseOf,
    connectTimeoutMs: config.timeouts.connectMs,
    connectionsPerCredential,
    attendance,
  });
  const wss = attachYjs(httpServer, { roundtables, store }, documents, log, connectionsPerCredential);

  /**
   * Everything an accepted change sets off, in order, in one place: sessions that change move to their
   * new audience room first, so the new version reaches them there; then every room gets it; then the
   * sessions that end are told why. Each hook runs whatever the one before it did.
   */
  const hooks: [string, (applied: Applied, effects: SessionEffects) => unknown][] = [
    ['socket sessions change', ({ state }, { change }) => sockets.sessions.change(change, state)],
    ['rooms get the new version', ({ state }) => sockets.feed.publish(state)],
    ['socket sessions end', (_applied, { end }) => sockets.sessions.end(end)],
    ['document connections end or reconnect', ({ roundtableId }, effects) => documents.carry(roundtableId, effects)],
    ['document outline follows the agenda', ({ state, events }) => documents.agendaChanged(state, events)],
    ['a poll’s result goes into the document', ({ state, events }) => documents.pollsRecorded(state, events)],
    ['a review saves its versions', ({ roundtableId, events }) => saveReviewVersions(versions, roundtableId, events)],
    [
      'attendance follows the agenda',
      ({ roundtableId, events, state }) =>
        attendance.changed(roundtableId, events, state, sockets.online(roundtableId)),
    ],
  ];
  roundtables.onErasing((roundtableId, erasure) => eraseInDocuments(documents, store, roundtableId, erasure));
  roundtables.onApplied((applied) => {
    const effects = sessionEffects(applied.events, applied.state);
    for (const [name, hook] of hooks) {
      const failed = (error: unknown) =>
        log.error({ err: error, roundtableId: applied.roundtableId, hook: name }, 'reaction to a change failed');
      try {
        // A hook that waits for the store (the document's, the attendance's) goes on while the next ones run.
        const done = hook(applied, effects);
        if (done instanceof Promise) done.catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  });
  // A roundtable archived or deleted by the operator: whatever is open on it ends, told why, on both transports.
  roundtables.onEvicted((roundtableId, failure) => {
    sockets.sessions.endRoundtable(roundtableId, failure);
    documents.closeRoundtable(roundtableId, failure);
  });
  // Ended roundtables past their retention period are erased: at start, then every hour (retention.ts).
  const retention = new RetentionSweeper(roundtables, store, log);
  retention.start();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      retention.stop();
      documents.closeAll();
      wss.close();
      void sockets.io.close(() => {
        void store.close().then(resolve, (error: unknown) => {
          log.error({ err: error }, 'the store did not close cleanly');
          resolve();
        });
      });
      httpServer.closeAllConnections();
    }));
  return { httpServer, io: sockets.io, roundtables, documents, log, close };
}
