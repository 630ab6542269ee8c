import type { DomainEvent } from '@roundtable/shared';

/**
 * Whose devices lose their credentials with these events, in the same write: a re-issued invitation
 * takes the person off every phone that holds them, so a lost badge found by someone is theirs no more.
 */
export const devicesSignedOut = (events: readonly DomainEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'invitation.reissued' ? [e.participantId] : []));
