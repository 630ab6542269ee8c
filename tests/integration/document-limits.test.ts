import * as decoding from 'lib0/decoding';
import { afterEach, expect, it } from 'vitest';
import { createRoundtable } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { startServer, type TestServer } from '../support/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  closeDocuments();
  for (const s of servers.splice(0)) await s.stop();
});

/** A provider that records the server's error messages (type 5) instead of ignoring them. */
function openWithErrors(url: string, roundtableId: string, key: string) {
  const opened = openDocument(url, roundtableId, key);
  const errors: { code: string; message: string }[] = [];
  opened.provider.messageHandlers[5] = (_encoder, decoder) => {
    errors.push(JSON.parse(decoding.readVarString(decoder)) as { code: string; message: string });
  };
  return { ...opened, errors };
}

it('stops a document at its size limit with a clear error, keeping what was stored', async () => {
  const server = await startServer({ docMaxBytes: 16 * 1024 });
  servers.push(server);
  const rt = await createRoundtable(server.url);
  const writer = openWithErrors(server.url, rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  writer.doc.getText('notes').insert(0, 'Қысқа жазба. ');
  const reader = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await reader.synced;
  await expect.poll(() => reader.doc.getText('notes').toString()).toBe('Қысқа жазба. ');

  writer.doc.getText('notes').insert(13, 'Ұзын мәтін '.repeat(3000));
  await expect.poll(() => writer.errors.map((e) => e.code)).toContain('limit');
  expect(writer.errors.find((e) => e.code === 'limit')).toMatchObject({ reason: 'document_full' });

  closeDocuments();
  await server.restart();
  const fresh = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await fresh.synced;
  expect(fresh.doc.getText('notes').toString()).toBe('Қысқа жазба. ');
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});

it('compacts a document of many small updates without losing any, across a restart', async () => {
  const server = await startServer();
  servers.push(server);
  const rt = await createRoundtable(server.url);
  const writer = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await writer.synced;
  const reader = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await reader.synced;
  // More separate updates than the server keeps before rewriting the document as one (500).
  const text = writer.doc.getText('notes');
  for (let i = 0; i < 700; i++) {
    text.insert(text.length, `${i % 10}`);
    if (i % 50 === 0) await expect.poll(() => reader.doc.getText('notes').length).toBe(i + 1);
  }
  const written = text.toString();
  await expect.poll(() => reader.doc.getText('notes').toString()).toBe(written);

  closeDocuments();
  await server.restart();
  const fresh = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await fresh.synced;
  expect(fresh.doc.getText('notes').toString()).toBe(written);
});
