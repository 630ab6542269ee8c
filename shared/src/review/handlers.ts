import { refusal } from '../refusals.js';
import { CLOSING_SECTION_IDS, endorsingDelegations, isFrozen, mayRespond } from './rules.js';
import type { ReviewResponse, ReviewState } from './schema.js';
import { type RoundtableState } from '../state.js';
import { findParticipant, isActive } from '../roster/active.js';
import { done, type HandlerMap } from '../handler.js';

type ReviewCommand =
  | 'participant.setHead'
  | 'review.allowEveryone'
  | 'review.open'
  | 'review.respond'
  | 'review.reopen'
  | 'review.finalise';

const withReview = (state: RoundtableState, review: ReviewState): RoundtableState => ({ ...state, review });

/** The outcome document's sections a round asks about: each agenda item's but a break's, then the closing ones. */
export const reviewSections = (state: RoundtableState): string[] => [
  ...state.agenda.filter((item) => item.kind !== 'break').map((item) => item.id),
  ...CLOSING_SECTION_IDS,
];

export const reviewHandlers: HandlerMap<ReviewCommand> = {
  'participant.setHead': (state, { participantId, head }) => {
    const person = findParticipant(state, participantId);
    if (!person || !isActive(person)) return refusal('participant_not_found');
    if (head && person.delegationId === null) return refusal('head_needs_delegation');
    const { heads } = state.review;
    if (heads.includes(participantId) === head) return done(state, []);
    const next = head ? [...heads, participantId] : heads.filter((id) => id !== participantId);
    return done(withReview(state, { ...state.review, heads: next }), [
      { type: 'participant.headChanged', participantId, head },
    ]);
  },
  'review.allowEveryone': (state, { allowed }) => {
    if (state.review.everyoneResponds === allowed) return done(state, []);
    return done(withReview(state, { ...state.review, everyoneResponds: allowed }), [
      { type: 'review.everyoneChanged', allowed },
    ]);
  },
  'review.open': (state, { deadline }, ctx) => {
    const { review } = state;
    if (review.status === 'final') return refusal('review_final');
    if (review.status === 'open') return refusal('review_open');
    if (deadline <= ctx.now) return refusal('review_deadline_past');
    const round = review.round + 1;
    const sections = reviewSections(state);
    const draftVersionId = ctx.newId();
    const next: ReviewState = {
      ...review,
      status: 'open',
      round,
      openedAt: ctx.now,
      deadline,
      sections,
      responses: [],
      draftVersionId,
    };
    return done(withReview(state, next), [{ type: 'review.opened', round, deadline, sections, draftVersionId }]);
  },
  'review.respond': (state, { sectionId, response, text }, ctx) => {
    const { review } = state;
    if (review.status === 'final') return refusal('review_final');
    if (review.status !== 'open') return refusal('review_not_open');
    if (review.deadline !== null && ctx.now >= review.deadline) return refusal('review_deadline_passed');
    const person = ctx.actor.kind === 'participant' ? findParticipant(state, ctx.actor.participantId) : undefined;
    if (!person || !isActive(person)) return refusal('participant_not_found');
    if (person.delegationId === null) return refusal('review_no_delegation');
    if (!mayRespond(review, person.id)) return refusal('review_not_head');
    if (!review.sections.includes(sectionId)) return refusal('review_section_unknown');
    if (response !== 'endorse' && text === '') return refusal('review_text_needed');
    const answer: ReviewResponse = {
      sectionId,
      delegationId: person.delegationId,
      response,
      text,
      by: person.id,
      at: ctx.now,
    };
    // One answer per delegation and section: a later one takes the earlier one's place.
    const others = review.responses.filter(
      (r) => !(r.delegationId === answer.delegationId && r.sectionId === sectionId),
    );
    return done(withReview(state, { ...review, responses: [...others, answer] }), [
      { type: 'review.responded', response: answer },
    ]);
  },
  'review.reopen': (state) => {
    const { review } = state;
    if (review.status === 'final') return refusal('review_final');
    if (!isFrozen(review)) return refusal('review_not_open');
    return done(withReview(state, { ...review, status: 'writing' }), [
      { type: 'review.reopened', round: review.round },
    ]);
  },
  'review.finalise': (state, _command, ctx) => {
    const { review } = state;
    if (review.status === 'final') return refusal('review_final');
    if (review.status !== 'open') return refusal('review_not_open');
    const final = {
      at: ctx.now,
      round: review.round,
      versionId: ctx.newId(),
      endorsedBy: endorsingDelegations(review),
      delegations: state.delegations.map(({ id, name }) => ({ id, name })),
    };
    return done(withReview(state, { ...review, status: 'final', final }), [{ type: 'review.finalised', final }]);
  },
};
