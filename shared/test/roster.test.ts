import { describe, expect, it } from 'vitest';
import { actorFor, apply, type Actor } from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };
const profile = (name: string, delegation: { id: string } | { name: string } | null = null) => ({
  name,
  function: 'Analyst',
  delegation,
  language: 'kk' as const,
});

describe('joining', () => {
  it('adds a participant, bumps the version once and reports the new id', () => {
    const s = new Scenario();
    const v = s.state.version;
    const { participantId } = s.do(
      { type: 'participant.join', profile: profile('Aigerim', { id: s.delegation('OSCE') }) },
      VISITOR,
    );
    expect(s.state.version).toBe(v + 1);
    expect(s.state.participants).toEqual([
      {
        id: participantId,
        name: 'Aigerim',
        function: 'Analyst',
        delegationId: s.delegation('OSCE'),
        language: 'kk',
        role: 'participant',
        status: 'active',
        joinedAt: s.now,
      },
    ]);
    expect(s.lastEvents.map((e) => e.type)).toEqual(['participant.joined']);
  });

  it('creates a typed delegation, or reuses one whatever its case', () => {
    const s = new Scenario();
    s.do({ type: 'participant.join', profile: profile('A', { name: 'Interpol' }) }, VISITOR);
    expect(s.lastEvents.map((e) => e.type)).toEqual(['delegation.added', 'participant.joined']);
    s.do({ type: 'participant.join', profile: profile('B', { name: 'europol' }) }, VISITOR);
    expect(s.state.participants[1]?.delegationId).toBe(s.delegation('Europol'));
    expect(s.state.delegations).toHaveLength(4);
  });

  it('refuses joining when locked, a vanished delegation, and a banned device coming back', () => {
    const s = new Scenario();
    const p = s.person('Banned One');
    s.do({ type: 'participant.ban', participantId: p.id });
    expect(s.fail({ type: 'participant.join', profile: profile('X'), returning: p.id }, VISITOR).reason).toBe('banned');
    expect(s.fail({ type: 'participant.join', profile: profile('X', { id: 'gone' }) }, VISITOR).reason).toBe(
      'delegation_not_found',
    );
    s.do({ type: 'joining.setLocked', locked: true });
    const locked = s.fail({ type: 'participant.join', profile: profile('X') }, VISITOR);
    expect(locked).toMatchObject({ code: 'joining_locked', reason: 'joining_locked' });
    expect(s.fail({ type: 'participant.join', profile: profile('X') }, MOD).code).toBe('forbidden');
  });

  it('brings a removed device back as the same person, and an active one is a no-op', () => {
    const s = new Scenario();
    const p = s.person('Returner');
    const v = s.state.version;
    expect(s.do({ type: 'participant.join', profile: profile('Returner'), returning: p.id }, VISITOR)).toEqual({
      participantId: p.id,
    });
    expect(s.state.version).toBe(v);
    s.do({ type: 'participant.remove', participantId: p.id });
    s.do({ type: 'participant.join', profile: profile('Returned'), returning: p.id }, VISITOR);
    expect(s.lastEvents.map((e) => e.type)).toEqual(['participant.rejoined']);
    expect(s.state.participants).toHaveLength(1);
    expect(s.state.participants[0]).toMatchObject({ id: p.id, name: 'Returned', status: 'active' });
  });
});

describe('moderating the roster', () => {
  it('edits, changes roles, removes, bans and readmits', () => {
    const s = new Scenario();
    const p = s.person('Pieter');
    s.do({ type: 'participant.update', participantId: p.id, profile: { function: 'Ambassador' } });
    s.do({ type: 'participant.setRole', participantId: p.id, role: 'rapporteur' });
    expect(s.state.participants[0]).toMatchObject({ function: 'Ambassador', role: 'rapporteur' });
    const v = s.state.version;
    s.do({ type: 'participant.setRole', participantId: p.id, role: 'rapporteur' });
    expect(s.state.version).toBe(v);
    s.do({ type: 'participant.ban', participantId: p.id });
    expect(actorFor(s.state, { kind: 'participant', participantId: p.id })).toMatchObject({
      ok: false,
      code: 'banned',
    });
    s.do({ type: 'participant.readmit', participantId: p.id });
    expect(actorFor(s.state, { kind: 'participant', participantId: p.id })).toMatchObject({ ok: true });
  });

  it('lets people edit themselves only, and never act on themselves as moderators', () => {
    const s = new Scenario();
    const a = s.person('A');
    const b = s.person('B', 'Frontex', 'moderator');
    s.do({ type: 'participant.update', participantId: a.id, profile: { name: 'A. Person' } }, a.actor);
    expect(s.fail({ type: 'participant.update', participantId: b.id, profile: { name: 'Hacked' } }, a.actor).code).toBe(
      'forbidden',
    );
    expect(s.fail({ type: 'participant.ban', participantId: b.id }, b.actor)).toMatchObject({ code: 'conflict' });
    expect(s.fail({ type: 'participant.remove', participantId: 'nobody' }).code).toBe('not_found');
  });

  it('manages delegations and refuses duplicates and removing one with members', () => {
    const s = new Scenario();
    expect(s.fail({ type: 'delegation.add', name: 'EUROPOL', defaultLanguage: null }).reason).toBe('delegation_exists');
    s.person('Member', 'Frontex');
    expect(s.fail({ type: 'delegation.remove', delegationId: s.delegation('Frontex') })).toMatchObject({
      reason: 'delegation_has_members',
      params: { count: 1 },
    });
    s.do({ type: 'delegation.remove', delegationId: s.delegation('OSCE') });
    expect(s.state.delegations.map((d) => d.name)).toEqual(['Europol', 'Frontex']);
    expect(
      s.fail({
        type: 'delegation.update',
        delegationId: s.delegation('Europol'),
        name: 'frontex',
        defaultLanguage: null,
      }).code,
    ).toBe('conflict');
  });
});

describe('links', () => {
  it('mints and revokes links, but never the last moderator link or the one in use', () => {
    const s = new Scenario();
    expect(
      s.fail({ type: 'link.revoke', linkId: 'mod-link' }, { kind: 'link', linkId: 'other', role: 'moderator' }).message,
    ).toMatch(/last moderator link/);
    const { linkId } = s.do({ type: 'link.create', role: 'moderator', label: 'Co-chair' });
    expect(s.fail({ type: 'link.revoke', linkId: 'mod-link' }).reason).toBe('own_link');
    s.do({ type: 'link.revoke', linkId: 'mod-link' }, { kind: 'link', linkId: linkId ?? '', role: 'moderator' });
    expect(s.state.links.find((l) => l.id === 'mod-link')?.revokedAt).toBe(s.now);
    expect(actorFor(s.state, { kind: 'link', linkId: 'mod-link' })).toMatchObject({
      ok: false,
      code: 'unauthenticated',
    });
  });

  it('refuses a command made against a version from the future', () => {
    const s = new Scenario();
    const out = apply(
      s.state,
      { type: 'joining.setLocked', locked: true },
      { actor: MOD, now: s.now, newId: s.newId, baseVersion: 999 },
    );
    expect(out).toMatchObject({ ok: false, code: 'invalid', reason: 'version_ahead' });
  });
});
