import { expect, it } from 'vitest';
import {
  apply,
  Command,
  type Actor,
  type AgendaItemFields,
  type CommandOf,
  type CommandType,
  type PollSetup,
  type ProfileFields,
} from '../src/index.js';
import { invitee, MOD, Scenario } from './support/roundtable.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };
const invited = (s: Scenario) => s.invite('Invited Person', 'OSCE');
const profile: ProfileFields = { name: 'Newcomer', function: '', delegation: null, language: 'kk' };
const agreement: PollSetup = {
  question: '',
  preset: 'agreement',
  options: [],
  multiple: false,
  anonymous: false,
  voters: 'person',
};
const fields: AgendaItemFields = {
  title: { en: 'Imported' },
  notes: '',
  kind: 'discussion',
  plannedMinutes: 30,
  fixedStart: null,
  invitedSpeakers: [],
  speakingLimits: null,
  orderingPolicy: null,
};

/**
 * A roundtable with something for every command to act on: item `a` running and `b`, `c` ahead,
 * `speaker` on the floor, `p1` and `p2` waiting (requests `r1`, `r2`), `p3` neither.
 */
function roundtable() {
  const s = new Scenario();
  const [a, b, c] = [s.item('A', 20), s.item('B', 20), s.item('C', 20)];
  const [p1, p2, p3, speaker] = [s.person('P1'), s.person('P2', 'Frontex'), s.person('P3'), s.person('Speaker')];
  s.do({ type: 'agenda.start', itemId: a });
  const { speechId = '' } = s.do({
    type: 'floor.give',
    participantId: speaker.id,
    kind: 'speech',
    expectedSpeechId: null,
  });
  const { requestId: r1 = '' } = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, p1.actor);
  const { requestId: r2 = '' } = s.do({ type: 'queue.request', kind: 'speech', topic: '' }, p2.actor);
  return { s, a, b, c, p1, p2, p3, speechId, r1, r2 };
}
type Roundtable = ReturnType<typeof roundtable>;

/**
 * One command of each type that succeeds, made against the roundtable after any steps it needs
 * first (a speech to resume must be paused). A mapped type, so a new command does not compile
 * until it has an example here.
 */
