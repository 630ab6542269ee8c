import { refusal, type Failure } from './refusals.js';
import type { Actor } from './roles.js';
import type { RoundtableState } from './state.js';

/** A credential as the server stores it (without its secret): a link, or a participant's device. */
export type Credential = { kind: 'link'; linkId: string } | { kind: 'participant'; participantId: string };

export type ActorResult = { ok: true; actor: Actor } | Failure;

/**
 * Resolves who a credential acts as now: revoked links, removed and banned people are turned away; a
 * person waiting for approval is let in to see that they wait (can() lets them do nothing else).
 */
export function actorFor(state: RoundtableState, credential: Credential): ActorResult {
  if (credential.kind === 'link') {
    const link = state.links.find((l) => l.id === credential.linkId);
    if (!link || link.revokedAt !== null) return refusal('link_revoked');
    return { ok: true, actor: { kind: 'link', linkId: link.id, role: link.role } };
  }
  const p = state.participants.find((x) => x.id === credential.participantId);
  if (!p) return refusal('not_in_roster');
  if (p.status === 'banned') return refusal('banned');
  if (p.status === 'removed') return refusal('removed');
  return {
    ok: true,
    actor: { kind: 'participant', participantId: p.id, role: p.role, pending: p.status === 'pending' },
  };
}
