import { describe, expect, it } from 'vitest';
import { AgendaFile, exportAgenda, RoundtableState, type Actor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };

/** Last year's roundtable: an opening with three invited speakers in protocol order. */
function lastYear() {
  const s = new Scenario();
  const speakers = [
    s.person('Ruslan Bekov', 'Europol').id,
    s.person('Aigerim Sultanova', 'OSCE').id,
    s.person('Jean Dupont', null).id,
  ];
  s.item('Opening remarks', 20, { kind: 'opening', invitedSpeakers: speakers });
  // Through JSON and the file's schema, as the console reads a file.
  const file = AgendaFile.parse(JSON.parse(JSON.stringify(exportAgenda(s.state))));
  return { s, speakers, file };
}

const invited = (s: Scenario) => s.state.agenda[0]?.invitedSpeakers;
const join = (s: Scenario, name: string, delegation: string | null) =>
  s.do(
    {
      type: 'participant.join',
      profile: { name, function: '', delegation: delegation ? { name: delegation } : null, language: 'en' },
    },
    VISITOR,
  ).participantId;

describe('an agenda carried to another roundtable', () => {
  it('exports invited speakers by name, function and delegation', () => {
    const { file } = lastYear();
    expect(file.agenda[0]?.invitedSpeakers).toEqual([
      { name: 'Ruslan Bekov', function: 'Expert', delegation: 'Europol' },
      { name: 'Aigerim Sultanova', function: 'Expert', delegation: 'OSCE' },
      { name: 'Jean Dupont', function: 'Expert', delegation: null },
    ]);
  });

  it('matches them to the roster by name and delegation as people mean them; the rest wait as placeholders', () => {
    const { file } = lastYear();
    const s = new Scenario();
    const ruslan = s.person('  ruslan   BEKOV ', 'Europol').id;
    s.person('Aigerim Sultanova', 'Frontex'); // the same name in another delegation is another person
    s.do({ type: 'agenda.import', items: file.agenda, mode: 'append' });
    expect(invited(s)).toEqual([
      ruslan,
      { name: 'Aigerim Sultanova', function: 'Expert', delegation: 'OSCE' },
      { name: 'Jean Dupont', function: 'Expert', delegation: null },
    ]);
  });

  it('matches a placeholder when that person joins or is added, and only then lets them into the queue', () => {
    const { file } = lastYear();
    const s = new Scenario();
    s.do({ type: 'agenda.import', items: file.agenda, mode: 'replace' });
    const aigerim = join(s, 'Aigerim Sultanova', 'osce');
    expect(s.lastEvents).toContainEqual({
      type: 'agenda.speakerMatched',
      itemId: s.state.agenda[0]?.id,
      participantId: aigerim,
    });
    join(s, 'Jean Dupont', 'Europol'); // named without a delegation: this is someone else
    const opening = s.state.agenda[0]?.id ?? '';
    s.do({ type: 'agenda.start', itemId: opening });
    // Ruslan and Jean are not here yet: only Aigerim waits, though she is second in protocol order.
    expect(s.state.queue.requests.map((r) => r.participantId)).toEqual([aigerim]);
    expect(invited(s)?.[0]).toMatchObject({ name: 'Ruslan Bekov' });
    const ruslan = s.person('Ruslan Bekov', 'Europol').id;
    expect(invited(s)?.slice(0, 2)).toEqual([ruslan, aigerim]);
    expect(invited(s)?.[2]).toMatchObject({ name: 'Jean Dupont', delegation: null });
  });

  it('still imports an older file of roster ids into its own roundtable, and refuses it elsewhere', () => {
    const { s, speakers } = lastYear();
    // What the console exported before: the item's fields, invited speakers as roster ids.
    const old = { title: { en: 'Opening remarks' }, kind: 'opening', plannedMinutes: 20, invitedSpeakers: speakers };
    const file = AgendaFile.parse({ agenda: [old] });
    s.do({ type: 'agenda.import', items: file.agenda, mode: 'append' });
    expect(s.state.agenda[1]?.invitedSpeakers).toEqual(speakers);
    expect(new Scenario().fail({ type: 'agenda.import', items: file.agenda, mode: 'append' })).toMatchObject({
      code: 'not_found',
      message: 'An invited speaker is not in the roster.',
    });
  });

  it('loads a stored state whose invited speakers are ids', () => {
    const { s } = lastYear();
    expect(RoundtableState.parse(JSON.parse(JSON.stringify(s.state))).agenda[0]?.invitedSpeakers).toHaveLength(3);
  });

  it('refuses the same person twice, by id or by name', () => {
    const { file } = lastYear();
    const s = new Scenario();
    const twice = {
      ...file.agenda[0]!,
      invitedSpeakers: [{ name: 'Jean Dupont', delegation: null }, { name: 'JEAN DUPONT' }],
    };
    const parsed = AgendaFile.parse({ agenda: [twice] });
    expect(s.fail({ type: 'agenda.import', items: parsed.agenda, mode: 'append' }).code).toBe('invalid');
  });
});
