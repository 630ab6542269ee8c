import {
  JoinRequest,
  describeIssues,
  isJoinCode,
  normalizeJoinCode,
  type Failure,
  type JoinPreview,
  type JoinResponse,
  type RoundtableState,
  refusal,
} from '@roundtable/shared';
import type { Roundtables } from './roundtables.js';
import { hashSecret } from './secrets.js';
import type { Store } from './store/store.js';
import { SerialQueue } from './serialQueue.js';

async function findByCode(roundtables: Roundtables, store: Store, rawCode: string): Promise<RoundtableState | Failure> {
  const code = normalizeJoinCode(rawCode);
  const id = isJoinCode(code) ? await store.idForJoinCode(code) : undefined;
  const state = id === undefined ? undefined : await roundtables.get(id);
  // The code is on the room's posters: who holds it may learn that the roundtable is archived.
  if (!state && id !== undefined && typeof (await store.archivedAt(id)) === 'number') {
    return refusal('roundtable_archived');
  }
  if (!state) return refusal('wrong_join_code', { code });
  return state;
}

export async function previewJoin(
  roundtables: Roundtables,
  store: Store,
  code: string,
): Promise<JoinPreview | Failure> {
  const state = await findByCode(roundtables, store, code);
  if ('ok' in state) return state;
  const { id, title, organisers, venue, startsAt, languages, delegations, joinLocked, invitationOnly } = state;
  const { privacyNotice, retentionDays } = state;
  return {
    roundtableId: id,
    ...{ title, organisers, venue, startsAt, languages, delegations, joinLocked, invitationOnly },
    ...{ privacyNotice, retentionDays },
  };
}

/**
 * Joins a device to a roundtable. The device's own token identifies it: the same device joining
 * again (a retry, a reload, a second tap) is the same participant, never a new one. Someone who looks
 * like a banned person is in the roster but `pending` until a moderator admits them.
 */
export function join(roundtables: Roundtables, store: Store, raw: unknown): Promise<JoinResponse | Failure> {
  const parsed = JoinRequest.safeParse(raw);
  if (!parsed.success) return Promise.resolve(refusal('invalid_form', { details: describeIssues(parsed.error) }));
  const hash = hashSecret(parsed.data.deviceToken);
  return devices.run(hash, () => joinDevice(roundtables, store, parsed.data, hash));
}

/**
 * One join of a device at a time: of a double tap, the second finds the credential the first stored and
 * rejoins as the same person (two at once would both make a person, and the second's credential clash).
 */
const devices = new SerialQueue();

async function joinDevice(
  roundtables: Roundtables,
  store: Store,
  request: JoinRequest,
  hash: string,
): Promise<JoinResponse | Failure> {
  const state = await findByCode(roundtables, store, request.code);
  if ('ok' in state) return state;
  const known = await store.findCredential(state.id, hash);
  if (known?.kind === 'link') return refusal('token_is_link');
  const returning = known?.participantId;
  const command = { type: 'participant.join', profile: request.profile, ...(returning ? { returning } : {}) };
  const ack = await roundtables.execute(
    state.id,
    { visitor: true },
    { baseVersion: state.version, command },
    (result) => ({
      credentials:
        returning || !result.participantId
          ? []
          : [{ hash, credential: { kind: 'participant', participantId: result.participantId } }],
    }),
  );
  if (!ack.ok) return ack;
  const participantId = ack.result?.participantId ?? returning;
  if (!participantId) return refusal('internal');
  const status = (await roundtables.get(state.id))?.participants.find((p) => p.id === participantId)?.status;
  return { roundtableId: state.id, participantId, rejoined: returning !== undefined, pending: status === 'pending' };
}
