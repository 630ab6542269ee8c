/**
 * The floor for the fan-out: the least a Node WebSocket server can do to broadcast one payload.
 * Participants connect to /; a moderator connects to /moderator, sends once `{ "template": state }`
 * (a change our server sent: a patch), then `{ "v": N }` per change; the server encodes the template
 * with version N once and sends it to every participant. Same bytes and the same JSON to parse as ours.
 */
import http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const participants = new Set<WebSocket>();
const server = http.createServer((_req, res) => res.end('floor'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (ws, req) => {
  if (req.url === '/moderator') {
    let template: object = {};
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { v: number } | { template: object };
      if ('template' in message) {
        template = message.template;
        return;
      }
      const payload = JSON.stringify(['patch', { ...template, version: message.v }]);
      for (const p of participants) p.send(payload);
    });
    return;
  }
  participants.add(ws);
  ws.on('close', () => participants.delete(ws));
});

server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
