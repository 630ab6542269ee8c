import { z } from 'zod';
import { Localized } from '../common.js';
import { seriesOf, type Series } from './schema.js';
import { RoundtableInfo, type RoundtableState } from '../state.js';
import { exportAgenda } from '../agenda/file.js';
import type { CreateRoundtableInput } from '../roundtable/create.js';

/** The body of `POST /api/roundtables/:id/editions`: the new date, and a new title if the old one will not do. */
export const NextEditionRequest = z
  .object({
    startsAt: RoundtableInfo.shape.startsAt,
    title: Localized.optional(),
  })
  .strict();
export type NextEditionRequest = z.infer<typeof NextEditionRequest>;

/**
 * What the next edition starts from: the same organisers, languages, time zone, venue, delegations, floor
 * settings and agenda, on a new date. The agenda goes through its file form (agendaFile.ts), so invited
 * speakers travel by name, function and delegation and wait as placeholders until those people join the
 * new roster. Nothing of what happened (runs, speeches, people, links) comes along.
 */
export function nextEditionInput(previous: RoundtableState, request: NextEditionRequest): CreateRoundtableInput {
  return {
    title: request.title ?? previous.title,
    description: previous.description,
    startsAt: request.startsAt,
    timeZone: previous.timeZone,
    venue: previous.venue,
    organisers: previous.organisers,
    languages: previous.languages,
    delegations: previous.delegations.map(({ name, defaultLanguage }) => ({ name, defaultLanguage })),
    agenda: exportAgenda(previous).agenda,
    floorSettings: previous.floorSettings,
  };
}

/** The next edition's place in the series: one further, made from `previous`. */
export function nextSeries(previous: Pick<RoundtableState, 'id' | 'series'>): Series {
  const series = seriesOf(previous);
  return { id: series.id, edition: series.edition + 1, previousId: previous.id };
}
