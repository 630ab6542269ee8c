import { describe, expect, it } from 'vitest';
import { viewFor, type Actor } from '../src/index.js';
import { invitee, Scenario } from './support/roundtable.js';

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };
const DESK: Actor = { kind: 'link', linkId: 'desk', role: 'desk' };
const person = (s: Scenario, id: string) => s.state.participants.find((p) => p.id === id);

describe('the list of invitees', () => {
  it('imports everyone expected, matching and adding delegations, heads and speakers marked', () => {
    const s = new Scenario();
    s.do({
      type: 'invitee.import',
      invitees: [
        invitee('Әлихан Бөкейхан', 'Kazakhstan', { role: 'head', email: 'a@gov.kz', language: 'kk' }),
        invitee('Наталья Иванова', 'europol', { role: 'speaker', note: 'Interpreter needed' }),
        invitee('Ruslan Bekov', '', { role: 'rapporteur' }),
      ],
    });
    const [a, n, r] = s.state.participants;
    expect(s.state.delegations.map((d) => d.name)).toEqual(['Europol', 'Frontex', 'OSCE', 'Kazakhstan']);
    expect([a?.status, n?.status, r?.status]).toEqual(['invited', 'invited', 'invited']);
    expect(a).toMatchObject({ delegationId: s.delegation('Kazakhstan'), email: 'a@gov.kz', language: 'kk' });
    expect(s.state.review.heads).toEqual([a?.id]);
    expect(n).toMatchObject({ delegationId: s.delegation('Europol'), speaker: true, note: 'Interpreter needed' });
    expect(r).toMatchObject({ delegationId: null, role: 'rapporteur' });
    expect(s.lastEvents.at(-1)).toMatchObject({ type: 'invitees.imported' });
    expect(s.state.participants.filter((p) => p.status === 'active')).toEqual([]);
  });

  it('refuses the whole list for one duplicate, in the file or on the roster, and a head without delegation', () => {
    const s = new Scenario();
    s.invite('Aigerim Sadykova', 'OSCE');
    const before = s.state;
    const twice = [invitee('Dana Omarova', 'OSCE'), invitee('dana  OMAROVA', 'osce')];
    expect(s.fail({ type: 'invitee.import', invitees: twice }).reason).toBe('invitee_duplicate');
    const known = [invitee('New Person', 'OSCE'), invitee('AIGERIM SADYKOVA', 'OSCE')];
    expect(s.fail({ type: 'invitee.import', invitees: known }).reason).toBe('invitee_duplicate');
    const headless = [invitee('No Delegation', '', { role: 'head' })];
    expect(s.fail({ type: 'invitee.import', invitees: headless }).reason).toBe('head_needs_delegation');
    expect(s.state).toBe(before);
    // The same name in another delegation is another person.
    s.do({ type: 'invitee.import', invitees: [invitee('Aigerim Sadykova', 'Frontex')] });
  });

  it('edits an invitee, moving the head mark with the role', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE', { role: 'head' });
    s.do({ type: 'invitee.update', participantId: id, fields: { role: 'speaker', email: 'dana@osce.org' } });
    expect(person(s, id)).toMatchObject({ speaker: true, email: 'dana@osce.org', status: 'invited' });
    expect(s.state.review.heads).toEqual([]);
    s.do({ type: 'invitee.update', participantId: id, fields: { email: '', role: 'participant' } });
    expect(person(s, id)).not.toHaveProperty('email');
    expect(person(s, id)).not.toHaveProperty('speaker');
  });

  it('shows e-mail addresses and notes to moderators only', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE', { email: 'dana@osce.org', note: 'VIP' });
    s.do({ type: 'participant.setArrived', participantId: id, arrived: true });
    expect(viewFor(s.state, 'moderator').participants[0]).toMatchObject({ email: 'dana@osce.org', note: 'VIP' });
    expect(viewFor(s.state, 'rapporteur').participants[0]).not.toHaveProperty('email');
    expect(viewFor(s.state, 'rapporteur').participants[0]).not.toHaveProperty('note');
  });
});

