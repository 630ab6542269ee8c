import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { covers } from '../src/lib/document/saved';

/** A "server" copy that has received everything the "device" had at the time of the call. */
function serverOf(device: Y.Doc): Y.Doc {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
  return server;
}

describe('covers: is everything on this device stored?', () => {
  it('is true for an empty document and for a stored one', () => {
    const device = new Y.Doc();
    expect(covers(null, Y.snapshot(device))).toBe(true);
    device.getText('t').insert(0, 'Қазақстан');
    expect(covers(null, Y.snapshot(device))).toBe(false);
    expect(covers(Y.snapshot(serverOf(device)), Y.snapshot(device))).toBe(true);
  });

  it('sees a typed change the server has not stored', () => {
    const device = new Y.Doc();
    device.getText('t').insert(0, 'Граница');
    const stored = Y.snapshot(serverOf(device));
    device.getText('t').insert(7, ' и кибер');
    expect(covers(stored, Y.snapshot(device))).toBe(false);
  });

  it('sees a deletion the server has not stored, though the state vector is unchanged', () => {
    const device = new Y.Doc();
    device.getText('t').insert(0, 'Lessons learned');
    const stored = Y.snapshot(serverOf(device));
    device.getText('t').delete(0, 8);
    expect(Y.encodeStateVector(device)).toEqual(Y.encodeStateVector(serverOf(device)));
    expect(covers(stored, Y.snapshot(device))).toBe(false);
    expect(covers(Y.snapshot(serverOf(device)), Y.snapshot(device))).toBe(true);
  });

  it('counts changes another writer made and the server relayed as stored', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'Next steps');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
    const device = new Y.Doc();
    Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
    expect(covers(Y.snapshot(server), Y.snapshot(device))).toBe(true);
  });
});
