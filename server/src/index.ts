export { createApp, type App } from './app.js';
export { loadConfig, testConfig, type Config } from './config.js';
export { openSqliteStore } from './store/sqlite.js';
export type { Store } from './store/store.js';
export { openPostgresStore } from './store/postgres/open.js';
export { connectRedis, type RedisConnection } from './cluster/redis.js';
