import {
  isPaused,
  remainingMs,
  type AgendaItem,
  type OrderReason,
  type Participant,
  type SpeakerRequest,
  type StateView,
} from '@roundtable/shared';

/** Read-only questions pages ask about the floor and the queue; pure, so they are easy to test. */
export const currentItem = (state: StateView): AgendaItem | undefined =>
  state.agenda.find((i) => i.id === state.currentItemId);

export const person = (state: StateView, id: string | undefined): Participant | undefined =>
  id === undefined ? undefined : state.participants.find((p) => p.id === id);

export const delegationName = (state: StateView, id: string | null | undefined): string =>
  state.delegations.find((d) => d.id === id)?.name ?? '';

/** The waiting requests in floor order, with their reasons. */
export function orderedRequests(state: StateView): { request: SpeakerRequest; reason: OrderReason }[] {
  return state.queueOrder.flatMap((o) => {
    const request = state.queue.requests.find((r) => r.id === o.id);
    return request ? [{ request, reason: o.reason }] : [];
  });
}

export function myRequests(state: StateView, participantId: string | null | undefined) {
  return orderedRequests(state)
    .map((o, index) => ({ ...o, position: index + 1 }))
    .filter((o) => o.request.participantId === participantId);
}

export type FloorPhase = 'ok' | 'warning' | 'over';

export function floorClock(state: StateView, now: number) {
  const floor = state.floor;
  if (!floor) return null;
  const left = remainingMs(floor, now);
  const phase: FloorPhase = left < 0 ? 'over' : left <= state.floorSettings.warningSeconds * 1000 ? 'warning' : 'ok';
  return { left, phase, paused: isPaused(floor) };
}
