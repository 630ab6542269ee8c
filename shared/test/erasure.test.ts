import { describe, expect, it } from 'vitest';
import { erasureOf, scrubDeep, scrubText, type Actor } from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';

const NAMES = ['Айгерим Нурланова', 'Jean-Pierre Dubois', 'Ольга Смирнова'];

/** Three people: an invitee with an e-mail and a note, two on the roster; one has spoken, one has sent a contribution. */
function scene() {
  const s = new Scenario();
  const invitee = s.invite(NAMES[0] ?? '', 'Europol', { email: 'aigerim@example.kz', note: 'VIP, vegetarian' });
  const a = s.person(NAMES[1] ?? '');
  const b = s.person(NAMES[2] ?? '', 'Europol', 'rapporteur');
  const item = s.item(`Remarks by ${NAMES[1]}`, 20);
  s.do({ type: 'agenda.start', itemId: item });
  s.do({ type: 'floor.give', participantId: a.id, kind: 'speech', expectedSpeechId: null });
  s.minutes(3);
  s.do({ type: 'floor.end', speechId: s.floorId() });
  return { s, invitee, a, b };
}

const holdsAny = (value: unknown) => NAMES.some((n) => JSON.stringify(value).includes(n));

describe('erasing the personal data of a roundtable', () => {
  it('erases every name, function, e-mail and note, and keeps speeches, delegations and times', () => {
    const { s, a } = scene();
    const before = s.state;
    const speeches = before.speeches;
    expect(holdsAny(before)).toBe(true);
    s.do({ type: 'roundtable.erasePersonalData' });
    const after = s.state;
    expect(holdsAny(after)).toBe(false);
    expect(JSON.stringify(after)).not.toContain('aigerim@example.kz');
    expect(JSON.stringify(after)).not.toContain('vegetarian');
    expect(after.speeches).toEqual(speeches);
    expect(after.personalDataErasedAt).toBe(s.now);
    const names = after.participants.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of after.participants) {
      expect(p).toMatchObject({ function: '', erasedAt: s.now });
      expect(p.email).toBeUndefined();
      expect(p.invitation).toMatchObject({ serial: 1, locked: true });
    }
    const erasedA = after.participants.find((p) => p.id === a.id);
    expect(erasedA?.delegationId).toBe(before.participants.find((p) => p.id === a.id)?.delegationId);
    // The agenda item's title named a person: it names their placeholder now.
    expect(after.agenda[0]?.title.en).toBe(`Remarks by ${erasedA?.name ?? '?'}`);
    expect(s.lastEvents).toEqual([
      { type: 'personalData.erased', participantIds: before.participants.map((p) => p.id), at: s.now },
    ]);
    expect(holdsAny(s.lastEvents)).toBe(false);
  });

  it('tells the store what to scrub, and the scrub replaces an event’s copy of a person whole', () => {
    const { s } = scene();
    const before = s.state;
    s.do({ type: 'roundtable.erasePersonalData' });
    const erasure = erasureOf(s.lastEvents, before, s.state);
    expect(erasure?.signOut).toEqual([]);
    const stored = { type: 'invitees.imported', participants: [before.participants[0]] };
    const scrubbed = scrubDeep(stored, erasure ?? { replacements: [], participants: new Map() });
    expect(scrubbed).toEqual({ type: 'invitees.imported', participants: [s.state.participants[0]] });
    expect(scrubDeep({ text: `${NAMES[2]} (Europol): agreed` }, erasure!)).toEqual({
      text: `${s.state.participants[2]?.name} (Europol): agreed`,
    });
  });

  it('does nothing the second time, and is allowed once the roundtable has ended', () => {
    const { s } = scene();
    s.do({ type: 'agenda.finish', itemId: s.state.agenda[0]?.id ?? '' });
    s.do({ type: 'roundtable.end' });
    s.do({ type: 'roundtable.erasePersonalData' });
    const version = s.state.version;
    s.do({ type: 'roundtable.erasePersonalData' });
    expect(s.state.version).toBe(version);
  });

  it('stops every personal invitation: an erased person cannot be claimed', () => {
    const { s, invitee } = scene();
    s.do({ type: 'roundtable.erasePersonalData' });
    const visitor: Actor = { kind: 'visitor', role: 'visitor' };
    const claim = { type: 'invitation.claim', participantId: invitee, replacing: false } as const;
    expect(s.fail(claim, visitor).reason).toBe('invitation_invalid');
  });

  it('counts as done when everyone has deleted their own profile already', () => {
    const s = new Scenario();
    const a = s.person(NAMES[1] ?? '');
    s.do({ type: 'participant.forget', participantId: a.id }, a.actor);
    s.do({ type: 'roundtable.erasePersonalData' });
    expect(s.state.personalDataErasedAt).toBe(s.now);
    expect(s.lastEvents).toEqual([{ type: 'personalData.erased', participantIds: [], at: s.now }]);
  });

  it('is the moderator’s alone', () => {
    const { s, a, b } = scene();
    expect(s.fail({ type: 'roundtable.erasePersonalData' }, a.actor).reason).toBe('role_forbidden');
    const rapporteur: Actor = { ...b.actor, role: 'rapporteur' } as Actor;
    expect(s.fail({ type: 'roundtable.erasePersonalData' }, rapporteur).reason).toBe('role_forbidden');
  });
});

