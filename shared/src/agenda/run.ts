import { isPlaceholder, type AgendaItem } from './schema.js';
import type { DomainEvent } from '../events.js';
import { refusal } from '../refusals.js';
import { type RoundtableState } from '../state.js';
import { activeParticipants } from '../roster/active.js';
import { findItem, isFailure, titleOf } from './edit.js';
import type { SpeakerRequest } from '../queue/schema.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';

const withItem = (state: RoundtableState, item: AgendaItem): RoundtableState => ({
  ...state,
  agenda: state.agenda.map((i) => (i.id === item.id ? item : i)),
});

const closeRun = (item: AgendaItem, now: number, rev: number): AgendaItem => ({
  ...item,
  status: 'done',
  runs: item.runs.map((r) => (r.end === null ? { ...r, end: now } : r)),
  rev,
});

/** Only one item runs at a time: starting another finishes the one running, at the same instant. */
function finishRunning(state: RoundtableState, now: number): { state: RoundtableState; events: DomainEvent[] } {
  const running = state.agenda.find((i) => i.status === 'running');
  if (!running) return { state, events: [] };
  return {
    state: withItem(state, closeRun(running, now, state.version + 1)),
    events: [{ type: 'agenda.itemFinished', itemId: running.id, at: now }],
  };
}

/** Invited speakers (opening remarks, panels) enter the queue in protocol order when their item starts. */
function invite(
  state: RoundtableState,
  item: AgendaItem,
  ctx: ApplyContext,
): { state: RoundtableState; events: DomainEvent[] } {
  const waiting = new Set(state.queue.requests.filter((r) => r.itemId === item.id).map((r) => r.participantId));
  const present = new Set(activeParticipants(state).map((p) => p.id));
  // A placeholder nobody has matched yet names someone who is not here: they cannot wait for the floor.
  const requests: SpeakerRequest[] = item.invitedSpeakers
    .filter((s): s is string => !isPlaceholder(s) && present.has(s) && !waiting.has(s))
    .map((participantId) => ({
      id: ctx.newId(),
      participantId,
      kind: 'opening',
      topic: '',
      itemId: item.id,
      requestedAt: ctx.now,
      replyTo: null,
    }));
  return {
    state: { ...state, queue: { ...state.queue, requests: [...state.queue.requests, ...requests] } },
    events: requests.map((request): DomainEvent => ({ type: 'queue.requested', request })),
  };
}

function run(state: RoundtableState, item: AgendaItem, ctx: ApplyContext, reopened: boolean): Outcome {
  const now = ctx.now;
  const finished = finishRunning(state, now);
  const before = reopened
    ? finished
    : (({ state: s, events }) => ({ state: s, events: [...finished.events, ...events] }))(
        invite(finished.state, item, ctx),
      );
  const started: AgendaItem = {
    ...item,
    status: 'running',
    runs: [...item.runs, { start: now, end: null }],
    rev: state.version + 1,
  };
  const event: DomainEvent = reopened
    ? { type: 'agenda.itemReopened', itemId: item.id, at: now }
    : { type: 'agenda.itemStarted', itemId: item.id, at: now };
  return done({ ...withItem(before.state, started), currentItemId: item.id }, [...before.events, event]);
}

export const agendaRunHandlers: HandlerMap<
  'agenda.setCurrent' | 'agenda.start' | 'agenda.finish' | 'agenda.skip' | 'agenda.extend' | 'agenda.reopen'
> = {
  'agenda.setCurrent': (state, { itemId }) => {
    if (itemId !== null) {
      const item = findItem(state, itemId);
      if (isFailure(item)) return item;
    }
    if (state.currentItemId === itemId) return done(state, []);
    const running = state.agenda.find((i) => i.status === 'running');
    if (running && running.id !== itemId) {
      return refusal('other_item_running', { title: titleOf(state, running) });
    }
    return done({ ...state, currentItemId: itemId }, [{ type: 'agenda.currentChanged', itemId }]);
  },
  'agenda.start': (state, { itemId }, ctx) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'running') return done(state, []);
    if (item.status !== 'pending') {
      return refusal(item.status === 'done' ? 'item_finished' : 'item_skipped', { title: titleOf(state, item) });
    }
    return run(state, item, ctx, false);
  },
  'agenda.finish': (state, { itemId }, ctx) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'done') return done(state, []);
    if (item.status !== 'running') return refusal('item_not_begun', { title: titleOf(state, item) });
    return done(withItem(state, closeRun(item, ctx.now, state.version + 1)), [
      { type: 'agenda.itemFinished', itemId, at: ctx.now },
    ]);
  },
  'agenda.skip': (state, { itemId }) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'skipped') return done(state, []);
    if (item.status !== 'pending') return refusal('item_begun', { title: titleOf(state, item) });
    const currentItemId = state.currentItemId === itemId ? null : state.currentItemId;
    return done({ ...withItem(state, { ...item, status: 'skipped', rev: state.version + 1 }), currentItemId }, [
      { type: 'agenda.itemSkipped', itemId },
    ]);
  },
  'agenda.extend': (state, { itemId, minutes }) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'done' || item.status === 'skipped') {
      return refusal('item_over', { title: titleOf(state, item) });
    }
    const extended = { ...item, extendedMinutes: item.extendedMinutes + minutes, rev: state.version + 1 };
    return done(withItem(state, extended), [{ type: 'agenda.itemExtended', itemId, minutes }]);
  },
  'agenda.reopen': (state, { itemId }, ctx) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'running') return done(state, []);
    if (item.status === 'pending') return refusal('item_not_held', { title: titleOf(state, item) });
    return run(state, item, ctx, true);
  },
};
