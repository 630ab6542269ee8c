import type { Failure, InvitationList } from '@roundtable/shared';
import { localFailure } from './localFailure';

/**
 * Everyone's personal invitation link (server/src/http/invitations.ts), read with the moderator's or the
 * desk's key. Never cached: a re-issued invitation changes its person's link at once.
 */
export async function fetchInvitations(roundtableId: string, key: string): Promise<InvitationList | Failure> {
  try {
    const res = await fetch(`/api/roundtables/${encodeURIComponent(roundtableId)}/invitations`, {
      headers: { authorization: `Bearer ${key}` },
      cache: 'no-store',
    });
    return (await res.json()) as InvitationList | Failure;
  } catch {
    return localFailure('unreachable');
  }
}
