/**
 * A child process playing phones in a join storm: each joins through POST /api/join on a connection
 * of its own (as a phone would), then opens its socket; it is usable once it holds `me` and `state`.
 */
import http from 'node:http';
import { connectSocket, deviceToken, joinBody, type RoundtableSocket } from '../lib/api.js';
import { now, sleep } from '../lib/clock.js';
import { histogram, record, type Histogram } from '../lib/histogram.js';
import { serve } from '../lib/rpc.js';

export interface StormParams {
  url: string;
  code: string;
  roundtableId: string;
  /** Which of the `total` phones are this process's; phone i starts at startAt + i · windowMs / total. */
  indices: number[];
  total: number;
  startAt: number;
  windowMs: number;
  timeoutMs: number;
}

export interface StormResult {
  ok: number;
  usable: Histogram;
  joinHttp: Histogram;
  errors: Record<string, number>;
}

const sockets: RoundtableSocket[] = [];

function postJoin(
  url: string,
  body: unknown,
): Promise<{ status: number; body: { participantId?: string; code?: string } }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      `${url}/api/join`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text) as { participantId?: string; code?: string },
            });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: { code: 'unparsable' } });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function usable(p: StormParams, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const { socket } = connectSocket(p.url, p.roundtableId, token);
    sockets.push(socket);
    let me = false;
    let state = false;
    const timer = setTimeout(() => reject(new Error('socket_timeout')), p.timeoutMs);
    const check = () => {
      if (!me || !state) return;
      clearTimeout(timer);
      resolve();
    };
    socket.once('me', () => ((me = true), check()));
    socket.once('state', () => ((state = true), check()));
    socket.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(new Error(`connect_error: ${e.message.split(':')[0]}`));
    });
  });
}

async function phone(p: StormParams, i: number, out: StormResult): Promise<void> {
  const wait = p.startAt + (i * p.windowMs) / p.total - now();
  if (wait > 0) await sleep(wait);
  const t0 = now();
  const token = deviceToken();
  try {
    const res = await postJoin(p.url, joinBody(p.code, token, i)).catch((e: Error) => {
      throw new Error(`http_error: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
    });
    if (res.status !== 200) throw new Error(`http_${res.status}: ${res.body.code ?? ''}`);
    record(out.joinHttp, now() - t0);
    await usable(p, token);
    record(out.usable, now() - t0);
    out.ok++;
  } catch (error) {
    const kind = (error as Error).message;
    out.errors[kind] = (out.errors[kind] ?? 0) + 1;
  }
}

serve({
  async storm(p: StormParams): Promise<StormResult> {
    const out: StormResult = { ok: 0, usable: histogram(), joinHttp: histogram(), errors: {} };
    await Promise.all(p.indices.map((i) => phone(p, i, out)));
    return out;
  },
  close() {
    for (const s of sockets.splice(0)) s.close();
  },
});
