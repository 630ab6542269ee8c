import { LIMITS } from '../common.js';
import type { DelegationChoice, ProfileFields } from '../commands.js';
import { refusal } from '../refusals.js';
import type { DomainEvent } from '../events.js';
import { bannedLookalike } from './lookalike.js';
import type { PersonRole } from '../roles.js';
import { type Participant, type RoundtableState } from '../state.js';
import { findParticipant } from './active.js';
import { addDelegation, findDelegationByName } from './delegations.js';
import { withoutVoter } from '../poll/handlers.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';

type Resolved = { ok: true; state: RoundtableState; events: DomainEvent[]; delegationId: string | null };

/** A delegation picked from the list must exist; a typed one is matched by name or added. */
function resolveDelegation(
  state: RoundtableState,
  choice: DelegationChoice | null,
  ctx: ApplyContext,
): Resolved | Extract<Outcome, { ok: false }> {
  if (choice === null) return { ok: true, state, events: [], delegationId: null };
  if ('id' in choice) {
    if (!state.delegations.some((d) => d.id === choice.id)) return refusal('delegation_not_found');
    return { ok: true, state, events: [], delegationId: choice.id };
  }
  const existing = findDelegationByName(state, choice.name);
  if (existing) return { ok: true, state, events: [], delegationId: existing.id };
  const added = addDelegation(state, choice.name, null, ctx.newId);
  if (!added.ok || !added.delegation) return added.ok ? refusal('internal') : added;
  return { ok: true, state: added.state, events: added.events, delegationId: added.delegation.id };
}

/**
 * A person whose data was erased and who gives it again (a name typed back, coming back by the code) is
 * no longer erased: what they gave is personal data like anyone's, for the next erasure to take.
 */
function unerased(p: Participant): Participant {
  const { erasedAt: _e, ...rest } = p;
  return rest;
}

function withParticipant(state: RoundtableState, participant: Participant): RoundtableState {
  return { ...state, participants: state.participants.map((p) => (p.id === participant.id ? participant : p)) };
}

type Entry = 'participant.joined' | 'participant.rejoined';
const entered = (participant: Participant, type: Entry) => ({ participant, event: { type, participant } });

/**
 * Who comes in through the join code: everyone, except a person who looks like someone banned (same
 * name, same delegation), who waits for a moderator's approval. A ban stops a device; this is what
 * keeps the same person on a new device (or after clearing the browser) from being in again at once.
 */
function admission(
  state: RoundtableState,
  person: Participant,
  entry: Entry,
): { participant: Participant; event: DomainEvent } {
  const banned = bannedLookalike(state, person);
  if (!banned) return entered(person, entry);
  const participant: Participant = { ...person, status: 'pending' };
  return { participant, event: { type: 'participant.held', participant, resembles: banned.id } };
}

/** Adds a person to the roster: joining by code (`byCode`), or a moderator adding someone without a phone. */
function enrol(
  state: RoundtableState,
  profile: ProfileFields,
  role: PersonRole,
  ctx: ApplyContext,
  byCode: boolean,
): Outcome {
  if (state.participants.length >= LIMITS.participants) {
    return refusal('roundtable_full', { max: LIMITS.participants });
  }
  const resolved = resolveDelegation(state, profile.delegation, ctx);
  if (!resolved.ok) return resolved;
  const person: Participant = {
    id: ctx.newId(),
    name: profile.name,
    function: profile.function,
    delegationId: resolved.delegationId,
    language: profile.language,
    role,
    status: 'active',
    joinedAt: ctx.now,
  };
  // A moderator adding someone has decided already; only the join code is screened.
  const { participant, event } = byCode
    ? admission(resolved.state, person, 'participant.joined')
    : entered(person, 'participant.joined');
  const next = { ...resolved.state, participants: [...resolved.state.participants, participant] };
  return done(next, [...resolved.events, event], { participantId: participant.id });
}

/** A person a moderator removed comes back through the join code as themselves, not as a duplicate. */
function rejoin(state: RoundtableState, known: Participant, profile: ProfileFields, ctx: ApplyContext): Outcome {
  const resolved = resolveDelegation(state, profile.delegation, ctx);
  if (!resolved.ok) return resolved;
  const { delegation: _d, ...fields } = profile;
  const person: Participant = { ...unerased(known), ...fields, delegationId: resolved.delegationId, status: 'active' };
  const { participant, event } = admission(resolved.state, person, 'participant.rejoined');
  return done(withParticipant(resolved.state, participant), [...resolved.events, event], {
    participantId: participant.id,
  });
}

