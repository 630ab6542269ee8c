import { createHmac, timingSafeEqual } from 'node:crypto';
import { invitationPath, NO_INVITATION, type Participant } from '@roundtable/shared';

/**
 * A personal invitation is derived, not stored: HMAC of the roundtable, the person and the
 * invitation's serial under the instance's key. Badges can be printed again at any time with the
 * same link, and re-issuing (serial + 1) makes every earlier link fail at once, without a table
 * of secrets to keep in step.
 */
export function invitationSecret(
  key: string,
  roundtableId: string,
  person: Pick<Participant, 'id' | 'invitation'>,
): string {
  const serial = (person.invitation ?? NO_INVITATION).serial;
  return createHmac('sha256', key)
    .update(`invitation\u0000${roundtableId}\u0000${person.id}\u0000${serial}`)
    .digest('base64url')
    .slice(0, 22);
}

export function isInvitation(
  key: string,
  roundtableId: string,
  person: Pick<Participant, 'id' | 'invitation'>,
  given: string,
): boolean {
  const expected = Buffer.from(invitationSecret(key, roundtableId, person));
  const offered = Buffer.from(given);
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}

export function invitationUrl(
  base: string,
  key: string,
  roundtableId: string,
  person: Pick<Participant, 'id' | 'invitation'>,
): string {
  return base + invitationPath(roundtableId, person.id, invitationSecret(key, roundtableId, person));
}
