import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type {
  LinkRole,
  CommandAck,
  ClientToServerEvents,
  CreateRoundtableResponse,
  ServerToClientEvents,
} from '@roundtable/shared';
import type { Socket } from 'socket.io-client';
import { BASIC_ROUNDTABLE, connect, connected, post, send } from '../support/clients.js';
import { startServer, type TestServer } from '../support/server.js';

/** A JSON request with headers fetch() may not set (Host, X-Forwarded-*). */
function request<T>(
  server: TestServer,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: T }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const linkCommand = (baseVersion: number, role: LinkRole = 'projector') => ({
  baseVersion,
  command: { type: 'link.create' as const, role, label: 'Screen' },
});

/** Mints a link over Socket.IO on a connection whose handshake carried these headers. */
async function mintOverSocket(server: TestServer, rt: CreateRoundtableResponse, headers: Record<string, string>) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
    auth: { roundtableId: rt.roundtableId, token: rt.moderatorSecret },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  opened.push(socket);
  const state = await new Promise<{ version: number }>((resolve) => socket.once('state', resolve));
  return (await socket.emitWithAck('command', linkCommand(state.version))) as CommandAck;
}

let servers: TestServer[] = [];
const opened: Socket[] = [];
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.disconnect();
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});
async function serve(overrides: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(overrides);
  servers.push(server);
  return server;
}

describe('every link the server hands out follows one rule', () => {
  it('without PUBLIC_URL, uses the host the request came in on: creating, HTTP commands and Socket.IO commands', async () => {
    const server = await serve();
    const venue = { host: '192.168.1.20:3000' };
    const created = await request<CreateRoundtableResponse>(server, '/api/roundtables', BASIC_ROUNDTABLE, venue);
    expect(created.status).toBe(201);
    const rt = created.body;
    expect(rt.joinUrl).toBe(`http://192.168.1.20:3000/j/${rt.joinCode}`);
    expect(rt.moderatorUrl).toMatch(/^http:\/\/192\.168\.1\.20:3000\/r\/[^/]+\/moderate#key=/);

    const overHttp = await request<CommandAck>(server, `/api/roundtables/${rt.roundtableId}/commands`, linkCommand(1), {
      ...venue,
      authorization: `Bearer ${rt.moderatorSecret}`,
    });
    expect(overHttp.body.ok && overHttp.body.result?.url).toMatch(
      /^http:\/\/192\.168\.1\.20:3000\/r\/[^/]+\/projector#key=/,
    );

    const overSocket = await mintOverSocket(server, rt, { host: 'roundtable.venue.lan:8080' });
    expect(overSocket.ok && overSocket.result?.url).toMatch(
      /^http:\/\/roundtable\.venue\.lan:8080\/r\/[^/]+\/projector#/,
    );

    // A client that sends the Host it reached (every browser does) gets links to that same address.
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    await connected(moderator);
    const plain = await send(moderator, { type: 'link.create', role: 'rapporteur', label: '' });
    expect(plain.ok && plain.result?.url).toMatch(new RegExp(`^${server.url}/r/${rt.roundtableId}/report#key=`));
    moderator.disconnect();
  });

  it('with PUBLIC_URL, uses it whatever host a request names', async () => {
    const server = await serve({ publicUrl: 'https://roundtable.example.org' });
    const other = { host: '10.0.0.5:3000' };
    const rt = (await request<CreateRoundtableResponse>(server, '/api/roundtables', BASIC_ROUNDTABLE, other)).body;
    expect(rt.joinUrl).toBe(`https://roundtable.example.org/j/${rt.joinCode}`);
    expect(rt.moderatorUrl.startsWith('https://roundtable.example.org/r/')).toBe(true);
    const overHttp = await request<CommandAck>(server, `/api/roundtables/${rt.roundtableId}/commands`, linkCommand(1), {
      ...other,
      authorization: `Bearer ${rt.moderatorSecret}`,
    });
    expect(overHttp.body.ok && overHttp.body.result?.url).toMatch(/^https:\/\/roundtable\.example\.org\/r\//);
    const overSocket = await mintOverSocket(server, rt, other);
    expect(overSocket.ok && overSocket.result?.url).toMatch(/^https:\/\/roundtable\.example\.org\/r\//);
  });

  it('takes X-Forwarded-Proto and -Host only behind a trusted proxy, and ignores a Host that is not a host', async () => {
    const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'rt.example.org' };
    const direct = await serve();
    const ignored = await request<CreateRoundtableResponse>(direct, '/api/roundtables', BASIC_ROUNDTABLE, forwarded);
    expect(ignored.body.joinUrl.startsWith('http://127.0.0.1:3000/j/')).toBe(true);
    const hostile = await request<CreateRoundtableResponse>(direct, '/api/roundtables', BASIC_ROUNDTABLE, {
      host: 'evil.example/phish?',
    });
    expect(hostile.body.joinUrl.startsWith(`${direct.url}/j/`)).toBe(true);

    const proxied = await serve({ trustProxy: true });
    const trusted = await request<CreateRoundtableResponse>(proxied, '/api/roundtables', BASIC_ROUNDTABLE, forwarded);
    expect(trusted.body.joinUrl.startsWith('https://rt.example.org/j/')).toBe(true);
    const overSocket = await mintOverSocket(proxied, trusted.body, forwarded);
    expect(overSocket.ok && overSocket.result?.url).toMatch(/^https:\/\/rt\.example\.org\/r\//);
  });
});

describe('creating a roundtable', () => {
  it('needs only a title and its languages: what may be empty may be left out', async () => {
    const server = await serve();
    const created = await post<CreateRoundtableResponse>(server.url, '/api/roundtables', {
      title: { en: 'Roundtable' },
      languages: ['en'],
    });
    expect(created.status).toBe(201);
    const moderator = connect(server.url, created.body.roundtableId, created.body.moderatorSecret);
    expect(await connected(moderator)).toMatchObject({
      description: '',
      startsAt: null,
      timeZone: 'UTC',
      venue: '',
      organisers: [],
      delegations: [],
      agenda: [],
    });
    moderator.disconnect();

    const untitled = await post<{ ok: false; code: string; message: string }>(server.url, '/api/roundtables', {
      languages: ['en'],
    });
    expect(untitled.status).toBe(400);
    expect(untitled.body.message).toMatch(/title/);
  });
});
