import type { SpeechKind, Floor, Speech } from './schema.js';
import type { SpeakerRequest } from '../queue/schema.js';
import { discussedSpeechId, discussionAfter } from '../queue/discussion.js';
import { limitMs, spokenMs } from './time.js';
import { orderQueue } from '../queue/ordering.js';
import { refusal } from '../refusals.js';
import type { DomainEvent } from '../events.js';
import { type RoundtableState } from '../state.js';
import { isActive } from '../roster/active.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';

type Failure = Extract<Outcome, { ok: false }>;

const nameOf = (state: RoundtableState, participantId: string) =>
  state.participants.find((p) => p.id === participantId)?.name ?? 'someone';

/** A press made while looking at an older floor is refused, so two moderators pressing "next" advance once. */
function checkExpected(state: RoundtableState, expected: string | null): Failure | undefined {
  const current = state.floor?.speechId ?? null;
  if (current === expected) return undefined;
  return state.floor
    ? refusal('floor_passed', { name: nameOf(state, state.floor.participantId) })
    : refusal('speech_over');
}

/** Ends the speech on the floor (if any) into the speech log. */
function endFloor(state: RoundtableState, now: number): { state: RoundtableState; events: DomainEvent[] } {
  const floor = state.floor;
  if (!floor) return { state, events: [] };
  const person = state.participants.find((p) => p.id === floor.participantId);
  const speech: Speech = {
    id: floor.speechId,
    participantId: floor.participantId,
    delegationId: person?.delegationId ?? null,
    language: person?.language ?? 'en',
    itemId: floor.itemId,
    kind: floor.kind,
    topic: floor.topic,
    start: floor.startedAt,
    end: now,
    pauses: floor.pauses.map((p) => ({ start: p.start, end: p.end ?? now })),
    durationMs: spokenMs(floor, now),
    limitMs: floor.limitMs + floor.extendedMs,
  };
  return {
    state: { ...state, floor: null, speeches: [...state.speeches, speech] },
    events: [{ type: 'floor.ended', speech }],
  };
}

/** Gives the floor, ending the current speech first; the request used leaves the queue. Undo stops at the floor. */
function giveFloor(
  state: RoundtableState,
  participantId: string,
  kind: SpeechKind,
  topic: string,
  request: SpeakerRequest | undefined,
  ctx: ApplyContext,
): Outcome {
  const ended = endFloor(state, ctx.now);
  const itemId = state.currentItemId;
  const floor: Floor = {
    speechId: ctx.newId(),
    participantId,
    kind,
    topic,
    itemId,
    startedAt: ctx.now,
    limitMs: limitMs(state, itemId, kind),
    extendedMs: 0,
    pauses: [],
  };
  const requests = state.queue.requests.filter((r) => r.id !== request?.id);
  const manualOrder = state.queue.manualOrder.filter((id) => id !== request?.id);
  // A reply given without a request (the moderator's own choice) answers what is under discussion.
  const replyTo = request ? request.replyTo : discussedSpeechId(state);
  const discussed = discussionAfter(state, floor, replyTo);
  const next = { ...ended.state, floor, queue: { ...state.queue, requests, manualOrder, discussed, undo: null } };
  return done(next, [...ended.events, { type: 'floor.given', floor }], { speechId: floor.speechId });
}

/** The floor named by a command must be the one on the floor now. */
function current(state: RoundtableState, speechId: string): Floor | Failure {
  if (state.floor?.speechId === speechId) return state.floor;
  return refusal('speech_over');
}
const isFailure = (x: Floor | Failure): x is Failure => 'ok' in x;
const withFloor = (state: RoundtableState, floor: Floor): RoundtableState => ({ ...state, floor });

export const floorHandlers: HandlerMap<
  'floor.next' | 'floor.give' | 'floor.pause' | 'floor.resume' | 'floor.extend' | 'floor.end' | 'floor.setSettings'
> = {
  'floor.next': (state, { expectedSpeechId }, ctx) => {
    const stale = checkExpected(state, expectedSpeechId);
    if (stale) return stale;
    const first = orderQueue(state)[0]?.request;
    if (!first) return refusal('nobody_waiting');
    return giveFloor(state, first.participantId, first.kind, first.topic, first, ctx);
  },
  'floor.give': (state, { participantId, requestId, kind, expectedSpeechId }, ctx) => {
    const stale = checkExpected(state, expectedSpeechId);
    if (stale) return stale;
    if (!state.participants.some((p) => p.id === participantId && isActive(p))) {
      return refusal('participant_not_found');
    }
    const request = requestId === undefined ? undefined : state.queue.requests.find((r) => r.id === requestId);
    if (requestId !== undefined && request?.participantId !== participantId) {
      return refusal('request_gone');
    }
    return giveFloor(state, participantId, request?.kind ?? kind, request?.topic ?? '', request, ctx);
  },
  'floor.pause': (state, { speechId }, ctx) => {
    const floor = current(state, speechId);
    if (isFailure(floor)) return floor;
    if (floor.pauses.at(-1)?.end === null) return done(state, []);
    return done(withFloor(state, { ...floor, pauses: [...floor.pauses, { start: ctx.now, end: null }] }), [
      { type: 'floor.paused', speechId, at: ctx.now },
    ]);
  },
  'floor.resume': (state, { speechId }, ctx) => {
    const floor = current(state, speechId);
    if (isFailure(floor)) return floor;
    if (floor.pauses.at(-1)?.end !== null) return done(state, []);
    const pauses = floor.pauses.map((p) => (p.end === null ? { ...p, end: ctx.now } : p));
    return done(withFloor(state, { ...floor, pauses }), [{ type: 'floor.resumed', speechId, at: ctx.now }]);
  },
  'floor.extend': (state, { speechId, seconds }) => {
    const floor = current(state, speechId);
    if (isFailure(floor)) return floor;
    return done(withFloor(state, { ...floor, extendedMs: floor.extendedMs + seconds * 1000 }), [
      { type: 'floor.extended', speechId, seconds },
    ]);
  },
  'floor.end': (state, { speechId }, ctx) => {
    const floor = current(state, speechId);
    if (isFailure(floor)) return floor;
    const ended = endFloor(state, ctx.now);
    return done(ended.state, ended.events);
  },
  'floor.setSettings': (state, { settings }) => {
    const floorSettings = { ...state.floorSettings, ...settings };
    return done({ ...state, floorSettings }, [{ type: 'floor.settingsChanged', settings: floorSettings }]);
  },
};
