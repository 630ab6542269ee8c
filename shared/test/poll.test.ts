import { describe, expect, it } from 'vitest';
import { Command, viewFor, type Audience, type PollSetup } from '../src/index.js';
import { pollSetup, Scenario } from './support/roundtable.js';

/** A running item and five people: two of Europol, two of Frontex, one without a delegation. */
function room() {
  const s = new Scenario();
  const item = s.item('Cyber threats', 30);
  s.do({ type: 'agenda.start', itemId: item });
  const people = {
    ana: s.person('Ana', 'Europol'),
    ben: s.person('Ben', 'Europol'),
    cem: s.person('Cem', 'Frontex'),
    dan: s.person('Dan', 'Frontex'),
    eva: s.person('Eva', null),
  };
  const start = (over: Partial<PollSetup> = {}) => s.do({ type: 'poll.start', setup: pollSetup(over) }).pollId ?? '';
  return { s, item, ...people, start };
}
const poll = (s: Scenario, id: string) => s.state.polls.find((p) => p.id === id)!;

describe('poll.start', () => {
  it('asks on the current item with the preset’s options, counting from zero', () => {
    const { s, item, start } = room();
    const id = start();
    expect(poll(s, id)).toMatchObject({
      itemId: item,
      options: ['agree', 'disagree', 'abstain'],
      counts: [0, 0, 0],
      answered: 0,
      closedAt: null,
    });
    expect(s.lastEvents[0]).toMatchObject({ type: 'poll.started' });
    s.do({ type: 'poll.close', pollId: id });
    const temperature = poll(s, start({ preset: 'temperature', question: '' }));
    expect(temperature.options).toEqual(['strong_yes', 'yes', 'following', 'confused', 'indifferent', 'unconvinced']);
  });

  it('runs one poll at a time', () => {
    const { s, start } = room();
    start();
    expect(s.fail({ type: 'poll.start', setup: pollSetup() }).reason).toBe('poll_running');
  });

  it('takes typed options for a multiple choice: two to eight, all different', () => {
    const { s } = room();
    const refused = (options: string[]) =>
      s.fail({ type: 'poll.start', setup: pollSetup({ preset: 'choice', options }) });
    expect(refused(['Only one']).reason).toBe('poll_options');
    expect(refused(['Same', 'same']).reason).toBe('poll_options');
    expect(refused(['Caf\u00e9', 'Cafe\u0301']).reason).toBe('poll_options');
    const invisible = Command.safeParse({
      type: 'poll.start',
      setup: pollSetup({ preset: 'choice', options: ['A', '\u200b\u200d'] }),
    });
    expect(invisible.success).toBe(false);
    const { pollId = '' } = s.do({
      type: 'poll.start',
      setup: pollSetup({ preset: 'choice', options: ['Cyber', 'Borders', 'Drugs'], multiple: true }),
    });
    expect(poll(s, pollId)).toMatchObject({ options: ['Cyber', 'Borders', 'Drugs'], multiple: true });
  });

  it('gives a preset one answer each, whatever the setup says', () => {
    const { s, start } = room();
    expect(poll(s, start({ multiple: true })).multiple).toBe(false);
  });

  it('is the moderator’s: a participant may not start one', () => {
    const { s, ana } = room();
    expect(s.fail({ type: 'poll.start', setup: pollSetup() }, ana.actor).reason).toBe('role_forbidden');
  });
});

