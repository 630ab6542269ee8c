/**
 * A child process holding many participants' connections for the fan-out: `socket.io-client`s on our
 * server or on the floor server, or raw `ws` clients on the floor. It notes when each connection
 * receives each version; the orchestrator later sends the moderator's send times and gets latencies
 * back. On ours, one phone per process (or, with `follow: 'every'`, every phone) also applies each
 * patch to the state it holds, as the app does, and counts the times it had to ask for the state.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { patchVersion, type StatePatch } from '@roundtable/shared';
import { connectSocket, type RoundtableSocket } from '../lib/api.js';
import { now } from '../lib/clock.js';
import { histogram, record, type Histogram } from '../lib/histogram.js';
import { serve } from '../lib/rpc.js';

interface Conn {
  versions: number[];
  times: number[];
  close(): void;
}

export interface ConnectParams {
  /** `socketio`: ours; `socketio-floor`: the same client on the floor; `ws`: a raw `ws` client on the floor. */
  mode: 'socketio' | 'socketio-floor' | 'ws';
  /** On ours: which phones apply every patch (the others note receipt, as the floor's phones do). */
  follow?: 'one' | 'every';
  url: string;
  roundtableId?: string;
  tokens: string[];
  concurrency: number;
  timeoutMs: number;
}

export interface ConnectResult {
  connected: number;
  errors: Record<string, number>;
  /** Bytes of the last change a connection here received, as sent on the wire (text frame payload). */
  payloadBytes: number;
}

export interface CollectResult {
  latency: Histogram;
  /** CPU this client process used while recording, in cores. */
  cpuCores: number;
  /** (connection, version) pairs where no state at or past that version ever arrived. */
  missing: number;
  received: number;
  /** For each sent change, the slowest connection here (ms): shows whether a backlog builds up. */
  worst: number[];
  /** Phones here that applied every patch, and how often one of them had to ask for the whole state. */
  followers: number;
  syncs: number;
}

let conns: Conn[] = [];
let recording = false;
let payloadBytes = 0;
/** The last patch a connection here received, for the floor to send the same JSON. */
let sample: object | undefined;
let sampling = false;
let followers = 0;
let syncs = 0;
let cpuStart = process.cpuUsage();
let wallStart = now();

function note(conn: Conn, version: number): void {
  if (!recording) return;
  conn.versions.push(version);
  conn.times.push(now());
}

function openSocketIo(p: ConnectParams, token: string): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const conn: Conn = { versions: [], times: [], close: () => socket.close() };
    const follows = p.follow === 'every' || !sampling;
    const socket = follows ? following(p, token, conn) : receiving(p, token, conn);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('timeout'));
    }, p.timeoutMs);
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error: ${e.message.split(':')[0]}`));
    });
    // One connection per process keeps a sample of what it was sent (for the floor); the others do nothing more.
    if (!sampling) {
      sampling = true;
      socket.on('patch', (patch) => {
        payloadBytes = Buffer.byteLength(`42["patch",${JSON.stringify(patch)}]`);
        sample = patch;
      });
    }
    socket.once('state', () => {
      clearTimeout(timer);
      resolve(conn);
    });
  });
}

/** A phone that applies each patch to the state it holds, as the app does; a version counts once held. */
function following(p: ConnectParams, token: string, conn: Conn): RoundtableSocket {
  followers++;
  const { socket } = connectSocket(p.url, p.roundtableId ?? '', token, (s) => note(conn, s.version));
  socket.onAnyOutgoing((event: string) => {
    if (event === 'sync' && recording) syncs++;
  });
  return socket;
}

/** A phone that notes the version each message brings when it arrives, as the floor's phones do. */
function receiving(p: ConnectParams, token: string, conn: Conn): RoundtableSocket {
  const socket: RoundtableSocket = io(p.url, {
    auth: { roundtableId: p.roundtableId ?? '', token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  socket.on('state', (s) => note(conn, s.version));
  socket.on('patch', (patch) => note(conn, patchVersion(patch)));
  return socket;
}

function openSocketIoFloor(p: ConnectParams): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket: RoundtableSocket = io(p.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const conn: Conn = { versions: [], times: [], close: () => socket.close() };
    const first = !sampling;
    sampling = true;
    socket.on('patch', (patch) => {
      note(conn, patchVersion(patch));
      if (first) payloadBytes = Buffer.byteLength(`42["patch",${JSON.stringify(patch)}]`);
    });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('timeout'));
    }, p.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(conn);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error: ${e.message}`));
    });
  });
}

function openWs(p: ConnectParams): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(p.url, { perMessageDeflate: false });
    const conn: Conn = { versions: [], times: [], close: () => ws.terminate() };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('timeout'));
    }, p.timeoutMs);
    ws.on('message', (data) => {
      const text = String(data);
      note(conn, patchVersion((JSON.parse(text) as [string, StatePatch])[1]));
      if (conns[0] === conn) payloadBytes = Buffer.byteLength(text);
    });
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(conn);
    });
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`ws_error: ${e.message}`));
    });
  });
}

serve({
  async connect(p: ConnectParams): Promise<ConnectResult> {
    const errors: Record<string, number> = {};
    const queue = [...p.tokens];
    const open = (token: string) =>
      p.mode === 'ws' ? openWs(p) : p.mode === 'socketio-floor' ? openSocketIoFloor(p) : openSocketIo(p, token);
    const run = async () => {
      for (let token = queue.shift(); token !== undefined; token = queue.shift()) {
        try {
          conns.push(await open(token));
        } catch (error) {
          const kind = (error as Error).message;
          errors[kind] = (errors[kind] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: p.concurrency }, run));
    return { connected: conns.length, errors, payloadBytes };
  },
  record() {
    for (const c of conns) {
      c.versions = [];
      c.times = [];
    }
    recording = true;
    syncs = 0;
    cpuStart = process.cpuUsage();
    wallStart = now();
  },
  /** `sent`: [version, time the moderator sent the command], ascending. */
  collect({ sent }: { sent: [number, number][] }): CollectResult {
    recording = false;
    const cpu = process.cpuUsage(cpuStart);
    const cpuCores = (cpu.user + cpu.system) / 1000 / (now() - wallStart);
    const latency = histogram();
    let missing = 0;
    let received = 0;
    const worst = sent.map(() => 0);
    for (const c of conns) {
      received += c.versions.length;
      let j = 0;
      sent.forEach(([version, at], k) => {
        while (j < c.versions.length && (c.versions[j] ?? 0) < version) j++;
        const t = c.times[j];
        if (t === undefined) missing++;
        else {
          record(latency, t - at);
          worst[k] = Math.max(worst[k] ?? 0, t - at);
        }
      });
    }
    return { latency, cpuCores, missing, received, worst, followers, syncs };
  },
  payload: () => ({ bytes: payloadBytes, sample }),
  close() {
    for (const c of conns) c.close();
    conns = [];
    sampling = false;
    followers = 0;
  },
});
