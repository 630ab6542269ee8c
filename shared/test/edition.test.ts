import { describe, expect, it } from 'vitest';
import {
  can,
  CreateRoundtableInput,
  createRoundtable,
  nextEditionInput,
  nextSeries,
  RoundtableState,
  seriesOf,
  type Actor,
} from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';

const PROJECTOR: Actor = { kind: 'link', linkId: 'p', role: 'projector' };
const RAPPORTEUR: Actor = { kind: 'link', linkId: 'r', role: 'rapporteur' };

/** A roundtable whose only item has run and finished. */
function held() {
  const s = new Scenario();
  const item = s.item('Opening remarks', 20, { kind: 'opening' });
  const person = s.person('Ruslan Bekov');
  s.do({ type: 'agenda.start', itemId: item });
  s.minutes(20);
  s.do({ type: 'agenda.finish', itemId: item });
  return { s, item, person };
}

describe('roundtable.end', () => {
  it('ends a roundtable whose items are over, once, at the server time', () => {
    const { s } = held();
    s.minutes(1);
    s.do({ type: 'roundtable.end' });
    expect(s.state.endedAt).toBe(s.now);
    expect(s.lastEvents).toEqual([{ type: 'roundtable.ended', at: s.now }]);
    expect(s.fail({ type: 'roundtable.end' }).reason).toBe('roundtable_ended');
  });

  it('waits for the running item to finish', () => {
    const s = new Scenario();
    const item = s.item('Cyber threats', 20);
    s.do({ type: 'agenda.start', itemId: item });
    expect(s.fail({ type: 'roundtable.end' })).toMatchObject({
      code: 'conflict',
      reason: 'end_while_running',
      params: { title: 'Cyber threats' },
    });
    expect(s.state.endedAt).toBeNull();
  });

  it('is the moderator’s alone', () => {
    const { s, person } = held();
    for (const actor of [person.actor, RAPPORTEUR, PROJECTOR]) {
      expect(s.fail({ type: 'roundtable.end' }, actor).reason).toBe('role_forbidden');
    }
  });

  it('leaves everything read-only: every command refused as ended, reading and exports allowed', () => {
    const { s, item, person } = held();
    s.do({ type: 'roundtable.end' });
    const refused = [
      s.fail({ type: 'agenda.reopen', itemId: item }),
      s.fail({ type: 'roundtable.update', info: { venue: 'Almaty' } }),
      s.fail({ type: 'queue.request', kind: 'speech', topic: '' }, person.actor),
      s.fail({ type: 'participant.update', participantId: person.id, profile: { name: 'R. Bekov' } }, person.actor),
      s.fail(
        {
          type: 'participant.join',
          profile: { name: 'Late Comer', function: '', delegation: null, language: 'en' },
        },
        { kind: 'visitor', role: 'visitor' },
      ),
    ];
    expect(refused.map((f) => [f.code, f.reason])).toEqual(Array(5).fill(['conflict', 'roundtable_ended']));
    expect(can(MOD, 'document.write', s.state)).toBe(false);
    expect(can(RAPPORTEUR, 'document.write', s.state)).toBe(false);
    expect(can(RAPPORTEUR, 'document.read', s.state)).toBe(true);
    expect(can(MOD, 'events.read', s.state)).toBe(true);
    expect(can(MOD, 'edition.create', s.state)).toBe(true);
    expect(can(person.actor, 'state.read', s.state)).toBe(true);
  });
});

describe('roundtable.reopen', () => {
  it('lets the moderator take an ended roundtable up again', () => {
    const { s, item } = held();
    s.do({ type: 'roundtable.end' });
    s.minutes(5);
    s.do({ type: 'roundtable.reopen' });
    expect(s.state.endedAt).toBeNull();
    expect(s.lastEvents).toEqual([{ type: 'roundtable.reopened', at: s.now }]);
    s.do({ type: 'agenda.reopen', itemId: item });
  });

  it('refuses a roundtable that has not ended, and anyone but a moderator', () => {
    const { s, person } = held();
    expect(s.fail({ type: 'roundtable.reopen' }).reason).toBe('not_ended');
    s.do({ type: 'roundtable.end' });
    expect(s.fail({ type: 'roundtable.reopen' }, person.actor).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'roundtable.reopen' }, RAPPORTEUR).reason).toBe('role_forbidden');
  });
});

describe('the next edition', () => {
  it('carries the settings, delegations and agenda, with invited speakers by name, and none of what happened', () => {
    const { s, item, person } = held();
    s.do({ type: 'agenda.update', itemId: item, fields: { invitedSpeakers: [person.id] } });
    s.do({ type: 'floor.setSettings', settings: { orderingPolicy: 'balance' } });
    s.do({ type: 'roundtable.end' });
    const input = nextEditionInput(s.state, { startsAt: '2027-12-02T10:00' });
    expect(input).toMatchObject({
      title: s.state.title,
      startsAt: '2027-12-02T10:00',
      timeZone: 'Asia/Almaty',
      venue: 'Astana',
      organisers: ['EU Delegation'],
      languages: ['en', 'ru', 'kk'],
      delegations: [
        { name: 'Europol', defaultLanguage: null },
        { name: 'Frontex', defaultLanguage: null },
        { name: 'OSCE', defaultLanguage: null },
      ],
      floorSettings: { orderingPolicy: 'balance' },
    });
    expect(input.agenda).toEqual([
      expect.objectContaining({
        title: { en: 'Opening remarks' },
        kind: 'opening',
        plannedMinutes: 20,
        invitedSpeakers: [{ name: 'Ruslan Bekov', function: 'Expert', delegation: 'Europol' }],
      }),
    ]);
    const parsed = CreateRoundtableInput.parse(input);
    const ctx = { id: 'rt2', now: s.now, joinCode: 'NEWONE', newId: s.newId, moderatorLinkId: 'l2' };
    const { state } = createRoundtable(parsed, { ...ctx, series: nextSeries(s.state) });
    expect(state.series).toEqual({ id: 'rt', edition: 2, previousId: 'rt' });
    expect(state.participants).toEqual([]);
    expect(state.speeches).toEqual([]);
    expect(state.endedAt).toBeNull();
    expect(state.agenda[0]).toMatchObject({ status: 'pending', runs: [] });
    expect(state.agenda[0]?.invitedSpeakers).toEqual([
      { name: 'Ruslan Bekov', function: 'Expert', delegation: 'Europol' },
    ]);
  });

  it('takes a new title when given one', () => {
    const { s } = held();
    const input = nextEditionInput(s.state, { startsAt: null, title: { en: 'Roundtable 2027' } });
    expect(input.title).toEqual({ en: 'Roundtable 2027' });
  });

  it('counts editions along the series', () => {
    const third = nextSeries({ id: 'rt2', series: { id: 'rt', edition: 2, previousId: 'rt' } });
    expect(third).toEqual({ id: 'rt', edition: 3, previousId: 'rt2' });
  });

  it('loads a state stored before editions and endings as a running first edition of its own series', () => {
    const { s } = held();
    const { series: _series, endedAt: _endedAt, ...stored } = s.state;
    const loaded = RoundtableState.parse(JSON.parse(JSON.stringify(stored)));
    expect(loaded.series).toBeNull();
    expect(loaded.endedAt).toBeNull();
    expect(seriesOf(loaded)).toEqual({ id: 'rt', edition: 1, previousId: null });
    expect(nextSeries(loaded)).toEqual({ id: 'rt', edition: 2, previousId: 'rt' });
  });
});