/** Looks up the target of a moderator action; acting on yourself this way is refused. */
function target(state: RoundtableState, id: string, ctx: ApplyContext): Participant | Extract<Outcome, { ok: false }> {
  const p = findParticipant(state, id);
  if (!p) return refusal('participant_not_found');
  if (ctx.actor.kind === 'participant' && ctx.actor.participantId === id) {
    return refusal('not_to_yourself');
  }
  return p;
}

const isFailure = (x: Participant | Extract<Outcome, { ok: false }>): x is Extract<Outcome, { ok: false }> => 'ok' in x;

export const participantHandlers: HandlerMap<
  | 'participant.join'
  | 'participant.add'
  | 'participant.update'
  | 'participant.setRole'
  | 'participant.remove'
  | 'participant.ban'
  | 'participant.readmit'
> = {
  'participant.join': (state, { profile, returning }, ctx) => {
    const known = returning === undefined ? undefined : findParticipant(state, returning);
    if (known?.status === 'banned') return refusal('banned');
    if (known?.status === 'active' || known?.status === 'pending') return done(state, [], { participantId: known.id });
    if (state.joinLocked) return refusal('joining_locked');
    // A person the moderator removed may come back by code; a stranger needs an invitation or the desk.
    if (state.invitationOnly && !known) return refusal('invitation_only');
    return known ? rejoin(state, known, profile, ctx) : enrol(state, profile, 'participant', ctx, true);
  },
  'participant.add': (state, { profile, role }, ctx) => enrol(state, profile, role, ctx, false),
  'participant.update': (state, { participantId, profile }, ctx) => {
    const p = findParticipant(state, participantId);
    // An invitee is corrected before they arrive as well as after.
    if (!p || (p.status !== 'active' && p.status !== 'invited')) return refusal('participant_not_found');
    const resolved =
      profile.delegation === undefined
        ? ({ ok: true, state, events: [], delegationId: p.delegationId } as const)
        : resolveDelegation(state, profile.delegation, ctx);
    if (!resolved.ok) return resolved;
    const { delegation: _d, ...fields } = profile;
    const participant: Participant = { ...unerased(p), ...fields, delegationId: resolved.delegationId };
    return done(withParticipant(resolved.state, participant), [
      ...resolved.events,
      { type: 'participant.updated', participant },
    ]);
  },
  'participant.setRole': (state, { participantId, role }, ctx) => {
    const p = target(state, participantId, ctx);
    if (isFailure(p)) return p;
    if (p.status !== 'active') return refusal('role_needs_presence');
    if (p.role === role) return done(state, []);
    return done(withParticipant(state, { ...p, role }), [{ type: 'participant.roleChanged', participantId, role }]);
  },
  'participant.remove': (state, { participantId }, ctx) => {
    const p = target(state, participantId, ctx);
    if (isFailure(p)) return p;
    if (p.status === 'removed') return done(state, []);
    const polls = withoutVoter(state.polls, participantId);
    return done(withParticipant({ ...state, polls }, { ...p, status: 'removed' }), [
      { type: 'participant.removed', participantId },
    ]);
  },
  'participant.ban': (state, { participantId }, ctx) => {
    const p = target(state, participantId, ctx);
    if (isFailure(p)) return p;
    if (p.status === 'banned') return done(state, []);
    const polls = withoutVoter(state.polls, participantId);
    return done(withParticipant({ ...state, polls }, { ...p, status: 'banned' }), [
      { type: 'participant.banned', participantId },
    ]);
  },
  // Lifts a ban or a removal, and admits a person waiting for approval: each ends with them in the room.
  'participant.readmit': (state, { participantId }, ctx) => {
    const p = target(state, participantId, ctx);
    if (isFailure(p)) return p;
    if (p.status === 'active') return done(state, []);
    const type = p.status === 'pending' ? 'participant.admitted' : 'participant.readmitted';
    return done(withParticipant(state, { ...p, status: 'active' }), [{ type, participantId }]);
  },
};
