import { LIMITS } from '../common.js';
import type { DomainEvent } from '../events.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';
import { refusal } from '../refusals.js';
import { findParticipant } from '../roster/active.js';
import { addDelegation, findDelegationByName } from '../roster/delegations.js';
import type { Participant, RoundtableState } from '../state.js';
import type { InviteeRole } from './kinds.js';
import { inviteeKey, inviteeRoleOf } from './rules.js';
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

/** A new invitee as the roster keeps them: expected, not arrived. */
function invitee(fields: InviteeFields, delegationId: string | null, ctx: ApplyContext): Participant {
  return {
    id: ctx.newId(),
    name: fields.name,
    function: fields.function,
    delegationId,
    language: fields.language,
    role: rosterRole(fields.role),
    status: 'invited',
    joinedAt: ctx.now,
    ...extras(fields),
  };
}

/**
 * The whole list in one pass: each delegation a row names is looked up once, each person's key once, and
 * the people are added together; refused whole at the first row already on the list (same name, same
 * delegation, in the list or on the roster) or naming a head without a delegation.
 */
function inviteAll(state: RoundtableState, rows: readonly InviteeFields[], ctx: ApplyContext): Outcome {
  let next = state;
  const events: DomainEvent[] = [];
  const delegations = new Map<string, string | null>();
  const taken = new Set(
    state.participants.filter((p) => p.status !== 'removed').map((p) => inviteeKey(p.name, p.delegationId)),
  );
  const people: Participant[] = [];
  const heads: string[] = [];
  for (const fields of rows) {
    let delegationId = delegations.get(fields.delegation);
    if (delegationId === undefined) {
      const step = delegationFor(next, fields.delegation, ctx);
      if (!step.ok) return step;
      next = step.state;
      events.push(...step.events);
      delegationId = step.delegationId;
      delegations.set(fields.delegation, delegationId);
    }
    const key = inviteeKey(fields.name, delegationId);
    if (taken.has(key)) return refusal('invitee_duplicate', { name: fields.name });
    taken.add(key);
    if (fields.role === 'head' && delegationId === null) return refusal('head_needs_delegation');
    const person = invitee(fields, delegationId, ctx);
    people.push(person);
    if (fields.role === 'head') heads.push(person.id);
  }
  const review = heads.length === 0 ? next.review : { ...next.review, heads: [...next.review.heads, ...heads] };
  events.push({ type: 'invitees.imported', participants: people });
  const added = { ...next, participants: [...next.participants, ...people], review };
  return done(added, events, people.length === 1 ? { participantId: people[0]?.id ?? '' } : {});
}

function update(state: RoundtableState, p: Participant, fields: Partial<InviteeFields>, ctx: ApplyContext): Outcome {
  const step =
    fields.delegation === undefined
      ? ({ ok: true, state, events: [], delegationId: p.delegationId } as const)
      : delegationFor(state, fields.delegation, ctx);
  if (!step.ok) return step;
  const name = fields.name ?? p.name;
  const key = inviteeKey(name, step.delegationId);
  const twin = step.state.participants.find(
    (o) => o.id !== p.id && o.status !== 'removed' && inviteeKey(o.name, o.delegationId) === key,
  );
  if (twin) return refusal('invitee_duplicate', { name });
  const head = fields.role === undefined ? state.review.heads.includes(p.id) : fields.role === 'head';
  if (head && step.delegationId === null) return refusal('head_needs_delegation');
  // Given again (a name typed back after an erasure): theirs to erase once more.
  const { email: _e, note: _n, speaker: _s, erasedAt: _x, ...kept } = p;
  const role = fields.role ?? inviteeRoleOf(p, state.review.heads);
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
  /**
   * The whole list at once, or nothing: a row the preview did not show as importable refuses the command.
   * The desk admits walk-ins as participants only: a role with more rights is the moderator's to give.
   */
  'invitee.import': (state, { invitees }, ctx) => {
    if (ctx.actor.role === 'desk' && invitees.some((i) => i.role !== 'participant')) {
      return refusal('desk_participants_only');
    }
    if (state.participants.length + invitees.length > LIMITS.participants) {
      return refusal('roundtable_full', { max: LIMITS.participants });
    }
    return inviteAll(state, invitees, ctx);
  },
  'invitee.update': (state, { participantId, fields }, ctx) => {
    const p = findParticipant(state, participantId);
    if (!p || p.status === 'removed' || p.status === 'banned') return refusal('participant_not_found');
    return update(state, p, fields, ctx);
  },
};
