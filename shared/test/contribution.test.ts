import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_LIMITS, Command, viewFor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

function room() {
  const s = new Scenario();
  const item = s.item('Border protection', 35);
  const ana = s.person('Ana', 'Frontex');
  const submit = (text: string, topic: 'item' | 'lessons' = 'item') => ({
    type: 'contribution.submit' as const,
    topic,
    text,
  });
  return { s, item, ana, submit };
}

describe('contribution.submit', () => {
  it('stores a contribution for the item under way, with its author’s delegation', () => {
    const { s, item, ana, submit } = room();
    s.do({ type: 'agenda.start', itemId: item });
    const { contributionId } = s.do(submit('Пограничники нуждаются в общей базе данных.'), ana.actor);
    expect(s.state.contributions.items).toEqual([
      {
        id: contributionId,
        participantId: ana.id,
        delegationId: s.delegation('Frontex'),
        itemId: item,
        text: 'Пограничники нуждаются в общей базе данных.',
        at: s.now,
        status: 'new',
      },
    ]);
    expect(s.lastEvents[0]).toMatchObject({ type: 'contribution.submitted' });
  });

  it('takes one for the lessons learned at any time, but one for the item only while an item is on', () => {
    const { s, ana, submit } = room();
    expect(s.fail(submit('About what?'), ana.actor).reason).toBe('contribution_no_item');
    s.do(submit('A lesson for next year.', 'lessons'), ana.actor);
    expect(s.state.contributions.items[0]).toMatchObject({ itemId: null });
  });

  it('takes a few per person and item, then refuses politely; the lessons count apart', () => {
    const { s, item, ana, submit } = room();
    s.do({ type: 'agenda.start', itemId: item });
    for (let i = 0; i < CONTRIBUTION_LIMITS.perPersonPerItem; i++) s.do(submit(`Point ${i}`), ana.actor);
    const refused = s.fail(submit('One more'), ana.actor);
    expect(refused).toMatchObject({ reason: 'contribution_limit', params: { max: 3 } });
    expect(refused.message).toMatch(/^Thank you/);
    s.do(submit('Still a lesson', 'lessons'), ana.actor);
  });

  it('refuses anything when the moderator has closed contributions, until reopened', () => {
    const { s, ana, submit } = room();
    s.do({ type: 'contribution.setClosed', closed: true });
    expect(s.fail(submit('Late', 'lessons'), ana.actor).reason).toBe('contributions_closed');
    s.do({ type: 'contribution.setClosed', closed: false });
    s.do(submit('Now', 'lessons'), ana.actor);
  });

  it('takes text of at most 2,000 characters, and not an empty one', () => {
    const at = (text: string) => Command.safeParse({ type: 'contribution.submit', topic: 'lessons', text }).success;
    expect(at('x'.repeat(2000))).toBe(true);
    expect(at('x'.repeat(2001))).toBe(false);
    expect(at('   ')).toBe(false);
    expect(at('\u200b\u2066\u200d')).toBe(false);
    // Counted as the phone counts them: characters, not UTF-16 units.
    expect(at('😀'.repeat(2000))).toBe(true);
  });

  it('is for people in the roster, not for a link', () => {
    const { s, submit } = room();
    expect(s.fail(submit('From the projector', 'lessons')).reason).toBe('role_forbidden');
  });
});

describe('contribution.mark and who sees what', () => {
  it('lets a rapporteur mark one used or set aside, and refuses an unknown one', () => {
    const { s, ana, submit } = room();
    const rapporteur = s.person('Rita', null, 'rapporteur');
    const { contributionId = '' } = s.do(submit('A lesson', 'lessons'), ana.actor);
    s.do({ type: 'contribution.mark', contributionId, status: 'aside' }, rapporteur.actor);
    expect(s.state.contributions.items[0]!.status).toBe('aside');
    expect(s.fail({ type: 'contribution.mark', contributionId, status: 'used' }, ana.actor).reason).toBe(
      'role_forbidden',
    );
    const gone = s.fail({ type: 'contribution.mark', contributionId: 'gone', status: 'used' });
    expect(gone.reason).toBe('contribution_not_found');
  });

  it('keeps the inbox from the phones, but for the one on the projector and its author', () => {
    const { s, ana, submit } = room();
    const other = s.person('Omar', 'OSCE');
    s.do(submit('Not shown', 'lessons'), other.actor);
    const { contributionId = '' } = s.do(submit('Shown to the room', 'lessons'), ana.actor);
    expect(viewFor(s.state, 'public').contributions.items).toEqual([]);
    expect(viewFor(s.state, 'rapporteur').contributions.items).toHaveLength(2);
    s.do({ type: 'projector.show', view: { mode: 'contribution', contributionId } });
    const seen = viewFor(s.state, 'public');
    expect(seen.contributions.items.map((c) => c.text)).toEqual(['Shown to the room']);
    expect(seen.participants.map((p) => p.name)).toEqual(['Ana']);
    // Off the screen, off the phones: the projector back to the floor keeps the id, not the showing.
    s.do({ type: 'projector.show', view: { mode: 'floor' } });
    expect(viewFor(s.state, 'public').contributions.items).toEqual([]);
    expect(viewFor(s.state, 'public').participants).toEqual([]);
  });
});
