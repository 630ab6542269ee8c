import type { CommandOf } from '../commands.js';
import { discussedSpeechId } from './discussion.js';
import { refusal } from '../refusals.js';
import type { QueueState, RequestKind, SpeakerRequest } from './schema.js';
import { orderQueue } from './ordering.js';
import { askRefusal, isMovable } from './rules.js';
import { type RoundtableState } from '../state.js';
import { findParticipant, isActive } from '../roster/active.js';
import { letPass, yieldsOf, yieldTarget } from './yielding.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';

type Failure = Extract<Outcome, { ok: false }>;
const LABELS = {
  add: 'add request',
  withdraw: 'remove request',
  move: 'reorder',
  close: 'close list',
  reopen: 'reopen list',
  yield: 'let others go first',
};

/** Keeps the queue as it was, so the moderator's last queue action can be undone. */
const withUndo = (state: RoundtableState, label: string, now: number, queue: Partial<QueueState>): RoundtableState => ({
  ...state,
  queue: {
    ...state.queue,
    ...queue,
    undo: {
      label,
      requests: state.queue.requests,
      manualOrder: state.queue.manualOrder,
      closed: state.queue.closed,
      at: now,
    },
  },
});

/** The checks every new request passes, whoever files it: the asker is present, and the queue's rules allow it. */
function checkRequest(state: RoundtableState, participantId: string, type: RequestKind): Failure | string {
  const person = findParticipant(state, participantId);
  if (!person || !isActive(person)) return refusal('participant_not_found');
  const refused = askRefusal(state, participantId, type);
  return refused ? refusal(refused) : (state.currentItemId ?? refusal('item_not_started'));
}

function file(
  state: RoundtableState,
  cmd: CommandOf<'queue.request' | 'queue.add'>,
  participantId: string,
  ctx: ApplyContext,
) {
  const itemId = checkRequest(state, participantId, cmd.kind);
  if (typeof itemId !== 'string') return itemId;
  const request: SpeakerRequest = {
    id: ctx.newId(),
    participantId,
    kind: cmd.kind,
    topic: cmd.topic,
    itemId,
    requestedAt: ctx.now,
    replyTo: cmd.kind === 'reply' ? discussedSpeechId(state) : null,
  };
  return { request, requests: [...state.queue.requests, request] };
}

export const queueHandlers: HandlerMap<
  'queue.request' | 'queue.add' | 'queue.withdraw' | 'queue.move' | 'queue.yield' | 'queue.setClosed' | 'queue.undo'
