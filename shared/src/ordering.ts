import type { OrderingPolicy, SpeakerRequest, Speech } from './queue.js';
import type { RoundtableState } from './state.js';

/** Why a request stands where it does; shown to the moderator and, briefly, to the participant. */
export type OrderReason =
  'point_of_order' | 'invited' | 'direct_reply' | 'manual' | 'first_come' | 'first_time' | 'delegation_least';

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
 * The queue of the current agenda item in the order the floor will be given:
 * points of order; invited speakers in protocol order; direct replies to the current speaker;
 * the moderator's manual arrangement; then everyone else by the policy. Pure and deterministic.
 */
export function orderQueue(state: RoundtableState): OrderedRequest[] {
  const waiting = state.queue.requests.filter((r) => r.itemId === state.currentItemId);
  const pointsOfOrder = waiting.filter((r) => r.type === 'point_of_order').sort(byTime);
  const invited = waiting.filter((r) => r.type === 'opening');
  const speechId = state.floor?.speechId;
  const replies = waiting
    .filter((r) => r.type === 'reply' && r.replyTo === speechId && speechId !== undefined)
    .sort(byTime);
  const placed = new Set([...pointsOfOrder, ...invited, ...replies].map((r) => r.id));
  const manual = state.queue.manualOrder.flatMap((id) => waiting.find((r) => r.id === id && !placed.has(r.id)) ?? []);
  for (const r of manual) placed.add(r.id);
  const rest = waiting.filter((r) => !placed.has(r.id));
  return [
    ...pointsOfOrder.map((request) => ({ request, reason: 'point_of_order' as const })),
    ...invited.map((request) => ({ request, reason: 'invited' as const })),
    ...replies.map((request) => ({ request, reason: 'direct_reply' as const })),
    ...manual.map((request) => ({ request, reason: 'manual' as const })),
    ...byPolicy(state, rest),
  ];
}
