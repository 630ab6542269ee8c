import type http from 'node:http';
import { can } from '@roundtable/shared';
import type { Roundtables } from '../roundtables.js';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';
import { CLOSE, KEY_PROTOCOL_PREFIX, SUBPROTOCOL } from './messages.js';

export const YJS_PATH = '/yjs/';

export type Admission =
  { ok: true; roundtableId: string; readOnly: boolean; who: string } | { ok: false; code: number; reason: string };

/**
 * The secret a client offers as the subprotocol `key.<secret>`. A header, unlike the URL, is not
 * written to a reverse proxy's access log; the server answers with `roundtable` only, so the secret is
 * not echoed back either.
 */
export function offeredKey(req: http.IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  const offered = header.split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(KEY_PROTOCOL_PREFIX))?.slice(KEY_PROTOCOL_PREFIX.length);
}

/** ws's `handleProtocols`: select ours when offered; never a `key.` one, which would echo the secret. */
export function selectProtocol(offered: Set<string>): string | false {
  return offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false;
}

/** The same can() as everywhere: read to open the document, write to change it. */
export function admit(req: http.IncomingMessage, roundtables: Roundtables, store: Store): Admission {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Refused even alongside a good header: whoever still sends it keeps the secret in someone's logs.
  if (url.searchParams.has('key')) {
    return {
      ok: false,
      code: CLOSE.unauthenticated,
      reason: 'The key is not accepted in the URL; offer it as the subprotocol key.<secret>.',
    };
  }
  let roundtableId: string;
  try {
    roundtableId = decodeURIComponent(url.pathname.slice(YJS_PATH.length));
  } catch {
    return { ok: false, code: CLOSE.notFound, reason: 'No such roundtable.' };
  }
  const state = roundtables.get(roundtableId);
  if (!state) return { ok: false, code: CLOSE.notFound, reason: 'No such roundtable.' };
  const key = offeredKey(req) ?? '';
  const credential = key.length >= 16 ? store.findCredential(state.id, hashSecret(key)) : undefined;
  if (!credential)
    return { ok: false, code: CLOSE.unauthenticated, reason: 'A valid link or participant identity is needed.' };
  const who = roundtables.actorOf(state, { credential });
  if (!who.ok) return { ok: false, code: CLOSE.unauthenticated, reason: who.message };
  if (!can(who.actor, 'document.read', state)) {
    return { ok: false, code: CLOSE.forbidden, reason: 'The outcome document has not been published yet.' };
  }
  const id = credential.kind === 'link' ? `l:${credential.linkId}` : `p:${credential.participantId}`;
  return { ok: true, roundtableId: state.id, readOnly: !can(who.actor, 'document.write', state), who: id };
}
