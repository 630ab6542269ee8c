import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A caret, a name and a colour take a few hundred bytes; a larger state is relayed to nobody. */
export const MAX_AWARENESS_STATE_CHARS = 4096;
/** One editor's tab has one client id; a reload opens a new connection. A few more allow for odd clients. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/** One entry of a y-protocols awareness update, its state kept as the JSON text it came as. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
  /** A `null` state: the client is gone. */
  removal: boolean;
}

/**
 * Reads an awareness update (varUint count, then per entry varUint client id, varUint clock, varString
 * JSON state) in full, so a malformed one throws before anything is applied. A state is an object or
 * null: editors read fields of it, and nothing else is ever sent by a real client.
 */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  // Each entry takes at least three bytes, so a huge count runs out of message, and throws, quickly.
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > MAX_AWARENESS_STATE_CHARS) throw new Error('An awareness state is larger than 4 KiB.');
    const state: unknown = JSON.parse(json);
    if (typeof state !== 'object' || Array.isArray(state)) throw new Error('An awareness state is not an object.');
    entries.push({ clientId, clock, json, removal: state === null });
  }
  return entries;
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Which connection each awareness client id belongs to: the first that gave it a state, until that
 * connection closes. Without this, a writer could move or remove another editor's caret and name by
 * sending their client id.
 */
export class AwarenessOwners<Connection> {
  private readonly owners = new Map<number, Connection>();
  private readonly owned = new Map<Connection, Set<number>>();

  /** `reserved`: the server's own client id, which no connection may take. */
  constructor(private readonly reserved: number) {}

  /** The entries `conn` may apply; a new id that arrives with a state becomes its own. */
  allowed(conn: Connection, entries: AwarenessEntry[]): AwarenessEntry[] {
    return entries.filter(({ clientId, removal }) => {
      if (clientId === this.reserved) return false;
      const owner = this.owners.get(clientId);
      if (owner !== undefined) return owner === conn;
      // An id nobody owns has no state to remove; a removal must not be a way to claim it.
      if (removal) return false;
      const mine = this.owned.get(conn) ?? new Set<number>();
      // Claiming thousands of ids would make every editor hold and relay thousands of carets.
      if (mine.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
      this.owners.set(clientId, conn);
      this.owned.set(conn, mine.add(clientId));
      return true;
    });
  }

  /** Lets go of the ids `conn` owned (it closed) and names them, so their states can be removed. */
  release(conn: Connection): number[] {
    const ids = [...(this.owned.get(conn) ?? [])];
    this.owned.delete(conn);
    for (const id of ids) this.owners.delete(id);
    return ids;
  }
}