const EXAMPLES: { [T in CommandType]: (rt: Roundtable) => CommandOf<T> | [CommandOf<T>, Actor] } = {
  'roundtable.update': () => ({ type: 'roundtable.update', info: { venue: 'Almaty' } }),
  'roundtable.end': ({ s, a }) => {
    s.do({ type: 'agenda.finish', itemId: a });
    return { type: 'roundtable.end' };
  },
  'roundtable.reopen': ({ s, a }) => {
    s.do({ type: 'agenda.finish', itemId: a });
    s.do({ type: 'roundtable.end' });
    return { type: 'roundtable.reopen' };
  },
  'roundtable.erasePersonalData': () => ({ type: 'roundtable.erasePersonalData' }),
  'roundtable.setRetention': () => ({ type: 'roundtable.setRetention', days: 30 }),
  'roundtable.setPrivacyNotice': () => ({ type: 'roundtable.setPrivacyNotice', notice: { en: 'We keep it.' } }),
  'participant.forget': ({ p1 }) => [{ type: 'participant.forget', participantId: p1.id }, p1.actor],
  'delegation.add': () => ({ type: 'delegation.add', name: 'Interpol', defaultLanguage: null }),
  'delegation.update': ({ s }) => ({
    type: 'delegation.update',
    delegationId: s.delegation('OSCE'),
    name: 'OSCE PA',
    defaultLanguage: 'ru',
  }),
  'delegation.remove': ({ s }) => ({ type: 'delegation.remove', delegationId: s.delegation('OSCE') }),
  'participant.join': () => [{ type: 'participant.join', profile }, VISITOR],
  'participant.add': () => ({ type: 'participant.add', profile, role: 'participant' }),
  'participant.update': ({ p1 }) => ({
    type: 'participant.update',
    participantId: p1.id,
    profile: { name: 'Renamed' },
  }),
  'participant.setRole': ({ p2 }) => ({ type: 'participant.setRole', participantId: p2.id, role: 'rapporteur' }),
  'participant.remove': ({ p2 }) => ({ type: 'participant.remove', participantId: p2.id }),
  'participant.ban': ({ p2 }) => ({ type: 'participant.ban', participantId: p2.id }),
  'participant.readmit': ({ s, p2 }) => {
    s.do({ type: 'participant.ban', participantId: p2.id });
    return { type: 'participant.readmit', participantId: p2.id };
  },
  'joining.setLocked': () => ({ type: 'joining.setLocked', locked: true }),
  'link.create': () => ({ type: 'link.create', role: 'projector', label: '' }),
  'link.revoke': ({ s }) => {
    const { linkId = '' } = s.do({ type: 'link.create', role: 'projector', label: 'Hall' });
    return { type: 'link.revoke', linkId };
  },
  'agenda.add': () => ({ type: 'agenda.add', fields, after: null }),
  'agenda.update': ({ b }) => ({ type: 'agenda.update', itemId: b, fields: { plannedMinutes: 25 } }),
  'agenda.remove': ({ c }) => ({ type: 'agenda.remove', itemId: c }),
  'agenda.move': ({ c }) => ({ type: 'agenda.move', itemId: c, after: null }),
  'agenda.duplicate': ({ b }) => ({ type: 'agenda.duplicate', itemId: b }),
  'agenda.import': () => ({ type: 'agenda.import', items: [fields], mode: 'append' }),
  'agenda.setCurrent': ({ s, a, b }) => {
    s.do({ type: 'agenda.finish', itemId: a });
    return { type: 'agenda.setCurrent', itemId: b };
  },
  'agenda.start': ({ s, a, b }) => {
    s.do({ type: 'agenda.finish', itemId: a });
    return { type: 'agenda.start', itemId: b };
  },
  'agenda.finish': ({ a }) => ({ type: 'agenda.finish', itemId: a }),
  'agenda.skip': ({ b }) => ({ type: 'agenda.skip', itemId: b }),
  'agenda.extend': ({ a }) => ({ type: 'agenda.extend', itemId: a, minutes: 5 }),
  'agenda.reopen': ({ s, b }) => {
    s.do({ type: 'agenda.skip', itemId: b });
    return { type: 'agenda.reopen', itemId: b };
  },
  'queue.request': ({ p3 }) => [{ type: 'queue.request', kind: 'speech', topic: '' }, p3.actor],
  'queue.add': ({ p3 }) => ({ type: 'queue.add', participantId: p3.id, kind: 'speech', topic: '' }),
  'queue.withdraw': ({ p1, r1 }) => [{ type: 'queue.withdraw', requestId: r1 }, p1.actor],
  'queue.move': ({ r1, r2 }) => ({ type: 'queue.move', requestId: r2, before: r1 }),
  'queue.yield': ({ p1, r1, r2 }) => [{ type: 'queue.yield', requestId: r1, to: r2 }, p1.actor],
  'queue.setClosed': () => ({ type: 'queue.setClosed', closed: true }),
  'queue.undo': ({ s, r1, r2 }) => {
    s.do({ type: 'queue.move', requestId: r2, before: r1 });
    return { type: 'queue.undo' };
  },
  'floor.next': ({ speechId }) => ({ type: 'floor.next', expectedSpeechId: speechId }),
  'floor.give': ({ p3, speechId }) => ({
    type: 'floor.give',
    participantId: p3.id,
    kind: 'speech',
    expectedSpeechId: speechId,
  }),
  'floor.pause': ({ speechId }) => ({ type: 'floor.pause', speechId }),
  'floor.resume': ({ s, speechId }) => {
    s.do({ type: 'floor.pause', speechId });
    return { type: 'floor.resume', speechId };
  },
  'floor.extend': ({ speechId }) => ({ type: 'floor.extend', speechId, seconds: 60 }),
  'floor.end': ({ speechId }) => ({ type: 'floor.end', speechId }),
  'floor.setSettings': () => ({ type: 'floor.setSettings', settings: { warningSeconds: 45 } }),
  'document.setPublished': () => ({ type: 'document.setPublished', published: true }),
  'projector.show': () => ({ type: 'projector.show', view: { mode: 'agenda', breakUntil: null } }),
  'participant.setHead': ({ p1 }) => ({ type: 'participant.setHead', participantId: p1.id, head: true }),
  'review.allowEveryone': () => ({ type: 'review.allowEveryone', allowed: true }),
  'review.open': ({ s }) => ({ type: 'review.open', deadline: s.now + 3_600_000 }),
  'review.respond': ({ s, a, p1 }) => {
    s.do({ type: 'participant.setHead', participantId: p1.id, head: true });
    s.do({ type: 'review.open', deadline: s.now + 3_600_000 });
    return [{ type: 'review.respond', sectionId: a, response: 'endorse', text: '' }, p1.actor];
  },
  'review.reopen': ({ s }) => {
    s.do({ type: 'review.open', deadline: s.now + 3_600_000 });
    return { type: 'review.reopen' };
  },
  'review.finalise': ({ s }) => {
    s.do({ type: 'review.open', deadline: s.now + 3_600_000 });
    return { type: 'review.finalise' };
  },
  'poll.start': () => ({ type: 'poll.start', setup: agreement }),
  'poll.vote': ({ s, p1 }) => {
    const { pollId = '' } = s.do({ type: 'poll.start', setup: agreement });
    return [{ type: 'poll.vote', pollId, choices: [0] }, p1.actor];
  },
  'poll.close': ({ s }) => ({
    type: 'poll.close',
    pollId: s.do({ type: 'poll.start', setup: agreement }).pollId ?? '',
  }),
  'poll.record': ({ s }) => {
    const { pollId = '' } = s.do({ type: 'poll.start', setup: agreement });
    s.do({ type: 'poll.close', pollId });
    return { type: 'poll.record', pollId };
  },
  'poll.remove': ({ s }) => ({
    type: 'poll.remove',
    pollId: s.do({ type: 'poll.start', setup: agreement }).pollId ?? '',
  }),
  'contribution.submit': ({ p1 }) => [{ type: 'contribution.submit', topic: 'item', text: 'One sentence.' }, p1.actor],
  'contribution.mark': ({ s, p1 }) => {
    const { contributionId = '' } = s.do(
      { type: 'contribution.submit', topic: 'lessons', text: 'A lesson.' },
      p1.actor,
    );
    return { type: 'contribution.mark', contributionId, status: 'used' };
  },
  'contribution.setClosed': () => ({ type: 'contribution.setClosed', closed: true }),
  'invitee.import': () => ({ type: 'invitee.import', invitees: [invitee('Aigerim Sadykova', 'Kazakhstan')] }),
  'invitee.update': ({ p3 }) => ({
    type: 'invitee.update',
    participantId: p3.id,
    fields: { note: 'Wheelchair access' },
  }),
  'invitation.claim': ({ s }) => [{ type: 'invitation.claim', participantId: invited(s), replacing: false }, VISITOR],
  'invitation.reissue': ({ p3 }) => ({ type: 'invitation.reissue', participantId: p3.id }),
  'invitation.setLocked': ({ p3 }) => ({ type: 'invitation.setLocked', participantId: p3.id, locked: true }),
  'participant.setArrived': ({ s }) => ({ type: 'participant.setArrived', participantId: invited(s), arrived: true }),
  'joining.setInvitationOnly': () => ({ type: 'joining.setInvitationOnly', only: true }),
  'remarks.submit': ({ s }) => {
    const id = s.invite('Invited Speaker', 'OSCE', { role: 'speaker' });
    const actor: Actor = { kind: 'participant', participantId: id, role: 'participant', pending: false };
    return [{ type: 'remarks.submit', language: 'ru', text: 'Уважаемые коллеги!' }, actor];
  },
  'remarks.set': ({ p3 }) => ({ type: 'remarks.set', participantId: p3.id, language: 'en', text: 'Dear colleagues,' }),
  'remarks.remove': ({ s, p3 }) => {
    s.do({ type: 'remarks.set', participantId: p3.id, language: 'en', text: 'Dear colleagues,' });
    return { type: 'remarks.remove', participantId: p3.id };
  },
};

const TYPES = Command.options.map((option) => option.shape.type.value);

it('has an example of every command', () => {
  expect(Object.keys(EXAMPLES).sort()).toEqual([...TYPES].sort());
});

it.each(TYPES)('never changes the state it is given: %s', (type) => {
  const rt = roundtable();
  const example = EXAMPLES[type](rt);
  const [command, actor] = Array.isArray(example) ? example : [example, MOD];
  const frozen = deepFreeze(JSON.parse(JSON.stringify(rt.s.state)) as typeof rt.s.state);
  const before = JSON.stringify(frozen);
  const ctx = { actor, now: rt.s.now + 1000, newId: rt.s.newId, baseVersion: frozen.version };
  const out = apply(frozen, Command.parse(command), ctx);
  expect(out.ok ? out.events.length : out).toBeGreaterThan(0);
  expect(JSON.stringify(frozen)).toBe(before);
});
