import { beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { connect, connected, createRoundtable, join, send } from '../support/clients.js';
import { openDocument, closeDocuments } from '../support/documents.js';
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
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${rt.roundtableId}?key=${rt.moderatorSecret}`);
  await new Promise((resolve) => ws.once('open', resolve));
  for (const junk of [[0, 2, 200, 1, 2, 3], [0, 9], [77], [0, 0, 255, 255, 255, 255, 15]]) ws.send(Buffer.from(junk));
  ws.close();
  const writer = open(rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
