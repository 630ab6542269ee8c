import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { keepServingOnEscapedErrors } from './escaped.js';
import { createApp } from './app.js';
import { createLogger } from './log.js';
import { connectRedis } from './cluster/redis.js';
import { openStore } from './store/open.js';
import { engineError } from './store/engineError.js';

async function start(): Promise<void> {
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
  let store;
  try {
    store = await openStore(config);
  } catch (error) {
    // An engine that is not there, or refuses us: said in one line a person can act on, then a clean exit.
    console.error(engineError(error, config));
    process.exit(2);
  }
  let redis;
  try {
    redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : undefined;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await store.close();
    process.exit(2);
  }
  const { httpServer, close } = createApp({ config, store, log, ...(redis ? { redis } : {}) });
  keepServingOnEscapedErrors(log);
  httpServer.listen(config.port, config.host, () => {
    const { port } = httpServer.address() as AddressInfo;
    log.info(
      {
        store: config.databaseUrl ? 'postgresql' : 'sqlite',
        cluster: config.redisUrl !== undefined,
        ...(config.databaseUrl ? {} : { dataDir: config.dataDir }),
        port,
      },
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

await start();
