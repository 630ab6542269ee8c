import * as encoding from 'lib0/encoding';
import { beforeEach, expect, it } from 'vitest';
import { createRoundtable } from '../support/clients.js';
import { openDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

type Opened = ReturnType<typeof openDocument>;

/** An awareness message (type 1) naming whatever client ids and clocks its sender likes. */
function awarenessMessage(
  entries: { clientId: number; clock: number; state: object | null }[],
): Uint8Array<ArrayBuffer> {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return new Uint8Array(encoding.toUint8Array(message));
}

const nameOf = (seer: Opened, of: Opened) =>
  (seer.provider.awareness.getStates().get(of.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name;

const clockOf = (of: Opened) => of.provider.awareness.meta.get(of.doc.clientID)?.clock ?? 0;

it('lets a writer set only its own presence: another editor’s caret and name cannot be overwritten or removed', async () => {
  const rt = await createRoundtable(server.url);
  const aigerim = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  const pieter = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  const witness = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await Promise.all([aigerim.synced, pieter.synced, witness.synced]);
  aigerim.provider.awareness.setLocalStateField('user', { name: 'Aigerim', color: '#1f77b4' });
  aigerim.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
  pieter.provider.awareness.setLocalStateField('user', { name: 'Pieter', color: '#ff7f0e' });
  for (const seer of [pieter, witness]) await expect.poll(() => nameOf(seer, aigerim)).toBe('Aigerim');
  await expect.poll(() => nameOf(witness, pieter)).toBe('Pieter');

  // Pieter's connection claims Aigerim's client id, with a clock that would win, beside an update of its own.
  const spoof = { user: { name: 'Mallory', color: '#000000' }, cursor: { anchor: 0, head: 0 } };
  let clock = clockOf(pieter) + 10;
  const own = (name: string) => ({ clientId: pieter.doc.clientID, clock: clock++, state: { user: { name } } });
  pieter.provider.ws!.send(
    awarenessMessage([
      { clientId: aigerim.doc.clientID, clock: clockOf(aigerim) + 100, state: spoof },
      own('Pieter (2)'),
    ]),
  );
  // What follows on the same connection shows the spoof was handled: Pieter's own entry still counts.
  await expect.poll(() => nameOf(witness, pieter)).toBe('Pieter (2)');
  pieter.provider.ws!.send(
    awarenessMessage([{ clientId: aigerim.doc.clientID, clock: clockOf(aigerim) + 200, state: null }]),
  );
  pieter.provider.ws!.send(awarenessMessage([own('Pieter (3)')]));
  await expect.poll(() => nameOf(witness, pieter)).toBe('Pieter (3)');

  for (const seer of [aigerim, witness]) {
    expect(nameOf(seer, aigerim)).toBe('Aigerim');
    expect(seer.provider.awareness.getStates().get(aigerim.doc.clientID)).toMatchObject({ cursor: { anchor: 3 } });
  }
  // A newcomer is sent the same, from the server's own copy.
  const late = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await late.synced;
  await expect.poll(() => nameOf(late, aigerim)).toBe('Aigerim');
  expect(nameOf(late, pieter)).toBe('Pieter (3)');

  // Once Aigerim leaves, her presence goes, for everyone.
  aigerim.provider.destroy();
  await expect.poll(() => witness.provider.awareness.getStates().has(aigerim.doc.clientID)).toBe(false);
});
