import { describe, expect, it } from 'vitest';
import { astana, Scenario } from './support/roundtable.js';

const titles = (s: Scenario) => s.state.agenda.map((i) => i.title.en);

describe('editing the agenda', () => {
  it('adds after an item, first, or last; duplicates right after; moves and deletes', () => {
    const s = new Scenario();
    const [a, b] = [s.item('A', 10), s.item('B', 10)];
    s.do({
      type: 'agenda.add',
      after: a,
      fields: {
        title: { en: 'A2' },
        notes: '',
        kind: 'panel',
        plannedMinutes: 5,
        fixedStart: null,
        invitedSpeakers: [],
        speakingLimits: null,
        orderingPolicy: null,
      },
    });
    s.do({
      type: 'agenda.add',
      after: null,
      fields: {
        title: { en: 'Z' },
        notes: '',
        kind: 'panel',
        plannedMinutes: 5,
        fixedStart: null,
        invitedSpeakers: [],
        speakingLimits: null,
        orderingPolicy: null,
      },
    });
    expect(titles(s)).toEqual(['Z', 'A', 'A2', 'B']);
    s.do({ type: 'agenda.duplicate', itemId: a });
    expect(titles(s)).toEqual(['Z', 'A', 'A', 'A2', 'B']);
    expect(s.state.agenda[2]).toMatchObject({ status: 'pending', runs: [], plannedMinutes: 10 });
    expect(s.state.agenda[2]?.id).not.toBe(a);
    s.do({ type: 'agenda.move', itemId: b, after: null });
    expect(titles(s)[0]).toBe('B');
    const v = s.state.version;
    s.do({ type: 'agenda.move', itemId: b, after: null });
    expect(s.state.version).toBe(v);
    s.do({ type: 'agenda.remove', itemId: b });
    expect(titles(s)).toEqual(['Z', 'A', 'A', 'A2']);
  });

  it('refuses an edit made before someone else changed the item, naming it', () => {
    const s = new Scenario();
    const a = s.item('Cyber threats', 20);
    const opened = s.state.version;
    s.do({ type: 'agenda.update', itemId: a, fields: { plannedMinutes: 25 } });
    const stale = s.fail({ type: 'agenda.update', itemId: a, fields: { plannedMinutes: 40 } }, undefined, opened);
    expect(stale.code).toBe('stale');
    expect(stale.message).toContain('“Cyber threats” was changed by another moderator');
    s.do({ type: 'agenda.update', itemId: a, fields: { plannedMinutes: 40 } });
    expect(s.state.agenda[0]?.plannedMinutes).toBe(40);
  });

  it('refuses a move after an item that was removed meanwhile, and invited speakers not in the roster', () => {
    const s = new Scenario();
    const [a, b] = [s.item('A', 10), s.item('B', 10)];
    s.do({ type: 'agenda.remove', itemId: b });
    expect(s.fail({ type: 'agenda.move', itemId: a, after: b }).code).toBe('stale');
    expect(s.fail({ type: 'agenda.update', itemId: a, fields: { invitedSpeakers: ['ghost'] } }).code).toBe('not_found');
  });

  it('imports by appending or replacing, but never replaces an agenda that has started', () => {
    const s = new Scenario();
    const a = s.item('A', 10);
    const fields = {
      title: { en: 'Imported' },
      notes: '',
      kind: 'discussion' as const,
      plannedMinutes: 30,
      fixedStart: null,
      invitedSpeakers: [],
      speakingLimits: null,
      orderingPolicy: null,
    };
    s.do({ type: 'agenda.import', mode: 'append', items: [fields] });
    expect(titles(s)).toEqual(['A', 'Imported']);
    s.do({ type: 'agenda.start', itemId: a });
    expect(s.fail({ type: 'agenda.import', mode: 'replace', items: [fields] }).code).toBe('conflict');
  });
});