> = {
  'queue.request': (state, cmd, ctx) => {
    if (ctx.actor.kind !== 'participant') return refusal('only_participants_ask');
    const filed = file(state, cmd, ctx.actor.participantId, ctx);
    if ('ok' in filed) return filed;
    return done(
      { ...state, queue: { ...state.queue, requests: filed.requests } },
      [{ type: 'queue.requested', request: filed.request }],
      {
        requestId: filed.request.id,
      },
    );
  },
  'queue.add': (state, cmd, ctx) => {
    const filed = file(state, cmd, cmd.participantId, ctx);
    if ('ok' in filed) return filed;
    return done(
      withUndo(state, LABELS.add, ctx.now, { requests: filed.requests }),
      [{ type: 'queue.requested', request: filed.request }],
      {
        requestId: filed.request.id,
      },
    );
  },
  'queue.withdraw': (state, { requestId }, ctx) => {
    const request = state.queue.requests.find((r) => r.id === requestId);
    if (!request) return refusal('request_not_found');
    const requests = state.queue.requests.filter((r) => r.id !== requestId);
    const manualOrder = state.queue.manualOrder.filter((id) => id !== requestId);
    const byOwner = ctx.actor.kind === 'participant' && ctx.actor.participantId === request.participantId;
    // An owner's withdrawal is not the moderator's to undo, and undo must not bring it back.
    const undo = state.queue.undo && {
      ...state.queue.undo,
      requests: state.queue.undo.requests.filter((r) => r.id !== requestId),
    };
    const next = byOwner
      ? { ...state, queue: { ...state.queue, requests, manualOrder, undo } }
      : withUndo(state, LABELS.withdraw, ctx.now, { requests, manualOrder });
    return done(next, [{ type: 'queue.withdrawn', requestId }]);
  },
  'queue.move': (state, { requestId, before }, ctx) => {
    const order = orderQueue(state).map((o) => o.request);
    const moving = order.find((r) => r.id === requestId);
    if (!moving) return refusal('request_not_found');
    if (!isMovable(moving)) return refusal('order_fixed');
    // The arrangement is the current order of everything movable, with the move applied.
    const rest = order.filter((r) => r.id !== requestId && isMovable(r)).map((r) => r.id);
    const at = before === null ? rest.length : rest.indexOf(before);
    if (at < 0) return refusal('anchor_gone');
    const manualOrder = [...rest.slice(0, at), requestId, ...rest.slice(at)];
    if (
      manualOrder.join() ===
      order
        .filter(isMovable)
        .map((r) => r.id)
        .join()
    )
      return done(state, []);
    // The moderator's arrangement wins over a yield it contradicts.
    const place = new Map(manualOrder.map((id, i) => [id, i]));
    const contradicts = (r: SpeakerRequest, ahead: string) =>
      (r.id === requestId || ahead === requestId) && (place.get(r.id) ?? Infinity) < (place.get(ahead) ?? -1);
    const requests = state.queue.requests.map((r) =>
      yieldsOf(r).some((id) => contradicts(r, id))
        ? { ...r, yieldedTo: yieldsOf(r).filter((id) => !contradicts(r, id)) }
        : r,
    );
    return done(withUndo(state, LABELS.move, ctx.now, { manualOrder, requests }), [
      { type: 'queue.moved', requestId, before },
    ]);
  },
  'queue.yield': (state, { requestId, to }, ctx) => {
    const order = orderQueue(state);
    const at = order.findIndex((o) => o.request.id === requestId);
    const request = order[at]?.request;
    if (!request) return refusal('request_not_found');
    if (yieldTarget(order, requestId) === null) {
      return request.kind === 'point_of_order' ? refusal('order_cannot_yield') : refusal('nobody_behind');
    }
    const target = order.findIndex((o) => o.request.id === to);
    if (target < 0) return refusal('yield_target_gone');
    if (target <= at) return refusal('yield_only_back');
    // Everyone up to the one named passes: the request moves down, and only down.
    const passed = order.slice(at + 1, target + 1).map((o) => o.request.id);
    const requests = letPass(state.queue.requests, requestId, passed);
    const byOwner = ctx.actor.kind === 'participant' && ctx.actor.participantId === request.participantId;
    // Like a withdrawal, an owner's choice is not the moderator's to undo: the undo step keeps it too.
    const undo = state.queue.undo && {
      ...state.queue.undo,
      requests: letPass(state.queue.undo.requests, requestId, passed),
    };
    const next = byOwner
      ? { ...state, queue: { ...state.queue, requests, undo } }
      : withUndo(state, LABELS.yield, ctx.now, { requests });
    return done(next, [{ type: 'queue.yielded', requestId, to }]);
  },
  'queue.setClosed': (state, { closed }, ctx) => {
    if (state.queue.closed === closed) return done(state, []);
    return done(withUndo(state, closed ? LABELS.close : LABELS.reopen, ctx.now, { closed }), [
      { type: 'queue.closedChanged', closed },
    ]);
  },
  'queue.undo': (state) => {
    const undo = state.queue.undo;
    if (!undo) return refusal('nothing_to_undo');
    // Requests made after the undone action stay: undo never throws away someone else's ask.
    const known = new Set(undo.requests.map((r) => r.id));
    const later = state.queue.requests.filter((r) => !known.has(r.id) && r.requestedAt >= undo.at);
    const queue: QueueState = {
      requests: [...undo.requests, ...later],
      manualOrder: undo.manualOrder,
      closed: undo.closed,
      discussed: state.queue.discussed,
      undo: null,
    };
    return done({ ...state, queue }, [{ type: 'queue.undone', label: undo.label }]);
  },
};
