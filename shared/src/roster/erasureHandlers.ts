import { refusal } from '../refusals.js';
import { done, type HandlerMap } from '../handler.js';
import { findParticipant } from './active.js';
import { eraseInState } from './erasure.js';
import { TAKEOVER_COOLING_MS } from '../invitees/kinds.js';
import { erasureDueAt } from './retention.js';

/**
 * Erasing personal data (docs/PRIVACY.md): the moderator's for everyone, a person's own for themselves.
 * The events name nobody; the server scrubs what the store and the document still hold (roundtables.ts).
 */
export const erasureHandlers: HandlerMap<
  'roundtable.erasePersonalData' | 'participant.forget' | 'roundtable.setRetention' | 'roundtable.setPrivacyNotice'
> = {
  'roundtable.erasePersonalData': (state, _command, { now }) => {
    const ids = new Set(state.participants.filter((p) => p.erasedAt === undefined).map((p) => p.id));
    // With nobody left to erase (each deleted their own profile) it still counts as done: the retention period is over.
    if (ids.size === 0 && state.personalDataErasedAt !== null && erasureDueAt(state) === null) return done(state, []);
    const erased = eraseInState(state, ids, now, true).state;
    return done({ ...erased, personalDataErasedAt: now }, [
      { type: 'personalData.erased', participantIds: [...ids], at: now },
    ]);
  },
  // Their speeches stay in the log under their delegation; they leave the room, and their device is signed out.
  'participant.forget': (state, { participantId }, { now }) => {
    const p = findParticipant(state, participantId);
    const movedAt = p?.invitation?.movedAt;
    if (movedAt !== undefined && now - movedAt < TAKEOVER_COOLING_MS) return refusal('profile_just_moved');
    if (!p) return refusal('participant_not_found');
    if (p.erasedAt !== undefined) return done(state, []);
    const erased = eraseInState(state, new Set([participantId]), now, false).state;
    const participants = erased.participants.map((x) =>
      x.id === participantId ? { ...x, status: 'removed' as const } : x,
    );
    return done({ ...erased, participants }, [{ type: 'participant.forgotten', participantId }]);
  },
  // Changed after the end too: a record may be kept longer, or erased sooner.
  'roundtable.setRetention': (state, { days }) =>
    state.retentionDays === days
      ? done(state, [])
      : done({ ...state, retentionDays: days }, [{ type: 'roundtable.retentionSet', days }]),
  'roundtable.setPrivacyNotice': (state, { notice }) => {
    const kept = Object.fromEntries(Object.entries(notice).filter(([, text]) => text !== '')) as typeof notice;
    if (JSON.stringify(kept) === JSON.stringify(state.privacyNotice)) return done(state, []);
    return done({ ...state, privacyNotice: kept }, [{ type: 'roundtable.privacyNoticeSet', notice: kept }]);
  },
};
