import { describe, expect, it } from 'vitest';
import { can, CLOSING_SECTION_IDS, finalRecord, isFrozen, RoundtableState, type Actor, Command } from '../src/index.js';
import { MOD, Scenario } from './support/roundtable.js';

const HOUR = 3_600_000;
const RAPPORTEUR: Actor = { kind: 'link', linkId: 'rap-link', role: 'rapporteur' };

/** A roundtable with two items and a break, a head for Europol and for Frontex, and a member of Europol. */
function setup() {
  const s = new Scenario();
  const opening = s.item('Opening', 20);
  const discussion = s.item('Discussion', 40);
  s.item('Coffee', 15, { kind: 'break' });
  const europol = s.person('Head Europol', 'Europol');
  const frontex = s.person('Head Frontex', 'Frontex');
  const member = s.person('Member Europol', 'Europol');
  const loner = s.person('No Delegation', null);
  s.do({ type: 'participant.setHead', participantId: europol.id, head: true });
  s.do({ type: 'participant.setHead', participantId: frontex.id, head: true });
  return { s, opening, discussion, europol, frontex, member, loner };
}

const respond = (sectionId: string, response: 'endorse' | 'comment' | 'object', text = ''): Command => ({
  type: 'review.respond',
  sectionId,
  response,
  text,
});

describe('heads of delegation', () => {
  it('marks and unmarks a head; only a delegation member can be one', () => {
    const { s, europol, loner } = setup();
    expect(s.state.review.heads).toContain(europol.id);
    expect(s.fail({ type: 'participant.setHead', participantId: loner.id, head: true }).reason).toBe(
      'head_needs_delegation',
    );
    expect(s.fail({ type: 'participant.setHead', participantId: 'nobody', head: true }).reason).toBe(
      'participant_not_found',
    );
    s.do({ type: 'participant.setHead', participantId: europol.id, head: false });
    expect(s.lastEvents).toEqual([{ type: 'participant.headChanged', participantId: europol.id, head: false }]);
    expect(s.state.review.heads).not.toContain(europol.id);
  });

  it('is the moderator’s to set', () => {
    const { s, member, europol } = setup();
    const cmd: Command = { type: 'participant.setHead', participantId: member.id, head: true };
    expect(s.fail(cmd, europol.actor).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'review.allowEveryone', allowed: true }, RAPPORTEUR).reason).toBe('role_forbidden');
  });
});

describe('a review round', () => {
  it('opens with a deadline, freezes the document and fixes the sections (no break)', () => {
    const { s, opening, discussion } = setup();
    expect(s.fail({ type: 'review.open', deadline: s.now }).reason).toBe('review_deadline_past');
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    const { review } = s.state;
    expect(review).toMatchObject({ status: 'open', round: 1, deadline: s.now + HOUR, openedAt: s.now });
    expect(review.sections).toEqual([opening, discussion, ...CLOSING_SECTION_IDS]);
    expect(review.draftVersionId).toEqual(expect.any(String));
    expect(s.lastEvents[0]).toMatchObject({ type: 'review.opened', round: 1, draftVersionId: review.draftVersionId });
    expect(isFrozen(review)).toBe(true);
    expect(can(MOD, 'document.write', s.state)).toBe(false);
    expect(can(RAPPORTEUR, 'document.write', s.state)).toBe(false);
    expect(s.fail({ type: 'review.open', deadline: s.now + HOUR }).reason).toBe('review_open');
  });

  it('lets a participant read the draft while it is under review, published or not', () => {
    const { s, member } = setup();
    expect(can(member.actor, 'document.read', s.state)).toBe(false);
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    expect(can(member.actor, 'document.read', s.state)).toBe(true);
  });

  it('takes one answer per delegation and section, a later one replacing it', () => {
    const { s, opening, europol, frontex } = setup();
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    s.do(respond(opening, 'endorse'), europol.actor);
    s.do(respond(opening, 'object', 'Paragraph 2 misquotes us.'), frontex.actor);
    s.now += 1000;
    s.do(respond(opening, 'comment', 'Add the date.'), europol.actor);
    const answers = s.state.review.responses.filter((r) => r.sectionId === opening);
    expect(answers).toHaveLength(2);
    expect(answers.find((r) => r.by === europol.id)).toMatchObject({
      delegationId: s.delegation('Europol'),
      response: 'comment',
      text: 'Add the date.',
      at: s.now,
    });
    expect(s.lastEvents[0]?.type).toBe('review.responded');
  });

  it('refuses who may not answer, unknown sections and a comment without a text', () => {
    const { s, opening, europol, member, loner } = setup();
    expect(s.fail(respond(opening, 'endorse'), europol.actor).reason).toBe('review_not_open');
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    expect(s.fail(respond(opening, 'endorse'), member.actor).reason).toBe('review_not_head');
    expect(s.fail(respond(opening, 'endorse'), loner.actor).reason).toBe('review_no_delegation');
    expect(s.fail(respond(opening, 'endorse'), MOD).reason).toBe('role_forbidden');
    expect(s.fail(respond('elsewhere', 'endorse'), europol.actor).reason).toBe('review_section_unknown');
    expect(s.fail(respond(opening, 'object'), europol.actor).reason).toBe('review_text_needed');
    expect(s.fail(Command.parse(respond(opening, 'comment', '   ')), europol.actor).reason).toBe('review_text_needed');
  });

  it('lets every member answer once the moderator allows it, still one answer per delegation', () => {
    const { s, opening, europol, member } = setup();
    s.do({ type: 'review.allowEveryone', allowed: true });
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    s.do(respond(opening, 'endorse'), europol.actor);
    s.do(respond(opening, 'object', 'We disagree.'), member.actor);
    const answers = s.state.review.responses.filter((r) => r.sectionId === opening);
    expect(answers).toEqual([expect.objectContaining({ by: member.id, response: 'object' })]);
  });

  it('takes nothing after the deadline', () => {
    const { s, opening, europol } = setup();
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    s.now += HOUR;
    expect(s.fail(respond(opening, 'endorse'), europol.actor).reason).toBe('review_deadline_passed');
  });

  it('reopens for writing (rapporteurs too), keeps the answers, and a second round starts afresh', () => {
    const { s, opening, europol, member } = setup();
    expect(s.fail({ type: 'review.reopen' }).reason).toBe('review_not_open');
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    s.do(respond(opening, 'object', 'No.'), europol.actor);
    expect(s.fail({ type: 'review.reopen' }, member.actor).reason).toBe('role_forbidden');
    s.do({ type: 'review.reopen' }, RAPPORTEUR);
    expect(s.state.review.status).toBe('writing');
    expect(s.state.review.responses).toHaveLength(1);
    expect(can(RAPPORTEUR, 'document.write', s.state)).toBe(true);
    expect(s.fail(respond(opening, 'endorse'), europol.actor).reason).toBe('review_not_open');
    const first = s.state.review.draftVersionId;
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    expect(s.state.review).toMatchObject({ round: 2, responses: [] });
    expect(s.state.review.draftVersionId).not.toBe(first);
  });
});

