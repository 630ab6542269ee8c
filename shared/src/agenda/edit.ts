import {
  isPlaceholder,
  MAX_AGENDA_ITEMS,
  type AgendaItem,
  type AgendaItemFields,
  type InvitedSpeaker,
} from './schema.js';
import { localize } from '../common.js';
import { refusal } from '../refusals.js';
import { type RoundtableState } from '../state.js';
import { isActive } from '../roster/active.js';
import { newAgendaItem } from '../roundtable/create.js';
import { resolveInvited, speakerKey } from './invited.js';
import { done, type ApplyContext, type HandlerMap, type Outcome } from '../handler.js';

type Failure = Extract<Outcome, { ok: false }>;

export const titleOf = (state: RoundtableState, item: AgendaItem): string =>
  localize(item.title, state.languages[0] ?? 'en', state.languages);

export function findItem(state: RoundtableState, itemId: string): AgendaItem | Failure {
  return state.agenda.find((i) => i.id === itemId) ?? refusal('item_not_found');
}

export const isFailure = (x: AgendaItem | Failure): x is Failure => 'ok' in x;

/** Invited speakers named by id must be people in the roster; a named one may be someone still to come. */
function checkSpeakers(state: RoundtableState, speakers: readonly InvitedSpeaker[]): Failure | undefined {
  const unknown = speakers.find((s) => !isPlaceholder(s) && !state.participants.some((p) => p.id === s && isActive(p)));
  if (unknown) return refusal('invited_not_in_roster');
  if (new Set(speakers.map(speakerKey)).size !== speakers.length) return refusal('invited_twice');
  return undefined;
}

/** The fields with each named speaker who is present matched to the roster, and checked. */
function withSpeakers<F extends Partial<AgendaItemFields>>(state: RoundtableState, fields: F): F | Failure {
  if (!fields.invitedSpeakers) return fields;
  const invitedSpeakers = resolveInvited(state, fields.invitedSpeakers);
  return checkSpeakers(state, invitedSpeakers) ?? { ...fields, invitedSpeakers };
}

const refused = (x: object): x is Failure => 'ok' in x;

/** Inserts after the item named (null: first; undefined: last). */
function insertAfter(
  agenda: AgendaItem[],
  item: AgendaItem,
  after: string | null | undefined,
): AgendaItem[] | undefined {
  if (after === undefined) return [...agenda, item];
  if (after === null) return [item, ...agenda];
  const index = agenda.findIndex((i) => i.id === after);
  return index < 0 ? undefined : [...agenda.slice(0, index + 1), item, ...agenda.slice(index + 1)];
}

function add(
  state: RoundtableState,
  fields: AgendaItemFields,
  after: string | null | undefined,
  ctx: ApplyContext,
): Outcome {
  if (state.agenda.length >= MAX_AGENDA_ITEMS) return refusal('too_many_items', { max: MAX_AGENDA_ITEMS });
  const checked = withSpeakers(state, fields);
  if (refused(checked)) return checked;
  const item = newAgendaItem(checked, ctx.newId(), state.version + 1);
  const agenda = insertAfter(state.agenda, item, after);
  if (!agenda) return refusal('after_gone');
  return done({ ...state, agenda }, [{ type: 'agenda.itemAdded', item }]);
}

function replaceItem(state: RoundtableState, item: AgendaItem): RoundtableState {
  return { ...state, agenda: state.agenda.map((i) => (i.id === item.id ? item : i)) };
}

export const agendaEditHandlers: HandlerMap<
  'agenda.add' | 'agenda.update' | 'agenda.remove' | 'agenda.move' | 'agenda.duplicate' | 'agenda.import'
> = {
  'agenda.add': (state, { fields, after }, ctx) => add(state, fields, after, ctx),
  'agenda.update': (state, { itemId, fields }, ctx) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.rev > ctx.baseVersion) {
      return refusal('item_changed', { title: titleOf(state, item) });
    }
    const checked = withSpeakers(state, fields);
    if (refused(checked)) return checked;
    const updated: AgendaItem = { ...item, ...checked, rev: state.version + 1 };
    return done(replaceItem(state, updated), [{ type: 'agenda.itemUpdated', item: updated }]);
  },
  'agenda.remove': (state, { itemId }) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (item.status === 'running') return refusal('item_running', { title: titleOf(state, item) });
    if (item.runs.length > 0) return refusal('item_held', { title: titleOf(state, item) });
    const currentItemId = state.currentItemId === itemId ? null : state.currentItemId;
    return done({ ...state, agenda: state.agenda.filter((i) => i.id !== itemId), currentItemId }, [
      { type: 'agenda.itemRemoved', itemId },
    ]);
  },
  'agenda.move': (state, { itemId, after }) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    if (after === itemId) return done(state, []);
    const agenda = insertAfter(
      state.agenda.filter((i) => i.id !== itemId),
      item,
      after,
    );
    if (!agenda) return refusal('moved_after_gone');
    if (agenda.every((i, n) => i.id === state.agenda[n]?.id)) return done(state, []);
    return done({ ...state, agenda }, [{ type: 'agenda.itemMoved', itemId, after }]);
  },
  'agenda.duplicate': (state, { itemId }, ctx) => {
    const item = findItem(state, itemId);
    if (isFailure(item)) return item;
    const { id: _id, status: _s, runs: _r, extendedMinutes: _e, rev: _v, ...fields } = item;
    return add(state, fields, itemId, ctx);
  },
  'agenda.import': (state, { items, mode }, ctx) => {
    if (mode === 'replace' && state.agenda.some((i) => i.runs.length > 0)) {
      return refusal('agenda_started');
    }
    const kept = mode === 'replace' ? [] : state.agenda;
    if (kept.length + items.length > MAX_AGENDA_ITEMS) return refusal('too_many_items', { max: MAX_AGENDA_ITEMS });
    const added: AgendaItem[] = [];
    for (const fields of items) {
      const checked = withSpeakers(state, fields);
      if (refused(checked)) return checked;
      added.push(newAgendaItem(checked, ctx.newId(), state.version + 1));
    }
    const currentItemId = mode === 'replace' ? null : state.currentItemId;
    return done({ ...state, agenda: [...kept, ...added], currentItemId }, [
      { type: 'agenda.imported', mode, count: added.length },
    ]);
  },
};
