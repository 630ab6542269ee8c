import os from 'node:os';
import { joinPath, type LinkRole } from '@roundtable/shared';
import { loadConfig } from './config.js';
import { createApp } from './app.js';
import { loadDemo } from './demo/scenario.js';
import { openSqliteStore } from './store/sqlite.js';

/**
 * `pnpm demo`: puts the Astana scenario into the data directory and prints its links. There is no
 * request to take a host from, so the links are for PUBLIC_URL or, without it, this machine.
 */
const config = loadConfig();
const store = openSqliteStore(config.dataDir);
const { roundtables, close } = createApp({ config: { ...config, logLevel: 'silent' }, store });
const base = config.publicUrl ?? `http://localhost:${config.port}`;

/** Mints a link the way the console does: `link.create` through the one command path. */
async function mint(roundtableId: string, moderatorLinkId: string, role: LinkRole, label: string): Promise<string> {
  const baseVersion = (await roundtables.get(roundtableId))?.version ?? 0;
  const ack = await roundtables.execute(
    roundtableId,
    { credential: { kind: 'link', linkId: moderatorLinkId }, linkBase: base },
    { baseVersion, command: { type: 'link.create', role, label } },
  );
  if (!ack.ok) throw new Error(`Could not create the ${role} link: ${ack.message}`);
  return ack.result?.url ?? '';
}

/** Where phones on the same network reach this machine (the server listens on every interface by default). */
function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a.address}:${config.port}`);
}

try {
  const result = await loadDemo(roundtables, store, base);
  if ('ok' in result) throw new Error(result.message);
  const projectorUrl = await mint(result.roundtableId, result.moderatorLinkId, 'projector', 'Projector');
  const rapporteurUrl = await mint(result.roundtableId, result.moderatorLinkId, 'rapporteur', 'Rapporteurs');
  console.log(`Demo roundtable created in ${config.dataDir}\n`);
  console.log('Each link holds a secret: give it only to the person or screen it is for.');
  console.log(`  Moderator:  ${result.moderatorUrl}`);
  console.log(`  Projector:  ${projectorUrl}`);
  console.log(`  Rapporteur: ${rapporteurUrl}`);
  console.log(`  Join code:  ${result.joinCode}   Join link: ${result.joinUrl}`);
  if (!config.publicUrl) {
    for (const address of networkAddresses())
      console.log(
        `  Phones on this network: ${address}${joinPath(result.joinCode)} (open the links at ${address} too)`,
      );
  }
  console.log('\nStart the server with `pnpm start` and open the moderator link.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await close();
}
