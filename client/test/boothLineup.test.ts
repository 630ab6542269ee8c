import { describe, expect, it } from 'vitest';
import { viewFor, type Actor } from '@roundtable/shared';
import { Scenario } from '../../shared/test/support/roundtable';
import { speakingNext, speakingNow } from '../src/pages/booth/lineup';

const as = (participantId: string): Actor => ({
  kind: 'participant',
  participantId,
  role: 'participant',
  pending: false,
});

/** An opening item with two invited speakers (one sent a text), a third person asking, and the floor given. */
function room() {
  const s = new Scenario();
  const natalya = s.invite('Наталья Иванова', 'Frontex', { role: 'speaker', language: 'ru' });
  const alikhan = s.invite('Әлихан Бөкейхан', 'Europol', { role: 'speaker', language: 'kk' });
  for (const id of [natalya, alikhan]) s.do({ type: 'participant.setArrived', participantId: id, arrived: true });
  const jose = s.person('José Ramírez', 'OSCE');
  const item = s.item('Opening', 30, { invitedSpeakers: [natalya, alikhan] });
  s.do({ type: 'agenda.start', itemId: item });
  s.do({ type: 'remarks.submit', language: 'kk', text: 'Құрметті әріптестер!' }, as(alikhan));
  s.do({ type: 'queue.request', kind: 'speech', topic: '' }, jose.actor);
  return { s, natalya, alikhan, jose: jose.id };
}

describe('the booth’s lineup', () => {
  it('names who speaks now and next, each with their language and their text if sent', () => {
    const { s, natalya, alikhan, jose } = room();
    s.do({ type: 'floor.give', participantId: natalya, kind: 'opening', expectedSpeechId: null });
    const rt = viewFor(s.state, 'booth');
    expect(speakingNow(rt)).toMatchObject({ person: { id: natalya }, language: 'ru', remarks: undefined });
    const next = speakingNext(rt);
    expect(next.map((n) => n.person.id)).toEqual([alikhan, jose]);
    expect(next[0]).toMatchObject({ language: 'kk', invited: true, remarks: { text: 'Құрметті әріптестер!' } });
    expect(next[1]).toMatchObject({ invited: false, remarks: undefined });
  });

  it('shows no texts from a view that carries none, and nobody on the floor before it is given', () => {
    const { s } = room();
    const rt = viewFor(s.state, 'public');
    expect(speakingNow(rt)).toBeNull();
    expect(speakingNext(rt).every((n) => n.remarks === undefined)).toBe(true);
  });
});
