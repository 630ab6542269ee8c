import { describe, expect, it } from 'vitest';
import {
  actorFor,
  bannedLookalike,
  can,
  normalizeName,
  viewFor,
  type Actor,
  type DelegationChoice,
} from '../src/index.js';
import { Scenario } from './support/roundtable.js';

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };
const profile = (name: string, delegation: DelegationChoice | null) => ({
  name,
  function: '',
  delegation,
  language: 'ru' as const,
});

/** A roundtable where Arman Karimov of Europol was banned, with an item open for requests. */
function afterBan() {
  const s = new Scenario();
  const banned = s.person('Arman Karimov', 'Europol');
  s.do({ type: 'agenda.start', itemId: s.item('Border protection', 35) });
  s.do({ type: 'participant.ban', participantId: banned.id });
  const join = (name: string, delegation: DelegationChoice | null = { id: s.delegation('Europol') }) => {
    const { participantId = '' } = s.do({ type: 'participant.join', profile: profile(name, delegation) }, VISITOR);
    return participantId;
  };
  const statusOf = (id: string) => s.state.participants.find((p) => p.id === id)?.status;
  const actorOf = (id: string): Actor => {
    const resolved = actorFor(s.state, { kind: 'participant', participantId: id });
    if (!resolved.ok) throw new Error(`${id} cannot connect: ${resolved.message}`);
    return resolved.actor;
  };
  return { s, banned, join, statusOf, actorOf };
}

describe('names as people mean them', () => {
  it('folds case, spacing, compatibility forms and invisible characters', () => {
    expect(normalizeName('  Arman\u00a0  KARIMOV ')).toBe('arman karimov');
    expect(normalizeName('Ａｒｍａｎ\u3000Karimov')).toBe('arman karimov');
    expect(normalizeName('Ar\u200bman Karimov')).toBe('arman karimov');
    expect(normalizeName('Straße')).toBe(normalizeName('STRASSE'));
    expect(normalizeName('Арман Каримов')).toBe(normalizeName('АРМАН  каримов'));
    expect(normalizeName('Arman Karimova')).not.toBe(normalizeName('Arman Karimov'));
  });
});

describe('a banned person joining from a new device', () => {
  it('waits for approval under the same name and delegation, however it is typed', () => {
    const { s, banned, join, statusOf } = afterBan();
    const v = s.state.version;
    const id = join('  arman   KARIMOV');
    expect(s.state.version).toBe(v + 1);
    expect(statusOf(id)).toBe('pending');
    expect(s.lastEvents).toEqual([
      {
        type: 'participant.held',
        participant: expect.objectContaining({ id, status: 'pending' }),
        resembles: banned.id,
      },
    ]);
    expect(statusOf(join('Ａｒｍａｎ Karimov', { name: ' europol ' }))).toBe('pending');
    // A delegation typed with stray spaces is the existing one, not a new delegation that dodges the match.
    expect(statusOf(join('Arman Karimov', { name: 'EUROPOL  ' }))).toBe('pending');
    expect(s.state.delegations).toHaveLength(3);
  });

  it('gets in as anyone else: another name, another delegation, or a delegation where the banned had none', () => {
    const { s, join, statusOf } = afterBan();
    expect(statusOf(join('Arman Karimova'))).toBe('active');
    expect(statusOf(join('Arman Karimov', { id: s.delegation('Frontex') }))).toBe('active');
    expect(statusOf(join('Arman Karimov', null))).toBe('active');
    expect(s.lastEvents.map((e) => e.type)).toEqual(['participant.joined']);
  });

  it('matches no delegation with no delegation', () => {
    const s = new Scenario();
    const banned = s.person('Dana Akhmetova', null);
    s.do({ type: 'participant.ban', participantId: banned.id });
    s.do({ type: 'participant.join', profile: profile('dana akhmetova', null) }, VISITOR);
    expect(s.state.participants.at(-1)?.status).toBe('pending');
    s.do({ type: 'participant.join', profile: profile('dana akhmetova', { id: s.delegation('OSCE') }) }, VISITOR);
    expect(s.state.participants.at(-1)?.status).toBe('active');
  });

  it('is still refused while joining is locked, and a moderator adding the name has decided', () => {
    const { s } = afterBan();
    s.do({ type: 'joining.setLocked', locked: true });
    const europol = { id: s.delegation('Europol') };
    expect(s.fail({ type: 'participant.join', profile: profile('Arman Karimov', europol) }, VISITOR).code).toBe(
      'joining_locked',
    );
    s.do({ type: 'joining.setLocked', locked: false });
    s.do({ type: 'participant.add', role: 'participant', profile: profile('Arman Karimov', europol) });
    expect(s.state.participants.at(-1)?.status).toBe('active');
  });

  it('joining again from the waiting device is the same waiting person', () => {
    const { s, join, statusOf } = afterBan();
    const id = join('Arman Karimov');
    const v = s.state.version;
    const again = s.do({ type: 'participant.join', profile: profile('Arman Karimov', null), returning: id }, VISITOR);
    expect(again).toEqual({ participantId: id });
    expect(s.state.version).toBe(v);
    expect(statusOf(id)).toBe('pending');
  });
});

