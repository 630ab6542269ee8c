import { describe, expect, it } from 'vitest';
import { Command, REMARKS_LIMITS, viewFor, type Actor } from '../src/index.js';
import { Scenario } from './support/roundtable.js';

const BOOTH: Actor = { kind: 'link', linkId: 'booth', role: 'booth' };
const as = (participantId: string): Actor => ({
  kind: 'participant',
  participantId,
  role: 'participant',
  pending: false,
});
const TEXT = 'Уважаемые коллеги! Позвольте поблагодарить организаторов.';

/** An invited speaker with their remarks sent, named on the current item, and a person who is not a speaker. */
function scene() {
  const s = new Scenario();
  const speaker = s.invite('Наталья Иванова', 'Europol', { role: 'speaker' });
  const other = s.person('Other Person');
  s.do({ type: 'participant.setArrived', participantId: speaker, arrived: true });
  const item = s.item('Opening', 20, { invitedSpeakers: [speaker] });
  s.do({ type: 'agenda.start', itemId: item });
  s.do({ type: 'remarks.submit', language: 'ru', text: TEXT }, as(speaker));
  return { s, speaker, other };
}

describe('remarks for the interpreters', () => {
  it('takes an invited speaker’s own text, replaces it, and withdraws it with an empty one', () => {
    const { s, speaker } = scene();
    expect(s.state.remarks).toEqual([{ participantId: speaker, language: 'ru', text: TEXT, updatedAt: s.now }]);
    expect(s.lastEvents).toEqual([
      { type: 'remarks.sent', participantId: speaker, language: 'ru', length: TEXT.length },
    ]);
    s.now += 60_000;
    s.do({ type: 'remarks.submit', language: 'kk', text: 'Құрметті әріптестер!' }, as(speaker));
    expect(s.state.remarks).toMatchObject([{ language: 'kk', text: 'Құрметті әріптестер!', updatedAt: s.now }]);
    const version = s.state.version;
    s.do({ type: 'remarks.submit', language: 'kk', text: 'Құрметті әріптестер!' }, as(speaker));
    expect(s.state.version).toBe(version);
    s.do(Command.parse({ type: 'remarks.submit', language: 'kk', text: '   ' }), as(speaker));
    expect(s.state.remarks).toEqual([]);
    expect(s.lastEvents).toEqual([{ type: 'remarks.removed', participantId: speaker }]);
  });

  it('refuses a person not invited to speak, and anyone else’s link but the moderator’s', () => {
    const { s, other, speaker } = scene();
    expect(s.fail({ type: 'remarks.submit', language: 'en', text: 'Hello' }, other.actor).reason).toBe(
      'remarks_not_speaker',
    );
    const set = { type: 'remarks.set', participantId: speaker, language: 'en', text: 'Hi' } as const;
    expect(s.fail(set, BOOTH).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'remarks.remove', participantId: speaker }, other.actor).reason).toBe('role_forbidden');
    expect(s.fail({ type: 'remarks.submit', language: 'en', text: 'Hi' }, BOOTH).reason).toBe('role_forbidden');
  });

  it('lets the moderator set, replace and clear a speaker’s text, and the speaker withdraw their own', () => {
    const { s, speaker, other } = scene();
    s.do({ type: 'remarks.set', participantId: other.id, language: 'en', text: 'Dear colleagues,' });
    expect(s.state.remarks.map((r) => r.participantId)).toEqual([speaker, other.id]);
    s.do({ type: 'remarks.set', participantId: other.id, language: 'en', text: '' });
    expect(s.state.remarks.map((r) => r.participantId)).toEqual([speaker]);
    s.do({ type: 'remarks.remove', participantId: speaker }, as(speaker));
    expect(s.state.remarks).toEqual([]);
    expect(s.fail({ type: 'remarks.set', participantId: 'nobody', language: 'en', text: 'x' }).reason).toBe(
      'participant_not_found',
    );
  });

  it('bounds the text as the server counts it: code points of the trimmed text', () => {
    const fits = '🙂'.repeat(REMARKS_LIMITS.text);
    expect(Command.safeParse({ type: 'remarks.submit', language: 'en', text: ` ${fits} ` }).success).toBe(true);
    expect(Command.safeParse({ type: 'remarks.submit', language: 'en', text: `${fits}a` }).success).toBe(false);
  });

  it('shows the texts to the moderators and the booth, and to no one in the room', () => {
    const { s, speaker } = scene();
    expect(viewFor(s.state, 'moderator').remarks).toHaveLength(1);
    expect(viewFor(s.state, 'booth').remarks).toEqual([
      expect.objectContaining({ participantId: speaker, text: TEXT }),
    ]);
    for (const audience of ['public', 'rapporteur'] as const) {
      const view = viewFor(s.state, audience);
      expect(view.remarks).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('Позвольте');
    }
    // The booth sees the room's people otherwise: the speaker, named on the item, and no e-mail or links.
    const booth = viewFor(s.state, 'booth');
    expect(booth.participants.map((p) => p.id)).toEqual(viewFor(s.state, 'public').participants.map((p) => p.id));
    expect(booth.links).toEqual([]);
  });
});

describe('the booth’s load', () => {
  it('takes the remarks of at most REMARKS_LIMITS.speakers people at once', () => {
    const s = new Scenario();
    const ids = Array.from({ length: REMARKS_LIMITS.speakers + 1 }, (_, i) => s.person(`Speaker ${i}`).id);
    ids
      .slice(0, -1)
      .forEach((participantId) => s.do({ type: 'remarks.set', participantId, language: 'en', text: 'Text' }));
    const last = ids.at(-1) ?? '';
    expect(s.fail({ type: 'remarks.set', participantId: last, language: 'en', text: 'Text' }).reason).toBe(
      'too_many_remarks',
    );
    // A speaker already there may replace theirs.
    s.do({ type: 'remarks.set', participantId: ids[0] ?? '', language: 'ru', text: 'Текст' });
  });
});