describe('poll.vote', () => {
  it('counts one vote per person; a later vote replaces it; none withdraws it', () => {
    const { s, ana, ben, start } = room();
    const id = start();
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ben.actor);
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor);
    expect(poll(s, id)).toMatchObject({ counts: [1, 1, 0], answered: 2 });
    s.do({ type: 'poll.vote', pollId: id, choices: [] }, ben.actor);
    expect(poll(s, id)).toMatchObject({ counts: [0, 1, 0], answered: 1 });
  });

  it('refuses an answer the poll does not have, or two in a single-answer poll', () => {
    const { s, ana, start } = room();
    const id = start();
    for (const choices of [[3], [0, 1], [-1]]) {
      const out = s.fail({ type: 'poll.vote', pollId: id, choices }, ana.actor);
      expect(out.reason === 'poll_choices' || out.reason === 'invalid_command').toBe(true);
    }
    expect(poll(s, id).answered).toBe(0);
  });

  it('takes several answers in a multiple-answer poll, each once', () => {
    const { s, ana, ben } = room();
    const { pollId = '' } = s.do({
      type: 'poll.start',
      setup: pollSetup({ preset: 'choice', options: ['A', 'B', 'C'], multiple: true }),
    });
    s.do({ type: 'poll.vote', pollId, choices: [0, 2] }, ana.actor);
    s.do({ type: 'poll.vote', pollId, choices: [2] }, ben.actor);
    expect(poll(s, pollId)).toMatchObject({ counts: [1, 0, 2], answered: 2 });
    expect(s.fail({ type: 'poll.vote', pollId, choices: [1, 1] }, ana.actor).reason).toBe('poll_choices');
  });

  it('takes nothing after closing, and the result stays as it was', () => {
    const { s, ana, ben, start } = room();
    const id = start();
    s.do({ type: 'poll.vote', pollId: id, choices: [2] }, ana.actor);
    s.do({ type: 'poll.close', pollId: id });
    expect(s.lastEvents).toEqual([{ type: 'poll.closed', pollId: id, at: s.now, counts: [0, 0, 1], answered: 1 }]);
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [0] }, ben.actor).reason).toBe('poll_closed');
    expect(s.fail({ type: 'poll.close', pollId: id }).reason).toBe('poll_closed');
    expect(poll(s, id)).toMatchObject({ counts: [0, 0, 1], answered: 1 });
  });

  it('is for people in the roster: not a link, not someone removed, not an unknown poll', () => {
    const { s, ana, start } = room();
    const id = start();
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [0] }).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'poll.vote', pollId: 'nope', choices: [0] }, ana.actor).reason).toBe('poll_not_found');
    s.do({ type: 'participant.remove', participantId: ana.id });
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor).reason).toBe('participant_not_found');
  });
});

describe('one vote per delegation', () => {
  it('lets the first voter of a delegation answer for it, and change the answer; the others are told', () => {
    const { s, ana, ben, cem, eva, start } = room();
    const id = start({ voters: 'delegation' });
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [1] }, ben.actor).reason).toBe('poll_delegation_answered');
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor);
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, cem.actor);
    expect(poll(s, id)).toMatchObject({ counts: [0, 2, 0], answered: 2 });
    expect(
      poll(s, id)
        .ballots.map((b) => b.voter)
        .sort(),
    ).toEqual([s.delegation('Europol'), s.delegation('Frontex')].sort());
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [0] }, eva.actor).reason).toBe('poll_no_delegation');
  });

  it('lets a delegation’s head alone answer for it, replacing an answer given before', () => {
    const { s, ana, ben, cem, dan, start } = room();
    const id = start({ voters: 'delegation' });
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    s.do({ type: 'participant.setHead', participantId: ben.id, head: true });
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor).reason).toBe('poll_not_head');
    s.do({ type: 'poll.vote', pollId: id, choices: [2] }, ben.actor);
    expect(poll(s, id)).toMatchObject({ counts: [0, 0, 1], answered: 1 });
    // Frontex has no head: its first voter answers.
    s.do({ type: 'poll.vote', pollId: id, choices: [2] }, dan.actor);
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [2] }, cem.actor).reason).toBe('poll_delegation_answered');
  });
});

describe('who has left or moved', () => {
  it('takes back the ballot of a person removed or banned from a named poll still open', () => {
    const { s, ana, ben, cem, start } = room();
    const id = start();
    for (const p of [ana, ben, cem]) s.do({ type: 'poll.vote', pollId: id, choices: [0] }, p.actor);
    s.do({ type: 'participant.remove', participantId: ana.id });
    s.do({ type: 'participant.ban', participantId: ben.id });
    expect(poll(s, id)).toMatchObject({ counts: [1, 0, 0], answered: 1 });
  });

  it('keeps it in an anonymous poll: taking it out would tell the moderator what they voted', () => {
    const { s, ana, ben, start } = room();
    const id = start({ anonymous: true });
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ben.actor);
    s.do({ type: 'participant.remove', participantId: ana.id });
    expect(poll(s, id)).toMatchObject({ counts: [1, 1, 0], answered: 2 });
  });

  it('lets a person answer for one delegation only: moved to another, the first answer is taken back', () => {
    const { s, ana, cem, start } = room();
    const id = start({ voters: 'delegation' });
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    s.do({
      type: 'participant.update',
      participantId: ana.id,
      profile: { delegation: { id: s.delegation('Frontex') } },
    });
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor);
    expect(poll(s, id)).toMatchObject({ counts: [0, 1, 0], answered: 1 });
    expect(poll(s, id).ballots).toEqual([expect.objectContaining({ voter: s.delegation('Frontex'), by: ana.id })]);
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [2] }, cem.actor).reason).toBe('poll_delegation_answered');
  });
});

