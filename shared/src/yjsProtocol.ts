/**
 * The outcome document's wire, as both ends read it (docs/PROTOCOL.md): y-websocket's message types
 * plus two of ours that the client registers handlers for, the close codes, the subprotocols and the
 * ProseMirror fragment the server writes the outline into.
 */
export const YJS_MESSAGE = {
  sync: 0,
  awareness: 1,
  queryAwareness: 3,
  /** Server → client: a snapshot of what is stored on disk, so "Saved" never lies. */
  stored: 4,
  /** Server → client: a JSON Failure the editor shows (read-only, document full…). */
  error: 5,
} as const;

/**
 * WebSocket close codes; 4400–4499 tell y-websocket's provider not to reconnect. `malformed`: the
 * connection kept sending what the protocol cannot read, so retrying would only repeat it.
 */
export const YJS_CLOSE = {
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  internal: 4500,
  /** The key holds as many document connections as it may; outside 44xx, so the provider retries later. */
  tooMany: 4529,
  /** Rights changed (a new role, publication withdrawn): the provider reconnects and is admitted afresh. */
  reconnect: 1012,
} as const;

/**
 * The WebSocket subprotocols a client offers: `roundtable`, the only one the server ever answers with,
 * and `key.<secret>`, which carries the secret in a header instead of the URL that proxies log.
 */
export const YJS_SUBPROTOCOL = 'roundtable';
export const YJS_KEY_PROTOCOL_PREFIX = 'key.';

/** The ProseMirror fragment of the outcome document. */
export const YJS_FRAGMENT = 'default';