describe('a person waiting for approval', () => {
  it('can connect but may do nothing: not ask for the floor, not edit their profile, not read the document', () => {
    const { s, join, actorOf } = afterBan();
    const actor = actorOf(join('Arman Karimov'));
    expect(actor).toMatchObject({ kind: 'participant', role: 'participant', pending: true });
    expect(can(actor, 'state.read', s.state)).toBe(true);
    expect(s.fail({ type: 'queue.request', kind: 'speech', topic: '' }, actor).code).toBe('forbidden');
    const self = actor.kind === 'participant' ? actor.participantId : '';
    expect(
      s.fail({ type: 'participant.update', participantId: self, profile: { name: 'Someone Else' } }, actor).code,
    ).toBe('forbidden');
    expect(can(actor, 'document.read', { ...s.state, documentPublished: true })).toBe(false);
  });

  it('is not counted, named to the room, shown to rapporteurs, given the floor or invited', () => {
    const { s, join } = afterBan();
    const active = join('Aigerim Seitkali');
    const id = join('Arman Karimov');
    expect(viewFor(s.state, 'moderator').participants.map((p) => p.id)).toContain(id);
    expect(viewFor(s.state, 'moderator').participantCount).toBe(1);
    expect(viewFor(s.state, 'rapporteur').participants.map((p) => p.id)).not.toContain(id);
    expect(viewFor(s.state, 'public').participants.map((p) => p.id)).not.toContain(id);
    expect(s.fail({ type: 'queue.add', participantId: id, kind: 'speech', topic: '' }).code).toBe('not_found');
    expect(s.fail({ type: 'floor.give', participantId: id, kind: 'speech', expectedSpeechId: null }).code).toBe(
      'not_found',
    );
    expect(s.fail({ type: 'participant.setRole', participantId: id, role: 'rapporteur' }).code).toBe('conflict');
    // Europol's only members are banned or waiting: none is present, so the delegation can go.
    s.do({ type: 'participant.remove', participantId: active });
    s.do({ type: 'delegation.remove', delegationId: s.delegation('Europol') });
  });

  it('is admitted by a moderator once, and may then ask for the floor', () => {
    const { s, join, statusOf, actorOf } = afterBan();
    const id = join('Arman Karimov');
    s.do({ type: 'participant.readmit', participantId: id });
    expect(s.lastEvents).toEqual([{ type: 'participant.admitted', participantId: id }]);
    expect(statusOf(id)).toBe('active');
    const v = s.state.version;
    s.do({ type: 'participant.readmit', participantId: id });
    expect(s.state.version).toBe(v);
    expect(viewFor(s.state, 'moderator').participantCount).toBe(1);
    s.do({ type: 'queue.request', kind: 'speech', topic: '' }, actorOf(id));
    expect(s.state.queue.requests.map((r) => r.participantId)).toEqual([id]);
  });

  it('refused with a ban stays out, and that device too', () => {
    const { s, join, statusOf } = afterBan();
    const id = join('Arman Karimov');
    s.do({ type: 'participant.ban', participantId: id });
    expect(s.lastEvents).toEqual([{ type: 'participant.banned', participantId: id }]);
    expect(statusOf(id)).toBe('banned');
    expect(actorFor(s.state, { kind: 'participant', participantId: id })).toMatchObject({ ok: false, code: 'banned' });
    expect(
      s.fail({ type: 'participant.join', profile: profile('Arman Karimov', null), returning: id }, VISITOR).code,
    ).toBe('banned');
    // A third device waits again, whichever of the two banned it resembles.
    expect(statusOf(join('Arman Karimov'))).toBe('pending');
  });

  it('refused with a removal waits again when the same device comes back under that name', () => {
    const { s, join, statusOf } = afterBan();
    const id = join('Arman Karimov');
    s.do({ type: 'participant.remove', participantId: id });
    expect(statusOf(id)).toBe('removed');
    const europol = { id: s.delegation('Europol') };
    s.do({ type: 'participant.join', profile: profile('Arman Karimov', europol), returning: id }, VISITOR);
    expect(s.lastEvents.map((e) => e.type)).toEqual(['participant.held']);
    expect(statusOf(id)).toBe('pending');
    s.do({ type: 'participant.remove', participantId: id });
    s.do({ type: 'participant.join', profile: profile('Someone Else', europol), returning: id }, VISITOR);
    expect(s.lastEvents.map((e) => e.type)).toEqual(['participant.rejoined']);
    expect(statusOf(id)).toBe('active');
  });

  it('names the banned person they resemble, for the console', () => {
    const { s, banned, join } = afterBan();
    const id = join('ARMAN KARIMOV');
    const waiting = s.state.participants.find((p) => p.id === id);
    expect(waiting && bannedLookalike(s.state, waiting)?.id).toBe(banned.id);
    s.do({ type: 'participant.readmit', participantId: banned.id });
    expect(waiting && bannedLookalike(s.state, waiting)).toBeUndefined();
  });
});
