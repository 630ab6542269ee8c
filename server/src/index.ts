export { createApp, type App } from './app.js';
export { loadConfig, testConfig, type Config } from './config.js';
export { openSqliteStore } from './store/sqlite.js';
export type { Store } from './store/store.js';
