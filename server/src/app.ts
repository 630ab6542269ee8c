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
import { Cluster } from './cluster/cluster.js';
import { forgetIdleRoundtables, joinCluster } from './cluster/join.js';
import { PresenceElsewhere } from './cluster/presence.js';
import type { RedisConnection } from './cluster/redis.js';
import { newId } from './secrets.js';

/** A reaction to an accepted change: run on every node (for its own connections) or only where it was committed. */
type Hook = [string, 'everywhere' | 'here', (applied: Applied, effects: SessionEffects) => unknown];

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
  redis,
}: {
  config: Config;
  store: Store;
  log?: Logger;
  /** Set when this node is one of several (REDIS_URL): they share their messages through it. */
  redis?: RedisConnection;
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
  const cluster = new Cluster(log, redis !== undefined);
  const presenceElsewhere = redis ? new PresenceElsewhere(cluster, newId()) : undefined;
  const docLimits = { maxDocBytes: config.docMaxBytes, compactAfter: 500 };
  const documents = new Documents(store, roundtables, docLimits, log, cluster);
  const versions = new DocVersions(store, documents);
  const commandRate = new CommandRate(config.commandRateLimit);
  const pending = new PendingConnections(config.pendingConnectionsPerAddress);
  const attendance = new AttendanceRecorder(store, log);

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'] } } }));
  app.use(healthRoutes({ store: () => store.ping(), ...(redis ? { redis: () => redis.ping() } : {}) }, { log }));
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
    ...(redis ? { adapter: redis.adapter } : {}),
    ...(presenceElsewhere ? { elsewhere: presenceElsewhere } : {}),
  });
  if (redis) joinCluster({ cluster, roundtables, documents, io: sockets.io }, redis);
  presenceElsewhere?.onChanged((roundtableId) => sockets.feed.presenceChanged(roundtableId));
  const stopForgetting = forgetIdleRoundtables(roundtables, { io: sockets.io, documents }, (id) =>
    sockets.feed.forget(id),
  );
  const wss = attachYjs(httpServer, { roundtables, store }, documents, log, connectionsPerCredential);

  /**
   * Everything an accepted change sets off, in order, in one place: sessions that change move to their
   * new audience room first, so the new version reaches them there; then every room gets it; then the
   * sessions that end are told why. Each hook runs whatever the one before it did.
   */
  const hooks: Hook[] = [
    ['socket sessions change', 'everywhere', ({ state }, { change }) => sockets.sessions.change(change, state)],
    ['rooms get the new version', 'everywhere', ({ state }) => sockets.feed.publish(state)],
    ['socket sessions end', 'everywhere', (_applied, { end }) => sockets.sessions.end(end)],
    [
      'document connections end or reconnect',
      'everywhere',
      ({ roundtableId }, effects) => documents.carry(roundtableId, effects),
    ],
    // What writes to the store or the document is done once, by the node that committed the change.
    ['document outline follows the agenda', 'here', ({ state, events }) => documents.agendaChanged(state, events)],
    ['a poll’s result goes into the document', 'here', ({ state, events }) => documents.pollsRecorded(state, events)],
    [
      'a review saves its versions',
      'here',
      ({ roundtableId, events }) => saveReviewVersions(versions, roundtableId, events),
    ],
    [
      'attendance follows the agenda',
      'here',
      ({ roundtableId, events, state }) =>
        attendance.changed(roundtableId, events, state, sockets.online(roundtableId)),
    ],
  ];
  roundtables.onErasing((roundtableId, erasure) => eraseInDocuments(documents, store, roundtableId, erasure));
  roundtables.onApplied((applied) => {
    const effects = sessionEffects(applied.events, applied.state);
    const pending: Promise<unknown>[] = [];
    for (const [name, where, hook] of hooks) {
      if (where === 'here' && applied.origin !== 'here') continue;
      const failed = (error: unknown) =>
        log.error({ err: error, roundtableId: applied.roundtableId, hook: name }, 'reaction to a change failed');
      try {
        // A hook that waits for the store (the document's, a named version) goes on while the next ones
        // run; the command's ack waits for it (Roundtables.onApplied).
        const done = hook(applied, effects);
        if (done instanceof Promise) pending.push(done.catch(failed));
      } catch (error) {
        failed(error);
      }
    }
    return Promise.all(pending);
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
      stopForgetting();
      presenceElsewhere?.stop();
      documents.closeAll();
      wss.close();
      void sockets.io.close(() => {
        const closed = Promise.all([store.close(), redis?.close()]);
        void closed.then(
          () => resolve(),
          (error: unknown) => {
            log.error({ err: error }, 'the store or Redis did not close cleanly');
            resolve();
          },
        );
      });
      httpServer.closeAllConnections();
    }));
  return { httpServer, io: sockets.io, roundtables, documents, log, close };
}
