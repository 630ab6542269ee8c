import { LIMITS, type Lang } from '../common.js';
import { refusal } from '../refusals.js';
import { normalizeName } from './lookalike.js';
import { type Delegation, type RoundtableState } from '../state.js';
import { isActive } from './active.js';
import { done, type HandlerMap, type Outcome } from '../handler.js';

/** Spacing, case, compatibility forms and accents aside, so "EU  delegation" typed on a phone is the EU Delegation. */
const sameName = (a: string, b: string) =>
  normalizeName(a).localeCompare(normalizeName(b), undefined, { sensitivity: 'base' }) === 0;

export function findDelegationByName(
  state: Pick<RoundtableState, 'delegations'>,
  name: string,
): Delegation | undefined {
  return state.delegations.find((d) => sameName(d.name, name));
}

/** Adds a delegation unless one of that name exists; used by moderators and by people typing a new one. */
export function addDelegation(
  state: RoundtableState,
  name: string,
  defaultLanguage: Lang | null,
  newId: () => string,
): Outcome & { delegation?: Delegation } {
  if (findDelegationByName(state, name)) return refusal('delegation_exists', { name });
  if (state.delegations.length >= LIMITS.delegations) {
    return refusal('too_many_delegations', { max: LIMITS.delegations });
  }
  const delegation: Delegation = { id: newId(), name, defaultLanguage };
  return {
    ...done({ ...state, delegations: [...state.delegations, delegation] }, [{ type: 'delegation.added', delegation }], {
      delegationId: delegation.id,
    }),
    delegation,
  };
}

export const delegationHandlers: HandlerMap<'delegation.add' | 'delegation.update' | 'delegation.remove'> = {
  'delegation.add': (state, { name, defaultLanguage }, ctx) => addDelegation(state, name, defaultLanguage, ctx.newId),
  'delegation.update': (state, { delegationId, name, defaultLanguage }) => {
    if (!state.delegations.some((d) => d.id === delegationId)) return refusal('delegation_not_found');
    const clash = findDelegationByName(state, name);
    if (clash && clash.id !== delegationId) return refusal('delegation_exists', { name });
    const delegation: Delegation = { id: delegationId, name, defaultLanguage };
    const delegations = state.delegations.map((d) => (d.id === delegationId ? delegation : d));
    return done({ ...state, delegations }, [{ type: 'delegation.updated', delegation }]);
  },
  'delegation.remove': (state, { delegationId }) => {
    if (!state.delegations.some((d) => d.id === delegationId)) return refusal('delegation_not_found');
    const members = state.participants.filter((p) => p.delegationId === delegationId && isActive(p));
    if (members.length > 0) {
      return refusal('delegation_has_members', { count: members.length });
    }
    const delegations = state.delegations.filter((d) => d.id !== delegationId);
    return done({ ...state, delegations }, [{ type: 'delegation.removed', delegationId }]);
  },
};