describe('a person deleting their own profile', () => {
  it('erases them alone, takes them out of the room and signs their device out; their speech stays', () => {
    const { s, a, b } = scene();
    const before = s.state;
    s.do({ type: 'participant.forget', participantId: a.id }, a.actor);
    const me = s.state.participants.find((p) => p.id === a.id);
    expect(me).toMatchObject({ status: 'removed', function: '', erasedAt: s.now });
    expect(JSON.stringify(s.state.participants)).not.toContain(NAMES[1]);
    // Nobody else's words change when one person leaves: the moderator's erasure rewrites free text.
    expect(s.state.agenda[0]?.title.en).toBe(`Remarks by ${NAMES[1]}`);
    expect(erasureOf(s.lastEvents, before, s.state)?.replacements).toEqual([]);
    expect(s.state.participants.find((p) => p.id === b.id)?.name).toBe(NAMES[2]);
    expect(s.state.speeches.map((x) => x.participantId)).toEqual([a.id]);
    expect(s.lastEvents).toEqual([{ type: 'participant.forgotten', participantId: a.id }]);
    expect(erasureOf(s.lastEvents, before, s.state)?.signOut).toEqual([a.id]);
  });

  it('refuses anyone else’s profile, the moderator’s too', () => {
    const { s, a, b } = scene();
    expect(s.fail({ type: 'participant.forget', participantId: a.id }, b.actor).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'participant.forget', participantId: a.id }, MOD).reason).toBe('role_forbidden');
  });

  it('refuses a person who is not there, and does nothing for one already erased', () => {
    const { s, a } = scene();
    const ghost: Actor = { kind: 'participant', participantId: 'nobody', role: 'participant', pending: false };
    expect(s.fail({ type: 'participant.forget', participantId: 'nobody' }, ghost).reason).toBe('participant_not_found');
    s.do({ type: 'participant.forget', participantId: a.id }, a.actor);
    const version = s.state.version;
    s.do({ type: 'participant.forget', participantId: a.id }, a.actor);
    expect(s.state.version).toBe(version);
  });
});

describe('free text, as an erasure rewrites it', () => {
  const scrub = scrubText([['Jean-Pierre Dubois', '#2']]);

  it('replaces a name as a whole word, in any case and either Unicode form', () => {
    expect(scrub('Jean-Pierre Dubois (Europol): yes. JEAN-PIERRE DUBOIS agreed.')).toBe(
      '#2 (Europol): yes. #2 agreed.',
    );
    expect(scrubText([['Сергей Иванов', '#1']])('Сергей Иванов'.normalize('NFD'))).toBe('#1');
    expect(scrub('Jean-Pierre Duboisier spoke')).toBe('Jean-Pierre Duboisier spoke');
  });

  it('looks for no one-word name: a person joining as "the" rewrites nobody’s record', () => {
    const s = new Scenario();
    const vandal = s.person('the');
    s.item('The future of the joint centre', 20);
    s.do({ type: 'roundtable.erasePersonalData' });
    expect(s.state.agenda[0]?.title.en).toBe('The future of the joint centre');
    expect(s.state.participants.find((p) => p.id === vandal.id)?.name).toMatch(/^#\d+$/);
  });
});

describe('a person giving their data again after an erasure', () => {
  it('is erased once more by the next erasure', () => {
    const s = new Scenario();
    const back = s.person('Jean-Pierre Dubois');
    s.do({ type: 'roundtable.erasePersonalData' });
    s.minutes(1);
    s.do({ type: 'participant.update', participantId: back.id, profile: { name: 'Jean-Pierre Dubois' } }, back.actor);
    expect(s.state.participants[0]).not.toHaveProperty('erasedAt');
    s.do({ type: 'roundtable.erasePersonalData' });
    expect(JSON.stringify(s.state)).not.toContain('Jean-Pierre Dubois');
  });
});

describe('a photographed badge', () => {
  it('does not let the phone that took an invitation over delete the person for an hour', () => {
    const s = new Scenario();
    const id = s.invite('Dana Omarova', 'OSCE');
    const visitor: Actor = { kind: 'visitor', role: 'visitor' };
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, visitor);
    s.minutes(5);
    s.do({ type: 'invitation.claim', participantId: id, replacing: false }, visitor);
    const holder: Actor = { kind: 'participant', participantId: id, role: 'participant', pending: false };
    expect(s.fail({ type: 'participant.forget', participantId: id }, holder).reason).toBe('profile_just_moved');
    s.minutes(61);
    s.do({ type: 'participant.forget', participantId: id }, holder);
  });
});
