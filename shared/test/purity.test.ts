import { expect, it } from 'vitest';
import { apply, type Command, type RoundtableState } from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

it('never changes the state it is given', () => {
  const s = new Scenario();
  const p = s.person('Person');
  const item = s.item('Item', 20);
  s.do({ type: 'agenda.start', itemId: item });
  s.do({ type: 'queue.request', kind: 'speech', topic: '' }, p.actor);
  const frozen: RoundtableState = deepFreeze(JSON.parse(JSON.stringify(s.state)) as typeof s.state);
  const before = JSON.stringify(frozen);
  const commands: Command[] = [
    { type: 'roundtable.update', info: { venue: 'Almaty' } },
    { type: 'delegation.add', name: 'Interpol', defaultLanguage: null },
    { type: 'participant.update', participantId: p.id, profile: { name: 'Renamed' } },
    { type: 'participant.ban', participantId: p.id },
    { type: 'link.create', role: 'projector', label: '' },
    { type: 'agenda.duplicate', itemId: item },
    { type: 'agenda.extend', itemId: item, minutes: 5 },
    { type: 'agenda.finish', itemId: item },
    { type: 'queue.setClosed', closed: true },
    { type: 'floor.next', expectedSpeechId: null },
    { type: 'joining.setLocked', locked: true },
  ];
  for (const command of commands) {
    const out = apply(frozen, command, { actor: MOD, now: s.now + 1000, newId: s.newId, baseVersion: frozen.version });
    expect(out.ok).toBe(true);
  }
  expect(JSON.stringify(frozen)).toBe(before);
});
