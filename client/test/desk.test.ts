import { describe, expect, it } from 'vitest';
import { viewFor, type Actor, type StateView } from '@roundtable/shared';
import { Scenario } from '../../shared/test/support/roundtable';
import { personMatcher } from '../src/lib/personSearch';
import { arrivalOf, attendanceTotals, groupByDelegation, inFilter, onDeskList } from '../src/pages/desk/attendance';

const DESK: Actor = { kind: 'link', linkId: 'desk-link', role: 'desk' };
const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };

/**
 * The door half an hour in: five on the list (Frontex's two both came, one marked at the desk and one by
 * their phone), a walk-in of no delegation still expected, one who joined with the code, one removed.
 */
function door() {
  const s = new Scenario();
  const ids = {
    natalya: s.invite('Наталья Иванова', 'Frontex', { language: 'ru' }),
    alikhan: s.invite('Әлихан Бөкейхан', 'Frontex', { language: 'kk' }),
    jose: s.invite('José Ramírez', 'Europol'),
    zhanar: s.invite('Жанар Ахметова', 'Europol'),
    walkIn: s.invite('Guest', ''),
    chen: s.person('Chen Wei', 'OSCE').id,
    gone: s.person('Removed Person', 'OSCE').id,
  };
  s.do({ type: 'participant.remove', participantId: ids.gone });
  s.do({ type: 'participant.setArrived', participantId: ids.natalya, arrived: true }, DESK);
  s.do({ type: 'invitation.claim', participantId: ids.alikhan, replacing: false }, VISITOR);
  // The desk sees what the rapporteurs see (view.ts).
  const rt: StateView = viewFor(s.state, 'rapporteur');
  const person = (id: string) => rt.participants.find((p) => p.id === id)!;
  return { s, rt, ids, person };
}

const names = (groups: ReturnType<typeof groupByDelegation>) =>
  groups.map((g) => [g.name, g.people.map((p) => p.name), g.tally]);

describe('the registration desk', () => {
  it('tells a mark of its own (which it may take back) from a phone’s, a join by code and the expected', () => {
    const { rt, ids, person } = door();
    expect(arrivalOf(person(ids.natalya))).toBe('desk');
    expect(arrivalOf(person(ids.alikhan))).toBe('phone');
    expect(arrivalOf(person(ids.chen))).toBe('joined');
    expect(arrivalOf(person(ids.jose))).toBe('expected');
    expect(rt.participants.filter(onDeskList).map((p) => p.name)).not.toContain('Removed Person');
  });

  it('counts expected, arrived and everyone, and each delegation, by name with no delegation last', () => {
    const { rt } = door();
    const { all, groups } = attendanceTotals(rt, 'en');
    expect(all).toEqual({ expected: 3, arrived: 3, total: 6 });
    expect(names(groups)).toEqual([
      ['Europol', ['José Ramírez', 'Жанар Ахметова'], { expected: 2, arrived: 0, total: 2 }],
      ['Frontex', ['Әлихан Бөкейхан', 'Наталья Иванова'], { expected: 0, arrived: 2, total: 2 }],
      ['OSCE', ['Chen Wei'], { expected: 0, arrived: 1, total: 1 }],
      ['', ['Guest'], { expected: 1, arrived: 0, total: 1 }],
    ]);
  });

  it('shows only delegations with someone shown, after the filter', () => {
    const { rt } = door();
    const expected = rt.participants.filter((p) => onDeskList(p) && inFilter(p, 'expected'));
    expect(names(groupByDelegation(rt, expected, 'en')).map(([name]) => name)).toEqual(['Europol', '']);
    const arrived = rt.participants.filter((p) => onDeskList(p) && inFilter(p, 'arrived'));
    expect(arrived.map((p) => p.name).sort()).toEqual(['Chen Wei', 'Наталья Иванова', 'Әлихан Бөкейхан'].sort());
  });

  it('undoing its mark makes the person expected again and the counts follow', () => {
    const { s, ids } = door();
    s.do({ type: 'participant.setArrived', participantId: ids.natalya, arrived: false }, DESK);
    const { all } = attendanceTotals(viewFor(s.state, 'rapporteur'), 'en');
    expect(all).toEqual({ expected: 4, arrived: 2, total: 6 });
  });
});

describe('the search of the roster and the desk', () => {
  const { rt, person, ids } = door();
  const found = (query: string, lang = 'ru') =>
    rt.participants.filter(personMatcher(rt, query, lang)).map((p) => p.name);

  it('finds by name or delegation, whatever the case and the accents', () => {
    expect(found('наталья')).toEqual(['Наталья Иванова']);
    expect(found('НАТАЛЬЯ ИВ')).toEqual(['Наталья Иванова']);
    expect(found('ramirez', 'en')).toEqual(['José Ramírez']);
    expect(found('frontex')).toEqual(['Наталья Иванова', 'Әлихан Бөкейхан']);
    expect(found('  ')).toHaveLength(rt.participants.length);
  });

  it('keeps the Kazakh letters apart from the Russian ones they look like', () => {
    expect(found('әлихан', 'kk')).toEqual(['Әлихан Бөкейхан']);
    expect(found('алихан', 'kk')).toEqual([]);
    expect(personMatcher(rt, 'бөкей', 'kk')(person(ids.alikhan))).toBe(true);
  });
});
