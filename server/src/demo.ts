import { loadConfig } from './config.js';
import { createApp } from './app.js';
import { loadDemo } from './demo/scenario.js';
import { openSqliteStore } from './store/sqlite.js';

/** `pnpm demo`: puts the Astana scenario into the data directory and prints its links. */
const config = loadConfig();
const store = openSqliteStore(config.dataDir);
const { roundtables, close } = createApp({ config: { ...config, logLevel: 'silent' }, store });
const base = config.publicUrl ?? `http://localhost:${config.port}`;
const result = loadDemo(roundtables, store, base);
if ('ok' in result) {
  console.error(result.message);
  process.exitCode = 1;
} else {
  console.log(`Demo roundtable created in ${config.dataDir}\n`);
  console.log(`  Moderator link (keep it secret): ${result.moderatorUrl}`);
  console.log(`  Join code: ${result.joinCode}   Join link: ${result.joinUrl}\n`);
  console.log('Start the server with `pnpm start` and open the moderator link.');
}
await close();
