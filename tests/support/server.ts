import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { freshDatabase } from '../../server/test/support/postgres.js';
import { createApp, openPostgresStore, openSqliteStore, testConfig, type App, type Config } from '@roundtable/server';
import { closeAll } from './clients.js';
import { closeDocuments } from './documents.js';

export interface TestServer {
  url: string;
  app: App;
  dataDir: string;
  /** Closes the app and starts a new one on the same data directory and port, as a real restart would. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function listen(app: App, port: number): Promise<number> {
  await new Promise<void>((resolve) => app.httpServer.listen(port, '127.0.0.1', resolve));
  return (app.httpServer.address() as AddressInfo).port;
}

/** The real server on port 0 with a fresh data directory (and with TEST_STORE=postgres, a fresh database). */
export async function startServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-it-'));
  // The integration-postgres project (vitest.config.ts) runs the same tests on a PostgreSQL database of their own.
  const database = process.env.TEST_STORE === 'postgres' ? await freshDatabase() : undefined;
  const store = async () => (database ? openPostgresStore(database.url) : openSqliteStore(dataDir));
  const make = async () => createApp({ config: testConfig({ dataDir, ...overrides }), store: await store() });
  let app = await make();
  const port = await listen(app, 0);
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    app,
    dataDir,
    async restart() {
      await app.close();
      app = await make();
      await listen(app, port);
      server.app = app;
    },
    async stop() {
      await app.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A fresh server for each test of the file, stopped (with every socket and document client closed) after it. */
export function useServer(overrides: Partial<Config> = {}): { current: TestServer } {
  const holder = {} as { current: TestServer };
  beforeEach(async () => {
    holder.current = await startServer(overrides);
  });
  afterEach(async () => {
    closeAll();
    closeDocuments();
    await holder.current.stop();
  });
  return holder;
}
