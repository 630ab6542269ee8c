import * as decoding from 'lib0/decoding';
import { beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { connect, connected, createRoundtable, join, send } from '../support/clients.js';
import { openDocument, openRawDocument, closeDocuments } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const open = (roundtableId: string, key: string) => openDocument(server.url, roundtableId, key);

const closeCode = (provider: WebsocketProvider) =>
  new Promise<number>((resolve) => provider.on('connection-close', (event) => resolve(event?.code ?? 0)));

it('relays a writer’s edits to other writers and keeps them across a restart', async () => {
  const rt = await createRoundtable(server.url);
  const a = open(rt.roundtableId, rt.moderatorSecret);
  const b = open(rt.roundtableId, rt.moderatorSecret);
  await Promise.all([a.synced, b.synced]);
  expect(a.doc.getXmlFragment('default').length).toBeGreaterThan(0);
  a.doc.getText('notes').insert(0, 'Қазақстан: шекара қауіпсіздігі');
  await expect.poll(() => b.doc.getText('notes').toString()).toBe('Қазақстан: шекара қауіпсіздігі');
  closeDocuments();

  await server.restart();
  const c = open(rt.roundtableId, rt.moderatorSecret);
  await c.synced;
  expect(c.doc.getText('notes').toString()).toBe('Қазақстан: шекара қауіпсіздігі');
});

it('keeps participants out until publication, then lets them read but never write', async () => {
  const rt = await createRoundtable(server.url);
  const p = await join(server.url, rt.joinCode, 'Reader');
  const refused = open(rt.roundtableId, p.token);
  expect(await closeCode(refused.provider)).toBe(4403);

  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'document.setPublished', published: true })).toMatchObject({ ok: true });
  const writer = open(rt.roundtableId, rt.moderatorSecret);
  const reader = open(rt.roundtableId, p.token);
  await Promise.all([writer.synced, reader.synced]);
  reader.doc.getText('notes').insert(0, 'not allowed');
  writer.doc.getText('notes').insert(0, 'official');
  await expect.poll(() => reader.doc.getText('notes').toString()).toContain('official');
  expect(writer.doc.getText('notes').toString()).toBe('official');

  closeDocuments();
  await server.restart();
  const check = open(rt.roundtableId, rt.moderatorSecret);
  await check.synced;
  expect(check.doc.getText('notes').toString()).toBe('official');
});

it('refuses malformed binary messages without crashing', async () => {
  const rt = await createRoundtable(server.url);
  const ws = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await new Promise((resolve) => ws.once('open', resolve));
  for (const junk of [[0, 2, 200, 1, 2, 3], [0, 9], [77], [0, 0, 255, 255, 255, 255, 15]]) ws.send(Buffer.from(junk));
  ws.close();
  const writer = open(rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});

/** The errors (type 5) a raw socket is sent, and how it was closed. */
function watch(ws: WebSocket) {
  const errors: string[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) === 5)
      errors.push((JSON.parse(decoding.readVarString(decoder)) as { code: string }).code);
  });
  const seen = { errors, closed: undefined as number | undefined };
  ws.once('close', (code) => (seen.closed = code));
  return seen;
}

it('answers the first few malformed messages of a connection, then closes it with 4400, readers included', async () => {
  const rt = await createRoundtable(server.url);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'document.setPublished', published: true })).toMatchObject({ ok: true });
  const p = await join(server.url, rt.joinCode, 'Phone');
  for (const key of [rt.moderatorSecret, p.token]) {
    const ws = openRawDocument(server.url, rt.roundtableId, key);
    const seen = watch(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    // Unknown types, a truncated sync message, an empty frame, a text frame: twelve in all.
    for (let i = 0; i < 3; i++) for (const junk of [[77], [0, 0, 5], []]) ws.send(Buffer.from(junk));
    ws.send('hello', { binary: false });
    ws.send(Buffer.from([99]));
    ws.send(Buffer.from([98]));
    await expect.poll(() => seen.closed).toBe(4400);
    expect(seen.errors.filter((code) => code === 'invalid')).toHaveLength(3);
  }
  // A connection under the limit is not closed: it still syncs.
  const ws = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  const { errors } = watch(ws);
  await new Promise((resolve) => ws.once('open', resolve));
  for (let i = 0; i < 5; i++) ws.send(Buffer.from([77]));
  const synced = new Promise((resolve) =>
    ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(true)),
  );
  ws.send(Buffer.from([0, 0, 1, 0])); // sync step 1 with an empty state vector
  expect(await synced).toBe(true);
  expect(errors).toEqual(['invalid', 'invalid', 'invalid']);
  expect(ws.readyState).toBe(WebSocket.OPEN);
  ws.close();
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
