import { afterEach, beforeEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { closeAll, connect, connected, createRoundtable, join, send } from '../support/clients.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const providers: WebsocketProvider[] = [];
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  closeAll();
  await server.stop();
});

function open(roundtableId: string, key: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}/yjs`, roundtableId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { key },
    // Providers in one process would otherwise talk over BroadcastChannel and bypass the server.
    disableBc: true,
  });
  // Our extra message types (stored state vector, errors) are read by the app's editor, not by this test.
  provider.messageHandlers[4] = () => undefined;
  provider.messageHandlers[5] = () => undefined;
  providers.push(provider);
  return { doc, provider, synced: new Promise<void>((resolve) => provider.once('sync', () => resolve())) };
}

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
  for (const p of providers.splice(0)) p.destroy();

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

  for (const x of providers.splice(0)) x.destroy();
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
