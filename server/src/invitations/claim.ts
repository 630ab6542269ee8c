import { ClaimRequest, describeIssues, refusal, type ClaimResponse, type Failure } from '@roundtable/shared';
import type { Roundtables } from '../roundtables.js';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';
import { SerialQueue } from '../serialQueue.js';
import { isInvitation } from './secret.js';

export const INVITATION_KEY = 'invitations';

/**
 * A phone opens a personal invitation: it becomes that person's one device, with no typing. The
 * same phone opening it again is a no-op; another phone takes it over (the first is signed out,
 * session/effects.ts) unless the moderator locked it. A wrong or re-issued link, an unknown
 * roundtable or person are all the same `invitation_invalid`: the link tells a stranger nothing.
 */
export function claimInvitation(
  roundtables: Roundtables,
  store: Store,
  raw: unknown,
): Promise<ClaimResponse | Failure> {
  const parsed = ClaimRequest.safeParse(raw);
  if (!parsed.success) return Promise.resolve(refusal('invalid_form', { details: describeIssues(parsed.error) }));
  const { roundtableId, participantId } = parsed.data;
  return claims.run(`${roundtableId}:${participantId}`, () => claim(roundtables, store, parsed.data));
}

/**
 * One claim of a person's invitation at a time: of two phones opening it at once, the second sees the
 * first's device and takes over from it (told to the first), instead of both being told they hold it.
 */
const claims = new SerialQueue();

async function claim(roundtables: Roundtables, store: Store, request: ClaimRequest): Promise<ClaimResponse | Failure> {
  const { roundtableId, participantId, key, deviceToken } = request;
  const state = await roundtables.get(roundtableId);
  const person = state?.participants.find((p) => p.id === participantId);
  if (!state || !person || !isInvitation(await store.instanceSecret(INVITATION_KEY), state.id, person, key)) {
    return refusal('invitation_invalid');
  }
  const hash = hashSecret(deviceToken);
  const known = await store.findCredential(state.id, hash);
  if (known?.kind === 'link') return refusal('token_is_link');
  const delegationName = state.delegations.find((d) => d.id === person.delegationId)?.name ?? '';
  const delegation = person.delegationId === null ? null : { id: person.delegationId };
  const profile = {
    name: person.name,
    function: person.function,
    delegation,
    language: person.language,
    delegationName,
  };
  const answer = {
    roundtableId: state.id,
    participantId,
    rejoined: true,
    pending: person.status === 'pending',
    profile,
  };
  if (known?.participantId === participantId && person.status !== 'invited') {
    if (person.status === 'removed') return refusal('removed');
    return person.status === 'banned' ? refusal('banned') : answer;
  }
  const command = {
    type: 'invitation.claim',
    participantId,
    replacing: await store.hasDevice(state.id, participantId, hash),
  };
  const ack = await roundtables.execute(state.id, { visitor: true }, { baseVersion: state.version, command }, () => ({
    device: { hash, credential: { kind: 'participant', participantId } },
  }));
  if (!ack.ok) return ack;
  return { ...answer, rejoined: false };
}