describe('anonymity', () => {
  const AUDIENCES: Audience[] = ['moderator', 'rapporteur', 'public'];

  it('never lets an audience see who voted what in an anonymous poll, nor the log say it', () => {
    const { s, ana, ben, start } = room();
    const id = start({ anonymous: true });
    s.do({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor);
    expect(s.lastEvents).toEqual([{ type: 'poll.voted', pollId: id }]);
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ben.actor);
    for (const audience of AUDIENCES) {
      const seen = viewFor(s.state, audience).polls.find((p) => p.id === id)!;
      expect(seen).toMatchObject({ ballots: [], counts: [1, 1, 0], answered: 2 });
      const text = JSON.stringify(viewFor(s.state, audience).polls);
      expect(text).not.toContain(ana.id);
      expect(text).not.toContain(ben.id);
    }
  });

  it('forgets an anonymous poll’s voters when it closes; its counts stay', () => {
    const { s, ana, start } = room();
    const id = start({ anonymous: true });
    s.do({ type: 'poll.vote', pollId: id, choices: [2] }, ana.actor);
    s.do({ type: 'poll.close', pollId: id });
    expect(poll(s, id)).toMatchObject({ ballots: [], counts: [0, 0, 1], answered: 1 });
    expect(JSON.stringify(s.state.polls)).not.toContain(ana.id);
  });

  it('shows a named poll’s voters to the moderators and rapporteurs, never to the phones', () => {
    const { s, ana, start } = room();
    const id = start();
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor);
    expect(s.lastEvents).toEqual([{ type: 'poll.voted', pollId: id, voter: ana.id, by: ana.id, choices: [1] }]);
    expect(viewFor(s.state, 'moderator').polls[0]!.ballots).toHaveLength(1);
    expect(viewFor(s.state, 'rapporteur').polls[0]!.ballots).toHaveLength(1);
    expect(viewFor(s.state, 'public').polls[0]).toMatchObject({ ballots: [], counts: [0, 1, 0] });
  });
});

describe('poll.record, poll.remove and the projector', () => {
  it('records a closed poll once, naming its item for the server to write into', () => {
    const { s, item, start } = room();
    const id = start();
    expect(s.fail({ type: 'poll.record', pollId: id }).reason).toBe('poll_open');
    s.do({ type: 'poll.close', pollId: id });
    s.do({ type: 'poll.record', pollId: id });
    expect(s.lastEvents).toEqual([{ type: 'poll.recorded', pollId: id, itemId: item }]);
    expect(poll(s, id).recordedAt).toBe(s.now);
    expect(s.fail({ type: 'poll.record', pollId: id }).reason).toBe('poll_recorded');
  });

  it('shows a poll on the projector, and takes it off when the poll is removed', () => {
    const { s, start } = room();
    const id = start();
    expect(s.fail({ type: 'projector.show', view: { mode: 'poll' } }).reason).toBe('projector_nothing');
    expect(s.fail({ type: 'projector.show', view: { mode: 'poll', pollId: 'gone' } }).reason).toBe('poll_not_found');
    s.do({ type: 'projector.show', view: { mode: 'poll', pollId: id } });
    expect(s.state.projector).toMatchObject({ mode: 'poll', pollId: id });
    s.do({ type: 'poll.remove', pollId: id });
    expect(s.state.polls).toEqual([]);
    expect(s.state.projector).toMatchObject({ mode: 'floor', pollId: null });
    expect(s.fail({ type: 'poll.remove', pollId: id }).reason).toBe('poll_not_found');
  });

  it('closes a poll left open when the roundtable ends, and takes no vote after', () => {
    const { s, item, ana, start } = room();
    const id = start();
    s.do({ type: 'agenda.finish', itemId: item });
    s.do({ type: 'poll.vote', pollId: id, choices: [1] }, ana.actor);
    s.do({ type: 'roundtable.end' });
    expect(s.lastEvents.map((e) => e.type)).toEqual(['poll.closed', 'roundtable.ended']);
    expect(poll(s, id)).toMatchObject({ closedAt: s.now, counts: [0, 1, 0], answered: 1 });
    expect(s.fail({ type: 'poll.vote', pollId: id, choices: [0] }, ana.actor).reason).toBe('roundtable_ended');
    expect(s.fail({ type: 'poll.close', pollId: id }).reason).toBe('roundtable_ended');
  });
});
