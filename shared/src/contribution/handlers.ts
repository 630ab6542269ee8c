import { refusal } from '../refusals.js';
import { findParticipant, isActive } from '../roster/active.js';
import { done, type HandlerMap } from '../handler.js';
import type { RoundtableState } from '../state.js';
import { CONTRIBUTION_LIMITS, contributionsLeft } from './rules.js';
import type { Contribution, Contributions } from './schema.js';

type ContributionCommand = 'contribution.submit' | 'contribution.mark' | 'contribution.setClosed';

const withContributions = (state: RoundtableState, contributions: Contributions): RoundtableState => ({
  ...state,
  contributions,
});

export const contributionHandlers: HandlerMap<ContributionCommand> = {
  'contribution.submit': (state, { topic, text }, ctx) => {
    const { contributions } = state;
    if (contributions.closed) return refusal('contributions_closed');
    const person = ctx.actor.kind === 'participant' ? findParticipant(state, ctx.actor.participantId) : undefined;
    if (!person || !isActive(person)) return refusal('participant_not_found');
    const itemId = topic === 'lessons' ? null : state.currentItemId;
    if (topic === 'item' && itemId === null) return refusal('contribution_no_item');
    if (contributionsLeft(contributions.items, person.id, itemId) === 0) {
      return refusal('contribution_limit', { max: CONTRIBUTION_LIMITS.perPersonPerItem });
    }
    if (contributions.items.length >= CONTRIBUTION_LIMITS.total) {
      return refusal('contributions_full', { max: CONTRIBUTION_LIMITS.total });
    }
    const contribution: Contribution = {
      id: ctx.newId(),
      participantId: person.id,
      delegationId: person.delegationId,
      itemId,
      text,
      at: ctx.now,
      status: 'new',
    };
    const next = { ...contributions, items: [...contributions.items, contribution] };
    return done(withContributions(state, next), [{ type: 'contribution.submitted', contribution }], {
      contributionId: contribution.id,
    });
  },
  'contribution.mark': (state, { contributionId, status }) => {
    const { contributions } = state;
    const found = contributions.items.find((c) => c.id === contributionId);
    if (!found) return refusal('contribution_not_found');
    if (found.status === status) return done(state, []);
    const items = contributions.items.map((c) => (c.id === contributionId ? { ...c, status } : c));
    return done(withContributions(state, { ...contributions, items }), [
      { type: 'contribution.marked', contributionId, status },
    ]);
  },
  'contribution.setClosed': (state, { closed }) => {
    if (state.contributions.closed === closed) return done(state, []);
    return done(withContributions(state, { ...state.contributions, closed }), [
      { type: 'contribution.closedChanged', closed },
    ]);
  },
};
