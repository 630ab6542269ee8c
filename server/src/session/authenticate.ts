import {
  actorFor,
  audienceOf,
  refusal,
  type Actor,
  type Audience,
  type Credential,
  type Failure,
} from '@roundtable/shared';
import type { Roundtables } from '../roundtables.js';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';
import { rooms } from './rooms.js';

/** Who is on the other end of a connection or request, resolved once from its secret. */
export interface Session {
  roundtableId: string;
  /** What the secret stands for; re-resolved against the state at every command (roundtables.ts). */
  credential: Credential;
  actor: Actor;
  audience: Audience;
  rooms: {
    /** Everyone who sees the same view of the roundtable. */
    audience: string;
    /** This person's or link's sessions on every transport (see rooms.ts). */
    own: string;
  };
}

export interface Gate {
  roundtables: Roundtables;
  store: Store;
}

/** Link secrets and device tokens: base64url, at least 128 bits. Anything else is not looked up. */
const SECRET = /^[A-Za-z0-9_-]{16,200}$/;

/**
 * The one way in, for Socket.IO's handshake, the document's upgrade and every HTTP route with a key.
 * No secret is `no_key`; a secret this roundtable does not know, or a roundtable that does not exist,
 * is the same `unknown_key`, so a caller without a key learns nothing about which roundtables exist.
 * A known secret of a revoked link, a removed or a banned person is turned away by actorFor(); one of
 * an archived roundtable is told `roundtable_archived` (archived roundtables are served to nobody).
 */
export async function authenticate(
  gate: Gate,
  roundtableId: string,
  secret: string | undefined,
): Promise<Session | Failure> {
  if (secret === undefined || secret === '') return refusal('no_key');
  const state = SECRET.test(secret) ? await gate.roundtables.get(roundtableId) : undefined;
  const credential = state && (await gate.store.findCredential(state.id, hashSecret(secret)));
  if (!state && SECRET.test(secret) && (await archivedFor(gate.store, roundtableId, secret))) {
    return refusal('roundtable_archived');
  }
  if (!state || !credential) return refusal('unknown_key');
  const who = actorFor(state, credential);
  if (!who.ok) return who;
  return sessionOf(state.id, credential, who.actor);
}

/** Whether the roundtable is archived and the secret one of its own: only they learn that it is. */
async function archivedFor(store: Store, roundtableId: string, secret: string): Promise<boolean> {
  if (typeof (await store.archivedAt(roundtableId)) !== 'number') return false;
  return (await store.findCredential(roundtableId, hashSecret(secret))) !== undefined;
}

/** A session as it is after its actor changes (a new role, admitted from waiting): new audience, same own room. */
export function sessionOf(roundtableId: string, credential: Credential, actor: Actor): Session {
  const audience = audienceOf(actor);
  return {
    roundtableId,
    credential,
    actor,
    audience,
    rooms: { audience: rooms.audience(roundtableId, audience), own: rooms.own(roundtableId, credential) },
  };
}

export const isSession = (result: Session | Failure): result is Session => !('ok' in result);
