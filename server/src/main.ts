import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { keepServingOnEscapedErrors } from './escaped.js';
import { createApp } from './app.js';
import { createLogger } from './log.js';
import { openSqliteStore } from './store/sqlite.js';

function start(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  const store = openSqliteStore(config.dataDir);
  const { httpServer, close } = createApp({ config, store, log });
  keepServingOnEscapedErrors(log);
  httpServer.listen(config.port, config.host, () => {
    const { port } = httpServer.address() as AddressInfo;
    log.info(
      { dataDir: config.dataDir, port },
      `Roundtable is running at ${config.publicUrl ?? `http://localhost:${port}`}`,
    );
  });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

start();
