import { discussedSpeechId } from './discussion.js';
import type { OrderingPolicy, Speech } from '../floor/schema.js';
import type { SpeakerRequest } from './schema.js';
import type { RoundtableState } from '../state.js';
import { honourYields, isYielding, yieldsOf } from './yielding.js';

/**
 * Why a request stands where it does; shown to the moderator and, briefly, to the participant.
 * `earlier_reply`: a direct reply whose speech is no longer under discussion, now ordered like the rest;
 * `yielded`: its owner let someone behind go first.
 */
export type OrderReason =
  | 'point_of_order'
  | 'direct_reply'
  | 'invited'
  | 'manual'
  | 'first_come'
  | 'first_time'
  | 'delegation_least'
  | 'earlier_reply'
  | 'yielded';

export interface OrderedRequest {
  request: SpeakerRequest;
  reason: OrderReason;
}

export interface SpeakingTotals {
  count: number;
  ms: number;
}

/** Speeches and time per participant and per delegation over the whole roundtable (finished speeches). */
export function speakingStats(speeches: readonly Speech[]) {
  const byParticipant = new Map<string, SpeakingTotals>();
  const byDelegation = new Map<string, SpeakingTotals>();
  const add = (map: Map<string, SpeakingTotals>, key: string, ms: number) => {
    const t = map.get(key) ?? { count: 0, ms: 0 };
    map.set(key, { count: t.count + 1, ms: t.ms + ms });
  };
  for (const s of speeches) {
    add(byParticipant, s.participantId, s.durationMs);
    if (s.delegationId) add(byDelegation, s.delegationId, s.durationMs);
  }
  return { byParticipant, byDelegation };
}

const byTime = (a: SpeakerRequest, b: SpeakerRequest) => a.requestedAt - b.requestedAt || a.id.localeCompare(b.id);

export function policyOf(state: RoundtableState): OrderingPolicy {
  const item = state.agenda.find((i) => i.id === state.currentItemId);
  return item?.orderingPolicy ?? state.floorSettings.orderingPolicy;
}

/** Orders the rest (speeches, questions) by the policy; ties fall back to who asked first. */
function byPolicy(state: RoundtableState, requests: SpeakerRequest[]): OrderedRequest[] {
  const policy = policyOf(state);
  const stats = speakingStats(state.speeches);
  const delegationOf = (r: SpeakerRequest) =>
    state.participants.find((p) => p.id === r.participantId)?.delegationId ?? null;
  const delegationMs = (r: SpeakerRequest) => {
    const d = delegationOf(r);
    return d === null ? 0 : (stats.byDelegation.get(d)?.ms ?? 0);
  };
  const hasSpoken = (r: SpeakerRequest) => stats.byParticipant.has(r.participantId);
  if (policy === 'first_time') {
    const sorted = [...requests].sort((a, b) => Number(hasSpoken(a)) - Number(hasSpoken(b)) || byTime(a, b));
    return sorted.map((request) => ({ request, reason: hasSpoken(request) ? 'first_come' : 'first_time' }));
  }
  if (policy === 'balance') {
    const sorted = [...requests].sort((a, b) => delegationMs(a) - delegationMs(b) || byTime(a, b));
    const least = sorted[0] ? delegationMs(sorted[0]) : 0;
    return sorted.map((request) => ({
      request,
      reason: delegationMs(request) === least ? 'delegation_least' : 'first_come',
    }));
  }
  return [...requests].sort(byTime).map((request) => ({ request, reason: 'first_come' }));
}

/**
 * The queue of the current agenda item in the order the floor will be given: points of order; direct
 * replies to the speech under discussion (a reply is worth hearing only right after what it answers, so
 * it comes before the next invited speaker too); invited speakers in protocol order; the moderator's
 * manual arrangement; then everyone else by the policy. Last, whoever let others go first stands behind
 * them. See docs/ARCHITECTURE.md, "Who speaks next". Pure and deterministic.
 */
export function orderQueue(state: RoundtableState): OrderedRequest[] {
  const waiting = state.queue.requests.filter((r) => r.itemId === state.currentItemId);
  const pointsOfOrder = waiting.filter((r) => r.kind === 'point_of_order').sort(byTime);
  const discussed = discussedSpeechId(state);
  const replies = waiting
    .filter((r) => r.kind === 'reply' && r.replyTo !== null && r.replyTo === discussed)
    .sort(byTime);
  const invited = waiting.filter((r) => r.kind === 'opening');
  const placed = new Set([...pointsOfOrder, ...replies, ...invited].map((r) => r.id));
  const manual = state.queue.manualOrder.flatMap((id) => waiting.find((r) => r.id === id && !placed.has(r.id)) ?? []);
  for (const r of manual) placed.add(r.id);
  const others = waiting.filter((r) => !placed.has(r.id));
  const rest = byPolicy(state, others).map((o): OrderedRequest =>
    o.request.kind === 'reply' ? { ...o, reason: 'earlier_reply' } : o,
  );
  const natural: OrderedRequest[] = [
    ...pointsOfOrder.map((request) => ({ request, reason: 'point_of_order' as const })),
    ...replies.map((request) => ({ request, reason: 'direct_reply' as const })),
    ...invited.map((request) => ({ request, reason: 'invited' as const })),
    ...manual.map((request) => ({ request, reason: 'manual' as const })),
    ...rest,
  ];
  if (!natural.some((o) => yieldsOf(o.request).length > 0)) return natural;
  const ids = new Set(natural.map((o) => o.request.id));
  return honourYields(natural).map((o) => (isYielding(o.request, ids) ? { ...o, reason: 'yielded' } : o));
}
