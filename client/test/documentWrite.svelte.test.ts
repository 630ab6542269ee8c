import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { closeAll, connect, connected, createRoundtable, join, send } from '../../tests/support/clients';
import { useServer } from '../../tests/support/server';
import { RoundtableConnection } from '../src/lib/connection.svelte';
import { DocumentSession } from '../src/lib/document/session.svelte';
import { browserAt } from './support/browser';

// Node has no IndexedDB: this device's copy is a no-op.
vi.mock('y-indexeddb', () => ({
  IndexeddbPersistence: class {
    destroy = () => Promise.resolve();
  },
}));

const server = useServer();
const open: { close(): void }[] = [];
beforeEach(() => void browserAt(server.current.url));
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  closeAll();
  vi.unstubAllGlobals();
});

/** The rapporteur page's pair: the roundtable's connection, and the document gated by what can() says of it. */
function editorFor(roundtableId: string, key: string) {
  const connection = new RoundtableConnection(roundtableId, key);
  const session = new DocumentSession(roundtableId, key, () => connection.may('document.write'));
  open.push(connection, { close: () => session.destroy() });
  return { connection, session };
}

it('takes no typing until the server has said who this is, then follows the rules as the review freezes it', async () => {
  const rt = await createRoundtable(server.current.url);
  const { connection, session } = editorFor(rt.roundtableId, rt.moderatorSecret);
  expect(connection.state).toBeNull();
  expect(session.readOnly).toBe(true);
  // Not the "you only read" hint: the rules have not been asked yet.
  expect(session.reader).toBe(false);
  await expect.poll(() => session.readOnly).toBe(false);

  const moderator = connect(server.current.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'review.open', deadline: Date.now() + 3_600_000 })).toMatchObject({ ok: true });
  await expect.poll(() => connection.state?.review.status).not.toBe('writing');
  expect(session.readOnly).toBe(true);
  expect(await send(moderator, { type: 'review.reopen' })).toMatchObject({ ok: true });
  await expect.poll(() => session.readOnly).toBe(false);
  expect(await send(moderator, { type: 'roundtable.end' })).toMatchObject({ ok: true });
  await expect.poll(() => session.readOnly).toBe(true);
});

it('stays read-only for a participant, whose actor can() never lets write', async () => {
  const rt = await createRoundtable(server.current.url);
  const phone = await join(server.current.url, rt.joinCode, 'Reader');
  const { connection, session } = editorFor(rt.roundtableId, phone.token);
  await expect.poll(() => connection.state).not.toBeNull();
  expect(session.readOnly).toBe(true);
});
