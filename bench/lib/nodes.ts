import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { command, connectSocket, createRoundtable, joinMany } from './api.js';
import { until } from './clock.js';
import { startOurs, type ServerUnderTest } from './servers.js';

/** How the nodes under test store and share: SQLite alone, or PostgreSQL + Redis (a cluster, of one or more). */
export type Store = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; databaseUrl: string; redisUrl: string };

const env = (store: Store) =>
  store.kind === 'postgres' ? { DATABASE_URL: store.databaseUrl, REDIS_URL: store.redisUrl } : {};

/** `count` nodes on `store`, all pinned to `cpus` (the server core): the nodes share what one node had. */
export function startNodes(
  count: number,
  store: Store,
  cpus: string | undefined,
  profileDir?: string,
): Promise<ServerUnderTest[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      startOurs({
        cpus,
        profileDir,
        env: env(store),
        ...(store.kind === 'sqlite' ? { dataDir: store.dataDir, keepData: true } : {}),
      }),
    ),
  );
}

export const stopNodes = (nodes: ServerUnderTest[]): Promise<void[]> => Promise.all(nodes.map((n) => n.stop()));

export interface Room {
  roundtableId: string;
  moderatorSecret: string;
  people: { token: string; participantId: string }[];
}

/** Roundtables of `size` joined people each, their item started, made on a node of its own that is then stopped. */
export async function setUpRooms(store: Store, rooms: number, size: number, cpus: string | undefined) {
  const [node] = await startNodes(1, store, cpus);
  if (!node) throw new Error('no node');
  try {
    const made: Room[] = [];
    let next = 0;
    // A few rooms at a time: the node, not this loop, should be what limits the joins.
    const worker = async () => {
      for (let i = next++; i < rooms; i = next++) {
        const rt = await createRoundtable(node.url);
        const people = await joinMany(node.url, rt.joinCode, size, 8);
        const mod = connectSocket(node.url, rt.roundtableId, rt.moderatorSecret);
        await until(() => mod.latest !== undefined, 30_000);
        const itemId = mod.latest?.agenda[0]?.id ?? '';
        await command(node.url, rt.roundtableId, rt.moderatorSecret, { type: 'agenda.start', itemId }, 0);
        mod.socket.close();
        made[i] = { roundtableId: rt.roundtableId, moderatorSecret: rt.moderatorSecret, people };
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, rooms) }, worker));
    return made;
  } finally {
    await node.stop();
  }
}

/** A moderator's console on `url`, holding the state. */
export async function moderatorOn(url: string, room: Room) {
  const mod = connectSocket(url, room.roundtableId, room.moderatorSecret);
  if (!(await until(() => mod.latest !== undefined, 30_000))) throw new Error(`moderator not connected to ${url}`);
  return mod;
}

/** A fresh SQLite data directory, removed at the end with the others (servers.ts). */
export function sqliteStore(): Store {
  return { kind: 'sqlite', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-bench-')) };
}
