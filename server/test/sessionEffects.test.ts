import { describe, expect, it } from 'vitest';
import { Scenario } from '../../shared/test/support/roundtable.js';
import { RECONNECT, sessionEffects } from '../src/session/effects.js';
import { rooms } from '../src/session/rooms.js';

/** The effects of the last command the scenario applied. */
const effectsOf = (s: Scenario) => sessionEffects(s.lastEvents, s.state);

describe('sessionEffects', () => {
  it('ends a removed person’s sessions with `removed`, a banned one’s with `banned`', () => {
    const s = new Scenario();
    const amir = s.person('Amir');
    const dana = s.person('Dana');
    s.do({ type: 'participant.remove', participantId: amir.id });
    expect(effectsOf(s)).toEqual({
      end: [{ room: rooms.participant('rt', amir.id), failure: expect.objectContaining({ reason: 'removed' }) }],
      change: [],
      reconnectDocument: [],
    });
    s.do({ type: 'participant.ban', participantId: dana.id });
    expect(effectsOf(s).end).toEqual([
      {
        room: rooms.participant('rt', dana.id),
        failure: expect.objectContaining({ code: 'banned', reason: 'banned' }),
      },
    ]);
  });

  it('ends a revoked link’s sessions with `link_revoked`', () => {
    const s = new Scenario();
    const { linkId } = s.do({ type: 'link.create', role: 'projector', label: '' });
    if (!linkId) throw new Error('no link');
    s.do({ type: 'link.revoke', linkId });
    expect(effectsOf(s).end).toEqual([
      { room: rooms.link('rt', linkId), failure: expect.objectContaining({ reason: 'link_revoked' }) },
    ]);
  });

  it('moves a person given a role to its audience, and has their document reopened with the new rights', () => {
    const s = new Scenario();
    const amir = s.person('Amir');
    s.do({ type: 'participant.setRole', participantId: amir.id, role: 'rapporteur' });
    const own = rooms.participant('rt', amir.id);
    const effects = effectsOf(s);
    expect(effects.end).toEqual([]);
    expect(effects.change).toHaveLength(1);
    expect(effects.change[0]?.room).toBe(own);
    expect(effects.change[0]?.session).toMatchObject({
      actor: { kind: 'participant', participantId: amir.id, role: 'rapporteur', pending: false },
      audience: 'rapporteur',
      rooms: { audience: rooms.audience('rt', 'rapporteur'), own },
    });
    expect(effects.reconnectDocument).toEqual([{ room: own, message: RECONNECT.role }]);
  });

  it('closes every document connection when publication is withdrawn, and none when it is granted', () => {
    const s = new Scenario();
    s.do({ type: 'document.setPublished', published: true });
    expect(effectsOf(s).reconnectDocument).toEqual([]);
    s.do({ type: 'document.setPublished', published: false });
    expect(effectsOf(s).reconnectDocument).toEqual([{ room: null, message: RECONNECT.unpublished }]);
  });

  it('changes nothing for a change that touches nobody’s rights', () => {
    const s = new Scenario();
    s.do({ type: 'delegation.add', name: 'UNODC', defaultLanguage: null });
    expect(effectsOf(s)).toEqual({ end: [], change: [], reconnectDocument: [] });
  });
});
