import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerProcess } from '../support/process.js';
import { startProcess } from '../support/process.js';

export { freePort } from '../support/process.js';
export { sharedRedisUrl as redisUrl } from '../support/redisUrl.js';

export interface ClusterNode {
  port: number;
  /** Its log lines so far (JSON, warn and above), for a failure's message. */
  logged: string[];
  /** SIGKILL, and waits for the process to be gone: a machine lost, nothing said to anyone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, database and Redis. */
  restart(): Promise<void>;
}

/** A node on `port`; `env` names its PostgreSQL and Redis (nothing is kept on its disk in cluster mode). */
export async function startNode(port: number, env: NodeJS.ProcessEnv): Promise<ClusterNode> {
  const logged: string[] = [];
  let child: ServerProcess;
  // Cluster mode keeps nothing there; the setting is still checked.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-e2e-node-'));
  const launch = async () => {
    child = await startProcess(port, dataDir, env);
    // One list across restarts: a failure's message shows what every run of the node said.
    child.stdout?.on('data', () => logged.splice(0, logged.length, ...child.logged));
  };
  await launch();
  return {
    port,
    logged,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
    restart: launch,
  };
}