describe('finalising', () => {
  it('stamps the time and the delegations that endorsed every section, and freezes for good', () => {
    const { s, europol, frontex } = setup();
    expect(s.fail({ type: 'review.finalise' }).reason).toBe('review_not_open');
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    for (const section of s.state.review.sections) s.do(respond(section, 'endorse'), europol.actor);
    const [first, ...rest] = s.state.review.sections;
    s.do(respond(first ?? '', 'comment', 'Fine, one typo.'), frontex.actor);
    for (const section of rest) s.do(respond(section, 'endorse'), frontex.actor);
    expect(s.fail({ type: 'review.finalise' }, RAPPORTEUR).reason).toBe('role_forbidden');
    s.now += 5000;
    s.do({ type: 'review.finalise' });
    const final = s.state.review.final;
    expect(final).toMatchObject({ at: s.now, round: 1, endorsedBy: [s.delegation('Europol')] });
    expect(finalRecord(s.state)).toEqual({
      finalisedAt: s.now,
      round: 1,
      versionId: final?.versionId,
      endorsedBy: [{ delegationId: s.delegation('Europol'), name: 'Europol' }],
      // Frontex commented on a section, OSCE never answered: neither signs.
      notEndorsed: [
        { delegationId: s.delegation('Frontex'), name: 'Frontex' },
        { delegationId: s.delegation('OSCE'), name: 'OSCE' },
      ],
    });
    expect(can(MOD, 'document.write', s.state)).toBe(false);
    for (const cmd of [
      { type: 'review.finalise' },
      { type: 'review.reopen' },
      { type: 'review.open', deadline: s.now + HOUR },
    ] as Command[]) {
      expect(s.fail(cmd).reason).toBe('review_final');
    }
    expect(s.fail(respond(first ?? '', 'endorse'), europol.actor).reason).toBe('review_final');
  });

  it('keeps the delegations as they signed: a later rename or a new delegation does not change the record', () => {
    const { s, europol } = setup();
    s.do({ type: 'review.open', deadline: s.now + HOUR });
    for (const section of s.state.review.sections) s.do(respond(section, 'endorse'), europol.actor);
    s.do({ type: 'review.finalise' });
    const before = finalRecord(s.state);
    s.do({
      type: 'delegation.update',
      delegationId: s.delegation('Europol'),
      name: 'Europol (EU)',
      defaultLanguage: null,
    });
    s.do({ type: 'delegation.add', name: 'Interpol', defaultLanguage: null });
    expect(finalRecord(s.state)).toEqual(before);
    expect(before?.endorsedBy).toEqual([{ delegationId: s.delegation('Europol (EU)'), name: 'Europol' }]);
    // An outcome finalised before the names were kept reads today's delegations.
    const final = s.state.review.final && { ...s.state.review.final, delegations: undefined };
    const older = { ...s.state, review: { ...s.state.review, final } };
    expect(finalRecord(older)?.endorsedBy).toEqual([
      { delegationId: s.delegation('Europol (EU)'), name: 'Europol (EU)' },
    ]);
  });

  it('has no record before it is final', () => {
    expect(finalRecord(setup().s.state)).toBeNull();
  });
});

it('loads a state stored before reviews existed, with none', () => {
  const { s } = setup();
  const { review: _review, ...old } = JSON.parse(JSON.stringify(s.state)) as Record<string, unknown>;
  const loaded = RoundtableState.parse(old);
  expect(loaded.review).toMatchObject({ status: 'writing', round: 0, heads: [], everyoneResponds: false, final: null });
});
