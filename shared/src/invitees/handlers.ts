import { LIMITS } from '../common.js';
import type { DomainEvent } from '../events.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';
import { refusal } from '../refusals.js';
import { findParticipant } from '../roster/active.js';
import { addDelegation, findDelegationByName } from '../roster/delegations.js';
import type { Participant, RoundtableState } from '../state.js';
import type { InviteeRole } from './rules.js';
import { sameInvitee } from './rules.js';
import type { InviteeFields } from './schema.js';

type Step = { ok: true; state: RoundtableState; events: DomainEvent[]; delegationId: string | null };

/** The delegation a row names: matched by name as a phone's typed one is, or added; '' is none. */
function delegationFor(
  state: RoundtableState,
  name: string,
  ctx: ApplyContext,
): Step | Extract<Outcome, { ok: false }> {
  if (name === '') return { ok: true, state, events: [], delegationId: null };
  const existing = findDelegationByName(state, name);
  if (existing) return { ok: true, state, events: [], delegationId: existing.id };
  const added = addDelegation(state, name, null, ctx.newId);
  if (!added.ok || !added.delegation) return added.ok ? refusal('internal') : added;
  return { ok: true, state: added.state, events: added.events, delegationId: added.delegation.id };
}

/** A role on the list as the roster keeps it: rapporteurs by role, speakers by their mark, heads in the review. */
const rosterRole = (role: InviteeRole) => (role === 'rapporteur' ? 'rapporteur' : 'participant');

function withHead(state: RoundtableState, participantId: string, head: boolean): RoundtableState {
  const { heads } = state.review;
  if (heads.includes(participantId) === head) return state;
  const next = head ? [...heads, participantId] : heads.filter((id) => id !== participantId);
  return { ...state, review: { ...state.review, heads: next } };
}

/** The optional fields a person carries only when they say something. */
function extras(fields: Pick<InviteeFields, 'email' | 'note' | 'role'>): Partial<Participant> {
  return {
    ...(fields.email === '' ? {} : { email: fields.email }),
    ...(fields.note === '' ? {} : { note: fields.note }),
    ...(fields.role === 'speaker' ? { speaker: true } : {}),
  };
}

type Invited = { ok: true; state: RoundtableState; events: DomainEvent[]; personId: string };

/** Adds one invitee, expected and not arrived; refused if the list has them already (same name, same delegation). */
function invite(
  state: RoundtableState,
  fields: InviteeFields,
  ctx: ApplyContext,
): Invited | Extract<Outcome, { ok: false }> {
  const step = delegationFor(state, fields.delegation, ctx);
  if (!step.ok) return step;
  const twin = step.state.participants.find(
    (p) => p.status !== 'removed' && sameInvitee(p, fields.name, step.delegationId),
  );
  if (twin) return refusal('invitee_duplicate', { name: fields.name });
  if (fields.role === 'head' && step.delegationId === null) return refusal('head_needs_delegation');
  const person: Participant = {
    id: ctx.newId(),
    name: fields.name,
    function: fields.function,
    delegationId: step.delegationId,
    language: fields.language,
    role: rosterRole(fields.role),
    status: 'invited',
    joinedAt: ctx.now,
    ...extras(fields),
  };
  const next = { ...step.state, participants: [...step.state.participants, person] };
  return {
    ok: true,
    state: withHead(next, person.id, fields.role === 'head'),
    events: step.events,
    personId: person.id,
  };
}

function update(state: RoundtableState, p: Participant, fields: Partial<InviteeFields>, ctx: ApplyContext): Outcome {
  const step =
    fields.delegation === undefined
      ? ({ ok: true, state, events: [], delegationId: p.delegationId } as const)
      : delegationFor(state, fields.delegation, ctx);
  if (!step.ok) return step;
  const name = fields.name ?? p.name;
  const twin = step.state.participants.find(
    (o) => o.id !== p.id && o.status !== 'removed' && sameInvitee(o, name, step.delegationId),
  );
  if (twin) return refusal('invitee_duplicate', { name });
  const head = fields.role === undefined ? state.review.heads.includes(p.id) : fields.role === 'head';
  if (head && step.delegationId === null) return refusal('head_needs_delegation');
  const { email: _e, note: _n, speaker: _s, ...kept } = p;
  const role = fields.role ?? (p.role === 'rapporteur' ? 'rapporteur' : p.speaker ? 'speaker' : 'participant');
  const participant: Participant = {
    ...kept,
    name,
    function: fields.function ?? p.function,
    language: fields.language ?? p.language,
    delegationId: step.delegationId,
    // A moderator stays one: the list's roles are the others'.
    role: p.role === 'moderator' && fields.role === undefined ? 'moderator' : rosterRole(role),
    ...extras({ email: fields.email ?? p.email ?? '', note: fields.note ?? p.note ?? '', role }),
  };
  const participants = step.state.participants.map((o) => (o.id === p.id ? participant : o));
  return done(withHead({ ...step.state, participants }, p.id, head), [
    ...step.events,
    { type: 'invitee.updated', participant },
  ]);
}

export const inviteeHandlers: HandlerMap<'invitee.import' | 'invitee.update'> = {
  /** The whole list at once, or nothing: a row the preview did not show as importable refuses the command. */
  'invitee.import': (state, { invitees }, ctx) => {
    if (state.participants.length + invitees.length > LIMITS.participants) {
      return refusal('roundtable_full', { max: LIMITS.participants });
    }
    let next = state;
    const events: DomainEvent[] = [];
    const ids: string[] = [];
    for (const fields of invitees) {
      const step = invite(next, fields, ctx);
      if (!step.ok) return step;
      next = step.state;
      events.push(...step.events);
      ids.push(step.personId);
    }
    const added = next.participants.slice(state.participants.length);
    events.push({ type: 'invitees.imported', participants: added });
    return done(next, events, ids.length === 1 ? { participantId: ids[0] } : {});
  },
  'invitee.update': (state, { participantId, fields }, ctx) => {
    const p = findParticipant(state, participantId);
    if (!p || p.status === 'removed' || p.status === 'banned') return refusal('participant_not_found');
    return update(state, p, fields, ctx);
  },
};
