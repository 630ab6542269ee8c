/**
 * A child process holding phones of many roundtables, each connected to one cluster node, for the cluster
 * benchmark (issue 17). Each phone notes the version every `state` or `patch` brings when it arrives, as the
 * fan-out's do. With a `fallback` node, a phone whose connection drops comes back on that node after the
 * app's first retry delay (client/src/lib/socketio.ts: 500 ms × 0.5–1): what a proxy in front of the
 * nodes would do once the dead node's connections are gone.
 */
import { io } from 'socket.io-client';
import { patchVersion } from '@roundtable/shared';
import type { RoundtableSocket } from '../lib/api.js';
import { now } from '../lib/clock.js';
import { histogram, record, type Histogram } from '../lib/histogram.js';
import { serve } from '../lib/rpc.js';

export interface Phone {
  roundtableId: string;
  token: string;
  url: string;
  /** The node to come back on when the connection drops; none: stay away. */
  fallback?: string;
}

export interface RoomPhonesResult {
  latency: Histogram;
  missing: number;
  cpuCores: number;
  /** Phones that came back on their fallback node since connecting. */
  reconnected: number;
}

interface Conn {
  phone: Phone;
  socket: RoundtableSocket | undefined;
  versions: number[];
  times: number[];
  /** The highest version held, recorded or not. */
  latest: number;
}

const RETRY_MIN_MS = 500;

let conns: Conn[] = [];
let recording = false;
let closing = false;
let reconnected = 0;
let cpuStart = process.cpuUsage();
let wallStart = now();

function note(conn: Conn, version: number): void {
  conn.latest = Math.max(conn.latest, version);
  if (!recording) return;
  conn.versions.push(version);
  conn.times.push(now());
}

/** Opens `conn`'s socket to `url`; resolves once the first state is in. */
function open(conn: Conn, url: string, timeoutMs: number): Promise<void> {
  const socket: RoundtableSocket = io(url, {
    auth: { roundtableId: conn.phone.roundtableId, token: conn.phone.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  conn.socket = socket;
  socket.on('state', (s) => note(conn, s.version));
  socket.on('patch', (p) => note(conn, patchVersion(p)));
  socket.on('disconnect', () => {
    const fallback = conn.phone.fallback;
    if (closing || !fallback) return;
    const retry = () =>
      open(conn, fallback, timeoutMs).then(
        () => reconnected++,
        () => !closing && setTimeout(retry, RETRY_MIN_MS * 2),
      );
    setTimeout(retry, RETRY_MIN_MS * (0.5 + Math.random() / 2));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('timeout'));
    }, timeoutMs);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error: ${e.message.split(':')[0]}`));
    });
    socket.once('state', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

serve({
  async connect({ phones, concurrency, timeoutMs }: { phones: Phone[]; concurrency: number; timeoutMs: number }) {
    closing = false;
    const errors: Record<string, number> = {};
    const queue = [...phones];
    const run = async () => {
      for (let phone = queue.shift(); phone; phone = queue.shift()) {
        const conn: Conn = { phone, socket: undefined, versions: [], times: [], latest: 0 };
        try {
          await open(conn, phone.url, timeoutMs);
          conns.push(conn);
        } catch (error) {
          const kind = (error as Error).message;
          errors[kind] = (errors[kind] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, run));
    return { connected: conns.length, errors };
  },
  record() {
    for (const c of conns) {
      c.versions = [];
      c.times = [];
    }
    recording = true;
    reconnected = 0;
    cpuStart = process.cpuUsage();
    wallStart = now();
  },
  /** How many phones of `roundtableId` hold `version` or later. */
  holding: ({ roundtableId, version }: { roundtableId: string; version: number }) =>
    conns.filter((c) => c.phone.roundtableId === roundtableId && c.latest >= version).length,
  /** `sent`: per roundtable, [version, time it was sent], ascending. Latency = first arrival at or past it. */
  collect({ sent }: { sent: Record<string, [number, number][]> }): RoomPhonesResult {
    recording = false;
    const cpu = process.cpuUsage(cpuStart);
    const latency = histogram();
    let missing = 0;
    for (const c of conns) {
      let j = 0;
      for (const [version, at] of sent[c.phone.roundtableId] ?? []) {
        while (j < c.versions.length && (c.versions[j] ?? 0) < version) j++;
        const t = c.times[j];
        if (t === undefined) missing++;
        else record(latency, t - at);
      }
    }
    const cpuCores = (cpu.user + cpu.system) / 1000 / (now() - wallStart);
    return { latency, missing, cpuCores, reconnected };
  },
  close() {
    closing = true;
    for (const c of conns) c.socket?.close();
    conns = [];
  },
});
