import type http from 'node:http';
import { beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRoundtable, join } from '../support/clients.js';
import { documentProtocols, openDocument, openRawDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
/** What the server saw of every document upgrade: what a reverse proxy would write to its access log. */
let seen: { url: string; protocols: string }[];
beforeEach(() => {
  server = running.current;
  seen = [];
  server.app.httpServer.on('upgrade', (req: http.IncomingMessage) => {
    if (req.url?.startsWith('/yjs/'))
      seen.push({ url: req.url, protocols: req.headers['sec-websocket-protocol'] ?? '' });
  });
});

/** The close a raw socket gets, and the subprotocol the server answered its upgrade with. */
function outcome(ws: WebSocket) {
  const answered = new Promise<string | undefined>((resolve) =>
    ws.once('upgrade', (res: http.IncomingMessage) => resolve(res.headers['sec-websocket-protocol'])),
  );
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { answered, closed };
}

it('takes the secret from the subprotocol, answers only "roundtable", and keeps the secret out of the URL across reconnections', async () => {
  const rt = await createRoundtable(server.url);
  const writer = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  expect(writer.provider.ws?.protocol).toBe('roundtable');
  writer.provider.disconnect();
  writer.provider.connect();
  await expect.poll(() => writer.provider.synced).toBe(true);

  const raw = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  const { answered } = outcome(raw);
  expect(await answered).toBe('roundtable');
  raw.close();

  expect(seen).toHaveLength(3);
  for (const { url, protocols } of seen) {
    expect(url).toBe(`/yjs/${rt.roundtableId}`);
    expect(url).not.toContain(rt.moderatorSecret);
    expect(protocols).toContain(`key.${rt.moderatorSecret}`);
  }
});

it('refuses a key in the query string, even beside a good subprotocol, with a reason that says where it goes', async () => {
  const rt = await createRoundtable(server.url);
  const base = `${server.url.replace('http', 'ws')}/yjs/${rt.roundtableId}`;
  const offers = [undefined, documentProtocols(rt.moderatorSecret)];
  for (const protocols of offers) {
    const ws = new WebSocket(`${base}?key=${rt.moderatorSecret}`, protocols);
    const closed: { code?: number; reason?: string } = {};
    ws.once('close', (code, reason) => Object.assign(closed, { code, reason: reason.toString() }));
    await expect.poll(() => closed.code, { timeout: 5_000 }).toBe(4401);
    expect(closed.reason).toMatch(/not accepted in the URL/);
  }
});

it('refuses a wrong or missing key with 4401, and a participant before publication with 4403', async () => {
  const rt = await createRoundtable(server.url);
  const wrong = outcome(openRawDocument(server.url, rt.roundtableId, 'x'.repeat(22)));
  expect(await wrong.answered).toBe('roundtable');
  expect((await wrong.closed).code).toBe(4401);
  const none = outcome(new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${rt.roundtableId}`, ['roundtable']));
  expect((await none.closed).code).toBe(4401);
  const p = await join(server.url, rt.joinCode, 'Reader');
  expect((await outcome(openRawDocument(server.url, rt.roundtableId, p.token)).closed).code).toBe(4403);
});

it('refuses a roundtable id that is not valid percent-encoding with 4404, and stays up', async () => {
  const rt = await createRoundtable(server.url);
  const unknown = outcome(openRawDocument(server.url, '%E0%A4%A', rt.moderatorSecret));
  expect((await unknown.closed).code).toBe(4404);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
