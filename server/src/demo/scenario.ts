import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Lang, PersonRole, type CreateRoundtableResponse, type Failure } from '@roundtable/shared';
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
export function loadDemo(roundtables: Roundtables, store: Store, publicUrl: string): CreateRoundtableResponse | Failure {
  const s = readScenario();
  const created = createRoundtableFromInput(roundtables, store, publicUrl, {
    title: s.title,
    description: s.about,
    startsAt: null,
    venue: s.venue,
    organisers: s.organisers,
    languages: s.languages,
    delegations: s.delegations.map((d) => ({ name: d.name, defaultLanguage: d.default_language })),
  });
  if ('ok' in created) return created;
  const credential = { kind: 'link', linkId: created.moderatorLinkId } as const;
  const names = new Map(s.delegations.map((d) => [d.id, d.name]));
  for (const p of s.participants) {
    const state = roundtables.get(created.roundtableId);
    const delegationName = names.get(p.delegation);
    const delegation = state?.delegations.find((d) => d.name === delegationName);
    const profile = { name: p.name, function: p.function, delegation: delegation ? { id: delegation.id } : null, language: p.language };
    const ack = roundtables.execute(created.roundtableId, { credential }, {
      baseVersion: state?.version ?? 0,
      command: { type: 'participant.add', profile, role: p.role },
    });
    if (!ack.ok) return ack;
  }
  return created;
}