describe('running the agenda', () => {
  it('starts, finishes, extends, skips and reopens with the actual times recorded', () => {
    const s = new Scenario();
    const [opening, terror, border] = astana(s);
    if (!opening || !terror || !border) throw new Error('agenda');
    s.do({ type: 'agenda.start', itemId: opening });
    const started = s.now;
    s.minutes(22);
    s.do({ type: 'agenda.start', itemId: terror });
    expect(s.lastEvents.map((e) => e.type)).toEqual(['agenda.itemFinished', 'agenda.itemStarted']);
    expect(s.state.agenda[0]).toMatchObject({ status: 'done', runs: [{ start: started, end: s.now }] });
    expect(s.state.currentItemId).toBe(terror);
    s.do({ type: 'agenda.extend', itemId: terror, minutes: 5 });
    expect(s.state.agenda[1]?.extendedMinutes).toBe(5);
    s.do({ type: 'agenda.skip', itemId: border });
    expect(s.fail({ type: 'agenda.skip', itemId: terror }).code).toBe('conflict');
    s.minutes(10);
    s.do({ type: 'agenda.finish', itemId: terror });
    s.do({ type: 'agenda.reopen', itemId: opening });
    expect(s.state.agenda[0]?.runs).toHaveLength(2);
    expect(s.state.agenda[0]?.status).toBe('running');
  });

  it('refuses what makes no sense', () => {
    const s = new Scenario();
    const [a, b] = [s.item('A', 10), s.item('B', 10)];
    expect(s.fail({ type: 'agenda.finish', itemId: a })).toMatchObject({
      reason: 'item_not_begun',
      params: { title: 'A' },
    });
    expect(s.fail({ type: 'agenda.reopen', itemId: a }).reason).toBe('item_not_held');
    s.do({ type: 'agenda.start', itemId: a });
    expect(s.fail({ type: 'agenda.remove', itemId: a }).reason).toBe('item_running');
    expect(s.fail({ type: 'agenda.setCurrent', itemId: b }).reason).toBe('other_item_running');
    s.do({ type: 'agenda.finish', itemId: a });
    expect(s.fail({ type: 'agenda.remove', itemId: a }).reason).toBe('item_held');
    expect(s.fail({ type: 'agenda.extend', itemId: a, minutes: 5 }).reason).toBe('item_over');
    expect(s.fail({ type: 'agenda.start', itemId: a }).reason).toBe('item_finished');
  });

  it('puts invited speakers into the queue in protocol order when their item starts', () => {
    const s = new Scenario();
    const minister = s.person('Deputy Minister', 'OSCE');
    const eu = s.person('EU Ambassador', 'Europol');
    const nl = s.person('NL Ambassador', 'Frontex');
    const item = s.item('Opening remarks', 20, { kind: 'opening', invitedSpeakers: [minister.id, eu.id, nl.id] });
    s.do({ type: 'agenda.start', itemId: item });
    expect(s.state.queue.requests.map((r) => [r.participantId, r.kind])).toEqual([
      [minister.id, 'opening'],
      [eu.id, 'opening'],
      [nl.id, 'opening'],
    ]);
  });
});

describe('the projector', () => {
  it('switches views, but shows the document only once published and a break only with its end', () => {
    const s = new Scenario();
    s.do({ type: 'projector.show', view: { mode: 'agenda', breakUntil: null } });
    expect(s.state.projector).toMatchObject({ mode: 'agenda', breakUntil: null });
    expect(s.fail({ type: 'projector.show', view: { mode: 'document', breakUntil: null } }).code).toBe('conflict');
    expect(s.fail({ type: 'projector.show', view: { mode: 'break', breakUntil: null } }).code).toBe('invalid');
    s.do({ type: 'projector.show', view: { mode: 'break', breakUntil: '11:15' } });
    expect(s.state.projector).toMatchObject({ mode: 'break', breakUntil: '11:15' });
  });
});
