import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  AgendaItemKind,
  DEFAULT_FLOOR_SETTINGS,
  SpeakingLimits,
  Lang,
  PersonRole,
  zonedDate,
  type AgendaItemFields,
  type CreateRoundtableResponse,
  type Failure,
} from '@roundtable/shared';
import { createRoundtableFromInput } from '../create.js';
import type { Roundtables } from '../roundtables.js';
import type { Store } from '../store/store.js';

/** The shape of a scenario file (a copy of the shared one ships with the server). */
export const Scenario = z.object({
  about: z.string(),
  title: z.object({ en: z.string(), ru: z.string(), kk: z.string() }),
  venue: z.string(),
  languages: z.array(Lang),
  organisers: z.array(z.string()),
  delegations: z.array(z.object({ id: z.string(), name: z.string(), default_language: Lang })),
  agenda: z.array(
    z.object({
      kind: AgendaItemKind,
      minutes: z.number().int(),
      title: z.object({ en: z.string(), ru: z.string(), kk: z.string() }),
      speakers_in_order: z.array(z.number().int()).optional(),
    }),
  ),
  speaking_limits_seconds: z.record(z.string(), z.number().int()),
  participants: z.array(
    z.object({ name: z.string(), function: z.string(), delegation: z.string(), language: Lang, role: PersonRole }),
  ),
});
export type Scenario = z.infer<typeof Scenario>;

export function readScenario(): Scenario {
  const file = new URL('./eu-kazakhstan-roundtable.json', import.meta.url);
  return Scenario.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** Loads the Astana scenario as a ready roundtable: delegations and the whole roster, as a moderator would enter them. */
export async function loadDemo(
  roundtables: Roundtables,
  store: Store,
  publicUrl: string,
): Promise<CreateRoundtableResponse | Failure> {
  const s = readScenario();
  const created = await createRoundtableFromInput(roundtables, store, publicUrl, {
    title: s.title,
    description: s.about,
    // The demo is always "today at 09:30 in Astana", so the schedule and forecast are live.
    startsAt: `${zonedDate(Date.now(), TIME_ZONE)}T09:30`,
    timeZone: TIME_ZONE,
    venue: s.venue,
    organisers: s.organisers,
    languages: s.languages,
    delegations: s.delegations.map((d) => ({ name: d.name, defaultLanguage: d.default_language })),
    floorSettings: { ...DEFAULT_FLOOR_SETTINGS, speakingLimits: SpeakingLimits.parse(s.speaking_limits_seconds) },
  });
  if ('ok' in created) return created;
  const credential = { kind: 'link', linkId: created.moderatorLinkId } as const;
  const run = async (command: unknown) =>
    roundtables.execute(
      created.roundtableId,
      { credential, linkBase: publicUrl },
      { baseVersion: (await roundtables.get(created.roundtableId))?.version ?? 0, command },
    );
  const names = new Map(s.delegations.map((d) => [d.id, d.name]));
  const ids: string[] = [];
  for (const p of s.participants) {
    const delegation = (await roundtables.get(created.roundtableId))?.delegations.find(
      (d) => d.name === names.get(p.delegation),
    );
    const profile = {
      name: p.name,
      function: p.function,
      delegation: delegation ? { id: delegation.id } : null,
      language: p.language,
    };
    const ack = await run({ type: 'participant.add', profile, role: p.role });
    if (!ack.ok) return ack;
    ids.push(ack.result?.participantId ?? '');
  }
  const items = s.agenda.map((a): AgendaItemFields => ({
    title: a.title,
    notes: '',
    kind: a.kind,
    plannedMinutes: a.minutes,
    fixedStart: null,
    invitedSpeakers: (a.speakers_in_order ?? []).flatMap((n) => ids[n] ?? []),
    speakingLimits: null,
    orderingPolicy: null,
  }));
  const imported = await run({ type: 'agenda.import', items, mode: 'replace' });
  return imported.ok ? created : imported;
}

const TIME_ZONE = 'Asia/Almaty';
