import type { Lang } from '../common.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';
import { refusal } from '../refusals.js';
import { findParticipant } from '../roster/active.js';
import type { RoundtableState } from '../state.js';
import { maySendRemarks, REMARKS_LIMITS } from './rules.js';
import type { Remarks } from './schema.js';

type RemarksCommand = 'remarks.submit' | 'remarks.set' | 'remarks.remove';

/** Puts (or, with an empty text, takes away) a person's remarks; the same text again changes nothing. */
function put(state: RoundtableState, participantId: string, language: Lang, text: string, now: number): Outcome {
  const kept = state.remarks.filter((r) => r.participantId !== participantId);
  const had = kept.length !== state.remarks.length;
  if (text === '') {
    if (!had) return done(state, []);
    return done({ ...state, remarks: kept }, [{ type: 'remarks.removed', participantId }]);
  }
  const old = state.remarks.find((r) => r.participantId === participantId);
  if (old && old.text === text && old.language === language) return done(state, []);
  if (!old && state.remarks.length >= REMARKS_LIMITS.speakers) {
    return refusal('too_many_remarks', { max: REMARKS_LIMITS.speakers });
  }
  const remarks: Remarks = { participantId, language, text, updatedAt: now };
  return done({ ...state, remarks: [...kept, remarks] }, [
    { type: 'remarks.sent', participantId, language, length: [...text].length },
  ]);
}

/** The person the remarks are for: on the roster, not removed or banned (an invitee not arrived yet may send). */
function personFor(state: RoundtableState, participantId: string) {
  const p = findParticipant(state, participantId);
  return p && p.status !== 'removed' && p.status !== 'banned' ? p : undefined;
}

/** The sender, when a person sends: `remarks.submit` is about them. */
const self = (ctx: ApplyContext) => (ctx.actor.kind === 'participant' ? ctx.actor.participantId : '');

export const remarksHandlers: HandlerMap<RemarksCommand> = {
  'remarks.submit': (state, { language, text }, ctx) => {
    const p = personFor(state, self(ctx));
    if (!p) return refusal('participant_not_found');
    if (!maySendRemarks(p)) return refusal('remarks_not_speaker');
    return put(state, p.id, language, text, ctx.now);
  },
  // The moderator's, for a speaker who sent theirs by e-mail: anyone on the roster, invited to speak or not.
  'remarks.set': (state, { participantId, language, text }, ctx) => {
    if (!personFor(state, participantId)) return refusal('participant_not_found');
    return put(state, participantId, language, text, ctx.now);
  },
  // A speaker's own, or the moderator's for them (can.ts).
  'remarks.remove': (state, { participantId }, ctx) => put(state, participantId, 'en', '', ctx.now),
};
