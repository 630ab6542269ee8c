/**
 * The floor for the fan-out: the least a Node WebSocket server can do to broadcast one payload.
 * A moderator connects to /moderator, sends once `{ "template": message }` (a change our server
 * sent: a patch), then `{ "v": N }` per change; the server encodes the template with version N
 * once and sends it to every participant. Same bytes and the same JSON to parse as ours.
 *
 * Participants are the very clients that connect to ours (`socket.io-client`): for them the floor
 * speaks the least of Engine.IO v4 and Socket.IO v5 that lets them connect and stay connected (the
 * open packet, the namespace connect, pings), and sends each change as one pre-encoded text frame
 * `42["patch",…]`. With `?raw` they are plain `ws` clients instead, sent `["patch",…]`.
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const PING_INTERVAL_MS = 25_000;
const engineIo = new Set<WebSocket>();
const raw = new Set<WebSocket>();
const server = http.createServer((_req, res) => res.end('floor'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
let sid = 0;

function moderator(ws: WebSocket): void {
  let diff: object = {};
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { v: number } | { template: [number, object, number?] };
    if ('template' in message) {
      diff = message.template[1];
      return;
    }
    // As ours sends version N: `[N - 1, diff]`, one version on.
    const body = JSON.stringify(['patch', [message.v - 1, diff]]);
    const framed = `42${body}`;
    for (const p of engineIo) p.send(framed);
    for (const p of raw) p.send(body);
  });
}

/** Engine.IO open, then Socket.IO's connect to "/" answered; "3" (pong) and anything else ignored. */
function participant(ws: WebSocket): void {
  const id = `floor${++sid}`;
  ws.send(
    `0${JSON.stringify({ sid: id, upgrades: [], pingInterval: PING_INTERVAL_MS, pingTimeout: 20_000, maxPayload: 1e6 })}`,
  );
  ws.on('message', (data) => {
    if (String(data).startsWith('40')) {
      ws.send(`40${JSON.stringify({ sid: id })}`);
      engineIo.add(ws);
    }
  });
  ws.on('close', () => engineIo.delete(ws));
}

wss.on('connection', (ws, req) => {
  if (req.url === '/moderator') return moderator(ws);
  if (req.url?.startsWith('/socket.io/')) return participant(ws);
  raw.add(ws);
  ws.on('close', () => raw.delete(ws));
});

setInterval(() => {
  for (const p of engineIo) p.send('2');
}, PING_INTERVAL_MS).unref();

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
