import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { closeAll, connect, connected, createRoundtable, join, send } from '../../tests/support/clients';
import { openDocument } from '../../tests/support/documents';
import { useServer } from '../../tests/support/server';
import { DocumentSession, FRAGMENT } from '../src/lib/document/session.svelte';
import { browserAt } from './support/browser';
import * as Y from 'yjs';

// Node has no IndexedDB: this device's copy is a no-op, and what these tests check is the server's word.
vi.mock('y-indexeddb', () => ({
  IndexeddbPersistence: class {
    destroy = () => Promise.resolve();
  },
}));

const server = useServer();
const sessions: DocumentSession[] = [];
beforeEach(() => void browserAt(server.current.url));
afterEach(() => {
  for (const session of sessions.splice(0)) session.destroy();
  closeAll();
  vi.unstubAllGlobals();
});

function open(roundtableId: string, key: string): DocumentSession {
  const session = new DocumentSession(roundtableId, key, () => true);
  sessions.push(session);
  return session;
}

it('says "saved" only once the server reports storing every change on this device', async () => {
  const rt = await createRoundtable(server.current.url);
  const session = open(rt.roundtableId, rt.moderatorSecret);
  await expect.poll(() => session.status).toBe('saved');
  const stored = session.provider.messageHandlers[4]!;
  const outline = session.doc.getXmlFragment(FRAGMENT);
  // With the server's "stored" messages dropped, an edit the server has (a reader sees it) stays unsaved.
  session.provider.messageHandlers[4] = () => undefined;
  outline.insert(0, [new Y.XmlText('Итоги')]);
  expect(session.status).toBe('saving');
  const reader = openDocument(server.current.url, rt.roundtableId, rt.moderatorSecret);
  await expect.poll(() => reader.doc.getXmlFragment(FRAGMENT).toString()).toContain('Итоги');
  expect(session.status).toBe('saving');
  session.provider.messageHandlers[4] = stored;
  outline.insert(1, [new Y.XmlText('Келесі қадамдар')]);
  expect(session.status).toBe('saving');
  await expect.poll(() => session.status).toBe('saved');
  expect(session.unsaved).toBe(false);
});

it('is read-only for a participant once the document is published, and never counts as unsaved', async () => {
  const rt = await createRoundtable(server.current.url);
  const phone = await join(server.current.url, rt.joinCode, 'Reader');
  const moderator = connect(server.current.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'document.setPublished', published: true })).toMatchObject({ ok: true });
  const session = open(rt.roundtableId, phone.token);
  await expect.poll(() => session.readOnly).toBe(true);
  await expect.poll(() => session.status).toBe('saved');
  expect(session.error).toBeNull();
});
