import { z } from 'zod';
import { Lang, LIMITS, text } from '../common.js';
import type { DomainEvent } from '../events.js';
import { AgendaItemFields, MAX_AGENDA_ITEMS, type AgendaItem } from '../agenda/schema.js';
import { DEFAULT_FLOOR_SETTINGS, FloorSettings } from '../floor/schema.js';
import { EMPTY_QUEUE } from '../queue/schema.js';
import type { Series } from '../series/schema.js';
import { EMPTY_REVIEW } from '../review/schema.js';
import { NO_CONTRIBUTIONS } from '../contribution/schema.js';
import { RETENTION_LIMITS } from '../roster/retention.js';
import { DEFAULT_PROJECTOR_VIEW, RoundtableInfo, type Delegation, type RoundtableState } from '../state.js';

export const NewDelegation = z.object({
  name: text(LIMITS.delegationName),
  defaultLanguage: Lang.nullable().default(null),
});

/**
 * The body of "create a roundtable": a title and its languages are needed; what may be empty (description,
 * start, venue, organisers, delegations, agenda) may also be left out.
 */
export const CreateRoundtableInput = RoundtableInfo.extend({
  description: RoundtableInfo.shape.description.default(''),
  startsAt: RoundtableInfo.shape.startsAt.default(null),
  venue: RoundtableInfo.shape.venue.default(''),
  organisers: RoundtableInfo.shape.organisers.default([]),
  delegations: z
    .array(NewDelegation)
    .max(LIMITS.delegations)
    .default([])
    .refine((ds) => new Set(ds.map((d) => d.name.toLocaleLowerCase())).size === ds.length, 'lists a delegation twice'),
  floorSettings: FloorSettings.optional(),
  agenda: z
    .array(AgendaItemFields)
    .max(MAX_AGENDA_ITEMS)
    .default([])
    .refine(
      (items) => items.every((i) => i.invitedSpeakers.every((s) => typeof s !== 'string')),
      'invited speakers are named (name, function, delegation) until they are in the roster',
    ),
}).strict();
export type CreateRoundtableInput = z.input<typeof CreateRoundtableInput>;

/** A new, not yet started agenda item. */
export function newAgendaItem(fields: AgendaItemFields, id: string, rev: number): AgendaItem {
  return { ...fields, id, status: 'pending', runs: [], extendedMinutes: 0, rev };
}

export interface CreateContext {
  id: string;
  now: number;
  joinCode: string;
  newId: () => string;
  /** The first moderator link, minted with the roundtable. */
  moderatorLinkId: string;
  /** Its place in a series (a next edition's); a new roundtable starts a series of its own. */
  series?: Series;
}

export function createRoundtable(
  input: z.output<typeof CreateRoundtableInput>,
  ctx: CreateContext,
): { state: RoundtableState; events: DomainEvent[] } {
  const { delegations, agenda, floorSettings, ...info } = input;
  const state: RoundtableState = {
    ...info,
    id: ctx.id,
    version: 1,
    createdAt: ctx.now,
    joinCode: ctx.joinCode,
    joinLocked: false,
    invitationOnly: false,
    delegations: delegations.map((d): Delegation => ({ id: ctx.newId(), ...d })),
    participants: [],
    links: [{ id: ctx.moderatorLinkId, role: 'moderator', label: '', createdAt: ctx.now, revokedAt: null }],
    agenda: agenda.map((fields): AgendaItem => newAgendaItem(fields, ctx.newId(), 1)),
    currentItemId: null,
    floorSettings: floorSettings ?? DEFAULT_FLOOR_SETTINGS,
    queue: EMPTY_QUEUE,
    floor: null,
    speeches: [],
    documentPublished: false,
    projector: DEFAULT_PROJECTOR_VIEW,
    series: ctx.series ?? { id: ctx.id, edition: 1, previousId: null },
    endedAt: null,
    review: EMPTY_REVIEW,
    polls: [],
    contributions: NO_CONTRIBUTIONS,
    remarks: [],
    personalDataErasedAt: null,
    retentionDays: RETENTION_LIMITS.defaultDays,
    privacyNotice: {},
  };
  return {
    state,
    events: [
      { type: 'roundtable.created', info, joinCode: ctx.joinCode },
      ...state.delegations.map((delegation): DomainEvent => ({ type: 'delegation.added', delegation })),
      { type: 'link.created', linkId: ctx.moderatorLinkId, role: 'moderator', label: '' },
      ...state.agenda.map((item): DomainEvent => ({ type: 'agenda.itemAdded', item })),
    ],
  };
}