describe('personal invitations', () => {
  it('brings the person in when a phone takes it up, and tells a second phone took it over', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE');
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR);
    expect(person(s, id)).toMatchObject({ status: 'active', arrivedAt: s.now, invitation: { claimedAt: s.now } });
    expect(s.lastEvents).toEqual([{ type: 'invitation.claimed', participantId: id, moved: false }]);
    s.minutes(5);
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR);
    expect(s.lastEvents).toEqual([{ type: 'invitation.claimed', participantId: id, moved: true }]);
    expect(person(s, id)?.arrivedAt).toBe(s.now - 5 * 60_000);
  });

  it('counts a phone that joined with the code as holding the person: locked, nobody takes them over', () => {
    const s = new Scenario();
    const byCode = s.person('Code Joiner', 'OSCE');
    s.do({ type: 'invitation.setLocked', participantId: byCode.id, locked: true });
    const refused = s.fail({ type: 'invitation.claim', participantId: byCode.id, replacing: true }, VISITOR);
    expect(refused.reason).toBe('invitation_locked');
    s.do({ type: 'invitation.setLocked', participantId: byCode.id, locked: false });
    s.do({ type: 'invitation.claim', participantId: byCode.id, replacing: true }, VISITOR);
    expect(s.lastEvents).toEqual([{ type: 'invitation.claimed', participantId: byCode.id, moved: true }]);
  });

  it('lets the desk admit walk-ins as participants only', () => {
    const s = new Scenario();
    for (const role of ['head', 'rapporteur', 'speaker'] as const) {
      const refused = s.fail({ type: 'invitee.import', invitees: [invitee('Sock Puppet', 'OSCE', { role })] }, DESK);
      expect(refused.reason).toBe('desk_participants_only');
    }
    s.do({ type: 'invitee.import', invitees: [invitee('Walk In', 'OSCE')] }, DESK);
  });

  it('imports 5,000 invitees in one pass', () => {
    const s = new Scenario();
    const rows = Array.from({ length: 5000 }, (_, i) => invitee(`Person Number ${i}`, `Delegation ${i % 250}`));
    s.do({ type: 'invitee.import', invitees: rows });
    expect(s.state.participants).toHaveLength(5000);
    expect(s.state.delegations).toHaveLength(253);
  });

  it('keeps a locked invitation on its first phone, and lets a first phone take up a locked one', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE');
    s.do({ type: 'invitation.setLocked', participantId: id, locked: true });
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR);
    expect(s.fail({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR).reason).toBe(
      'invitation_locked',
    );
  });

  it('re-issues with a new serial, and is no invitation for removed or banned people', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE');
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR);
    s.do({ type: 'invitation.reissue', participantId: id });
    s.do({ type: 'invitation.reissue', participantId: id });
    // Whoever held it is signed out (server/src/session/signOut.ts): the new link finds it free.
    expect(person(s, id)?.invitation).toEqual({ serial: 2, locked: false, claimedAt: null });
    s.do({ type: 'participant.remove', participantId: id });
    expect(s.fail({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR).reason).toBe(
      'invitation_invalid',
    );
    const other = s.invite('Other Person', 'OSCE');
    s.do({ type: 'participant.ban', participantId: other });
    expect(s.fail({ type: 'invitation.claim', participantId: other, replacing: false }, VISITOR).reason).toBe('banned');
    expect(s.fail({ type: 'invitation.claim', participantId: 'nobody', replacing: false }, VISITOR).reason).toBe(
      'invitation_invalid',
    );
  });

  it('takes an invited speaker onto the agenda placeholder that names them when they arrive', () => {
    const s = new Scenario();
    const item = s.item('Opening', 20, { kind: 'opening' });
    s.do({
      type: 'agenda.update',
      itemId: item,
      fields: { invitedSpeakers: [{ name: 'Dana Omarova', function: '', delegation: 'OSCE' }] },
    });
    const id = s.invite('Dana Omarova', 'OSCE', { role: 'speaker' });
    expect(s.state.agenda[0]?.invitedSpeakers).not.toContain(id);
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, VISITOR);
    expect(s.state.agenda[0]?.invitedSpeakers).toEqual([id]);
  });
});

describe('the registration desk', () => {
  it('marks arrivals, for people without phones too, and takes back its own mark only', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE');
    s.do({ type: 'participant.setArrived', participantId: id, arrived: true }, DESK);
    expect(person(s, id)).toMatchObject({ status: 'active', arrivedAt: s.now });
    expect(viewFor(s.state, 'public').participantCount).toBe(1);
    s.do({ type: 'participant.setArrived', participantId: id, arrived: false }, DESK);
    expect(person(s, id)?.status).toBe('invited');
    const byPhone = s.invite('Phone Person', 'OSCE');
    s.do({ type: 'invitation.claim', participantId: byPhone, replacing: false }, VISITOR);
    const refused = s.fail({ type: 'participant.setArrived', participantId: byPhone, arrived: false }, DESK);
    expect(refused.reason).toBe('arrival_by_phone');
    const walkIn = s.person('Walk In', 'OSCE');
    expect(s.fail({ type: 'participant.setArrived', participantId: walkIn.id, arrived: false }, DESK).reason).toBe(
      'arrival_by_phone',
    );
  });

  it('admits walk-ins by the list when the roundtable is by invitation only, and the code admits nobody new', () => {
    const s = new Scenario();
    const gone = s.person('Removed Once', 'OSCE');
    s.do({ type: 'participant.remove', participantId: gone.id });
    s.do({ type: 'joining.setInvitationOnly', only: true });
    const profile = { name: 'Stranger', function: '', delegation: null, language: 'en' as const };
    expect(s.fail({ type: 'participant.join', profile }, VISITOR).reason).toBe('invitation_only');
    s.do({ type: 'participant.join', profile: { ...profile, name: 'Removed Once' }, returning: gone.id }, VISITOR);
    s.do({ type: 'invitee.import', invitees: [invitee('Walk In', 'OSCE')] }, DESK);
    expect(s.fail({ type: 'invitation.reissue', participantId: gone.id }, DESK).reason).toBe('role_forbidden');
  });
});
