import type http from 'node:http';
import {
  can,
  refusal,
  YJS_CLOSE,
  YJS_KEY_PROTOCOL_PREFIX,
  YJS_SUBPROTOCOL,
  type ErrorCode,
  type Failure,
  type RoundtableState,
} from '@roundtable/shared';
import type { FrozenReason } from './peers.js';
import { authenticate, isSession, type Gate, type Session } from '../session/authenticate.js';

export const YJS_PATH = '/yjs/';

/** A session let in to a document, and whether it may change it. */
export type Admission = { ok: true; session: Session; readOnly: boolean; frozen: FrozenReason | null } | Failure;

/**
 * The secret a client offers as the subprotocol `key.<secret>`. A header, unlike the URL, is not
 * written to a reverse proxy's access log; the server answers with `roundtable` only, so the secret is
 * not echoed back either.
 */
export function offeredKey(req: http.IncomingMessage): string | undefined {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return undefined;
  const offered = header.split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(YJS_KEY_PROTOCOL_PREFIX))?.slice(YJS_KEY_PROTOCOL_PREFIX.length);
}

/** ws's `handleProtocols`: select ours when offered; never a `key.` one, which would echo the secret. */
export function selectProtocol(offered: Set<string>): string | false {
  return offered.has(YJS_SUBPROTOCOL) ? YJS_SUBPROTOCOL : false;
}

/** The same authenticate() and can() as everywhere: read to open the document, write to change it. */
export async function admit(req: http.IncomingMessage, gate: Gate): Promise<Admission> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Refused even alongside a good header: whoever still sends it keeps the secret in someone's logs.
  if (url.searchParams.has('key')) return refusal('key_in_url');
  let roundtableId: string;
  try {
    roundtableId = decodeURIComponent(url.pathname.slice(YJS_PATH.length));
  } catch {
    return refusal('roundtable_not_found');
  }
  const session = await authenticate(gate, roundtableId, offeredKey(req));
  if (!isSession(session)) return session;
  const state = await gate.roundtables.get(session.roundtableId);
  if (!state || !can(session.actor, 'document.read', state)) return refusal('document_forbidden');
  const readOnly = !can(session.actor, 'document.write', state);
  return { ok: true, session, readOnly, frozen: readOnly ? frozenFor(session, state) : null };
}

/** Why an editor may not write now: only for someone who could were the document not under review or final. */
function frozenFor(session: Session, state: RoundtableState): FrozenReason | null {
  if (state.endedAt !== null) {
    const running = { ...state, endedAt: null, review: { ...state.review, status: 'writing' as const } };
    return can(session.actor, 'document.write', running) ? 'roundtable_ended' : null;
  }
  const { status } = state.review;
  if (status === 'writing') return null;
  const writing = { ...state, review: { ...state.review, status: 'writing' as const } };
  if (!can(session.actor, 'document.write', writing)) return null;
  return status === 'final' ? 'final_frozen' : 'review_frozen';
}

/** How a refusal closes a document connection: 44xx is final for the provider, the rest it retries. */
const CLOSE_OF: Partial<Record<ErrorCode, number>> = {
  unauthenticated: YJS_CLOSE.unauthenticated,
  banned: YJS_CLOSE.unauthenticated,
  forbidden: YJS_CLOSE.forbidden,
  not_found: YJS_CLOSE.notFound,
  rate_limited: YJS_CLOSE.tooMany,
  internal: YJS_CLOSE.internal,
};

/** A WebSocket close reason holds at most 123 bytes. */
const MAX_REASON_BYTES = 123;

/** Closes with the failure's code and its English message, which a close reason can carry. */
export function closeWith(ws: { close(code: number, reason: string): void }, failure: Failure): void {
  let reason = failure.message;
  while (Buffer.byteLength(reason) > MAX_REASON_BYTES) reason = reason.slice(0, -1);
  ws.close(CLOSE_OF[failure.code] ?? YJS_CLOSE.malformed, reason);
}
