import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YJS_FRAGMENT } from '@roundtable/shared';
import { astana, Scenario, T0 } from '../../shared/test/support/roundtable.js';
import { numberRanges } from '../src/exports/attendanceParts.js';
import { minutesOf } from '../src/exports/minutes.js';
import { minutesDocument } from '../src/exports/minutesDoc.js';
import { documentSections } from '../src/exports/sections.js';
import { delegationsTable, speechesTable } from '../src/exports/tables.js';
import { exportMarkdown } from '../src/exports/toMarkdown.js';
import { writeOutline } from '../src/yjs/outline.js';

const MIN = 60_000;

/**
 * The Astana morning: three invited speakers open in protocol order (the first pauses two minutes, the
 * second runs a minute over), a point of order, a direct reply half a minute over; the first discussion
 * starts 7 minutes late and hears one speech; the border item is skipped.
 */
function morning() {
  const s = new Scenario();
  const aigerim = s.person('Айгерім Нұрланқызы', 'Europol');
  const bruno = s.person('Bruno Keller', 'Frontex');
  const chen = s.person('Chen Wei', 'OSCE');
  const dana = s.person('Дана Серікқызы', null);
  s.person('Ұлан Әбдіхалықов', 'OSCE', 'rapporteur');
  const [opening = '', extremism = '', border = ''] = astana(s);
  s.do({ type: 'agenda.update', itemId: opening, fields: { invitedSpeakers: [aigerim.id, bruno.id, chen.id] } });
  s.do({ type: 'agenda.start', itemId: opening });
  s.do({ type: 'floor.next', expectedSpeechId: null }); // Aigerim: 3 min, a 2-minute pause, 3 min
  s.minutes(3);
  s.do({ type: 'floor.pause', speechId: s.floorId() });
  s.minutes(2);
  s.do({ type: 'floor.resume', speechId: s.floorId() });
  s.minutes(3);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Bruno: 8 min against 7
  s.minutes(2);
  s.do({ type: 'queue.request', kind: 'point_of_order', topic: 'Аударма' }, dana.actor);
  s.minutes(6);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Dana's point of order before Chen: 30 s
  s.minutes(0.5);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Chen: 5 min
  s.minutes(1);
  s.do({ type: 'queue.request', kind: 'reply', topic: 'On data sharing' }, aigerim.actor);
  s.minutes(4);
  s.do({ type: 'floor.next', expectedSpeechId: s.floorId() }); // Aigerim's reply: 90 s against 60
  s.minutes(1.5);
  s.do({ type: 'floor.end', speechId: s.floorId() });
  s.do({ type: 'agenda.finish', itemId: opening }); // 09:30–09:53
  s.minutes(4);
  s.do({ type: 'agenda.start', itemId: extremism }); // 09:57, planned 09:50
  s.do({ type: 'floor.give', participantId: bruno.id, kind: 'speech', expectedSpeechId: null });
  s.minutes(2);
  s.do({ type: 'floor.end', speechId: s.floorId() });
  s.do({ type: 'agenda.finish', itemId: extremism });
  s.do({ type: 'agenda.skip', itemId: border });
  return { s, opening, extremism, border };
}

const text = (content: string) => {
  const t = new Y.XmlText();
  t.insert(0, content);
  return t;
};
function element(name: string, children: (Y.XmlElement | Y.XmlText)[], level?: number): Y.XmlElement {
  const el = new Y.XmlElement(name);
  if (level) el.setAttribute('level', level as unknown as string);
  el.insert(0, children);
  return el;
}

/** The outline as the server writes it, with the rapporteurs' text under the opening and the lessons. */
function outcome(s: Scenario, openingId: string): Y.Doc {
  const doc = new Y.Doc();
  writeOutline(doc, s.state);
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const at = fragment
    .toArray()
    .findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('data-item') === openingId);
  fragment.insert(at + 1, [
    element('paragraph', [text('Үш делегация ынтымақтастыққа шақырды.')]),
    element('heading', [text('Proposals')], 3),
    element('paragraph', [text('A joint task force.')]),
  ]);
  const lessons = fragment
    .toArray()
    .findIndex((n) => n instanceof Y.XmlElement && n.toString().includes('Key lessons learned'));
  fragment.insert(lessons + 1, [element('paragraph', [text('Trust is built by sharing data.')])]);
  return doc;
}

describe('the minutes', () => {
  it('hold each item’s planned and actual times, its speeches in order and its section of the document', () => {
    const { s, opening, border } = morning();
    const minutes = minutesOf(s.state, documentSections(outcome(s, opening)), [], 'kk', s.now);

    expect(minutes.header.title).toBe('Дөңгелек үстел');
    const [first, second, third] = minutes.items;
    expect(first?.plannedStart).toBe(T0);
    expect(first?.plannedEnd).toBe(T0 + 20 * MIN);
    expect(first?.runs).toEqual([{ start: T0, end: T0 + 23 * MIN }]);
    expect(first?.speeches.map((x) => [x.name, x.kind, x.durationMs / 1000, x.overtimeMs / 1000])).toEqual([
      ['Айгерім Нұрланқызы', 'opening', 360, 0],
      ['Bruno Keller', 'opening', 480, 60],
      ['Дана Серікқызы', 'point_of_order', 30, 0],
      ['Chen Wei', 'opening', 300, 0],
      ['Айгерім Нұрланқызы', 'reply', 90, 30],
    ]);
    expect(first?.speeches.map((x) => x.delegation)).toEqual(['Europol', 'Frontex', '', 'OSCE', 'Europol']);
    expect(first?.speeches[2]?.topic).toBe('Аударма');
    expect(second?.plannedStart).toBe(T0 + 20 * MIN);
    expect(second?.runs[0]?.start).toBe(T0 + 27 * MIN);
    expect(second?.speeches.map((x) => x.name)).toEqual(['Bruno Keller']);
    expect(third).toMatchObject({ itemId: border, status: 'skipped', runs: [], speeches: [], text: [] });

    expect(first?.text.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(second?.text).toEqual([]);
    expect(minutes.otherSections.map((x) => x.title)).toEqual(['Key lessons learned']);
    expect(minutes.outsideAgenda).toEqual([]);
  });

  it('list who joined by delegation in the roster’s order, those of no delegation last', () => {
    const { s, opening } = morning();
    const minutes = minutesOf(s.state, documentSections(outcome(s, opening)), [], 'en', s.now);
    expect(minutes.attendance.map((g) => [g.delegation, g.people.map((p) => p.name)])).toEqual([
      ['Europol', ['Айгерім Нұрланқызы']],
      ['Frontex', ['Bruno Keller']],
      ['OSCE', ['Chen Wei', 'Ұлан Әбдіхалықов']],
      ['', ['Дана Серікқызы']],
    ]);
  });

  it('name the invitees who have not arrived apart from those present, and count them in no item', () => {
    const { s, opening } = morning();
    const natalya = s.invite('Наталья Иванова', 'Frontex', { function: 'Ambassador' });
    const zhanar = s.invite('Жанар Ахметова', 'OSCE');
    s.invite('Guest Without Delegation', '');
    s.do({ type: 'participant.setArrived', participantId: zhanar, arrived: true });
    // Not a record the server keeps for an invitee (realtime/attendance.ts follows active people), and still counted nowhere.
    const record = [{ itemId: opening, participantId: natalya, firstSeen: s.now }];
    const minutes = minutesOf(s.state, [], record, 'en', s.now);
    expect(minutes.attendance.map((g) => [g.delegation, g.people.map((p) => p.name)])).toEqual([
      ['Europol', ['Айгерім Нұрланқызы']],
      ['Frontex', ['Bruno Keller']],
      ['OSCE', ['Chen Wei', 'Ұлан Әбдіхалықов', 'Жанар Ахметова']],
      ['', ['Дана Серікқызы']],
    ]);
    expect(minutes.notArrived.map((g) => [g.delegation, g.people.map((p) => p.name)])).toEqual([
      ['Frontex', ['Наталья Иванова']],
      ['', ['Guest Without Delegation']],
    ]);
    expect(minutes.items[0]?.present).toEqual({ count: 0, byDelegation: [] });

    const md = exportMarkdown(minutesDocument(minutes));
    expect(md).toContain(
      '### Invited, not arrived (2 people)\n\n- Наталья Иванова, Ambassador — Frontex\n- Guest Without Delegation, Expert — No delegation\n',
    );
    expect(md.indexOf('Наталья')).toBeGreaterThan(md.indexOf('Дана Серікқызы'));
    const ru = exportMarkdown(minutesDocument(minutesOf(s.state, [], record, 'ru', s.now)));
    expect(ru).toContain('### Приглашены, но не прибыли (2 ');
    // Nobody not arrived, nothing said of it.
    const none = exportMarkdown(minutesDocument(minutesOf(morning().s.state, [], [], 'en', s.now)));
    expect(none).not.toContain('not arrived');
  });

  it('count who was present for each item by delegation, and give each person the items they were present for', () => {
    const { s, opening, extremism } = morning();
    const id = (name: string) => s.state.participants.find((p) => p.name === name)?.id ?? '';
    const [aigerim, bruno, dana, ulan] = [
      'Айгерім Нұрланқызы',
      'Bruno Keller',
      'Дана Серікқызы',
      'Ұлан Әбдіхалықов',
    ].map(id);
    s.do({ type: 'participant.remove', participantId: ulan ?? '' });
    const seen = (itemId: string, participantId = '') => ({ itemId, participantId, firstSeen: s.now });
    const record = [
      seen(opening, aigerim),
      seen(opening, bruno),
      seen(opening, dana),
      seen(extremism, bruno),
      seen(extremism, ulan), // removed since: kept in the record, counted nowhere
      seen('gone', bruno), // an item removed from the agenda
    ];
    const minutes = minutesOf(s.state, documentSections(outcome(s, opening)), record, 'en', s.now);
    expect(minutes.items.map((i) => i.present)).toEqual([
      {
        count: 3,
        byDelegation: [
          { delegationId: s.delegation('Europol'), delegation: 'Europol', count: 1 },
          { delegationId: s.delegation('Frontex'), delegation: 'Frontex', count: 1 },
          { delegationId: null, delegation: '', count: 1 },
        ],
      },
      { count: 1, byDelegation: [{ delegationId: s.delegation('Frontex'), delegation: 'Frontex', count: 1 }] },
      ...Array.from({ length: 6 }, () => null), // skipped or not held
    ]);
    const people = minutes.attendance.flatMap((g) => g.people.map((p) => [p.name, p.presentFor]));
    expect(people).toEqual([
      ['Айгерім Нұрланқызы', [opening]],
      ['Bruno Keller', [opening, extremism]],
      ['Chen Wei', []],
      ['Дана Серікқызы', [opening]],
    ]);

    const md = exportMarkdown(minutesDocument(minutes));
    expect(md).toContain('Present: 3 (Europol 1, Frontex 1, No delegation 1)');
    expect(md).toContain('Present: 1 (Frontex 1)');
    expect(md).toContain('- Айгерім Нұрланқызы, Expert — items: 1');
    expect(md).toContain('- Bruno Keller, Expert — every item held');
    expect(md).toContain('- Chen Wei, Expert — not connected during any item');
    expect(md).toContain('numbered as under Proceedings');
    expect(md).not.toContain('Ұлан');
    const kk = exportMarkdown(minutesDocument(minutesOf(s.state, [], record, 'kk', s.now)));
    expect(kk).toContain('Қатысқандар: 3 (Europol 1, Frontex 1, Делегациясыз 1)');
    expect(kk).toContain('- Bruno Keller, Expert — өткізілген барлық тармақтар');
    expect(kk).toContain('- Дана Серікқызы, Expert — тармақтар: 1');
  });

  it('say so when no presence was recorded, instead of counting nobody for every item', () => {
    const { s, opening } = morning();
    const minutes = minutesOf(s.state, documentSections(outcome(s, opening)), [], 'en', s.now);
    expect(minutes.items.map((i) => i.present)).toEqual(minutes.items.map(() => null));
    const md = exportMarkdown(minutesDocument(minutes));
    expect(md).toContain('No device was recorded as connected during any agenda item.');
    expect(md).not.toContain('Present:');
    expect(md).toContain('- Chen Wei, Expert\n');
  });

  it('shorten a person’s items to ranges of agenda numbers', () => {
    expect(numberRanges([5, 1, 2, 3, 7])).toBe('1–3, 5, 7');
    expect(numberRanges([4])).toBe('4');
    expect(numberRanges([])).toBe('');
  });

  it('read in the chosen language, as Markdown with every part', () => {
    const { s, opening } = morning();
    const md = exportMarkdown(
      minutesDocument(minutesOf(s.state, documentSections(outcome(s, opening)), [], 'kk', s.now)),
    );
    expect(md).toContain('# Дөңгелек үстел');
    expect(md).toContain('## Қатысқандар');
    expect(md).toContain('### Делегациясыз (1 адам)');
    expect(md).toContain('Жоспар бойынша: 09:30–09:50');
    expect(md).toContain('Іс жүзінде: 09:30–09:53');
    expect(md).toContain(
      '**09:38:00** · Bruno Keller (Expert, Frontex) · Кіріспе сөз · en · 8:00 (+1:00 регламенттен тыс)',
    );
    expect(md).toContain('Үш делегация ынтымақтастыққа шақырды.');
    expect(md).toContain('өткізіп жіберілді');
    expect(md).toContain('Trust is built by sharing data.');
  });

  it('give analysts one row per speech at the venue’s offset and one per delegation, in whole seconds', () => {
    const { s, opening } = morning();
    const speeches = speechesTable(minutesOf(s.state, documentSections(outcome(s, opening)), [], 'en', s.now));
    expect(speeches.rows[1]).toEqual([
      'Opening remarks',
      'Bruno Keller',
      'Frontex',
      'en',
      'opening',
      '2026-12-03T09:38:00+05:00',
      480,
      60,
      '',
    ]);
    expect(speeches.rows.at(-1)?.[0]).toBe('International extremism and terrorism');
    const delegations = delegationsTable(s.state, s.now);
    expect(delegations.columns).toEqual([
      'delegation',
      'speakers',
      'speeches',
      'point_of_order',
      'reply',
      'speech',
      'question',
      'opening',
      'total_s',
      'share_percent',
      'average_s',
      'overtime_s',
    ]);
    expect(delegations.rows[0]).toEqual(['Frontex', 1, 2, 0, 0, 1, 0, 1, 600, 43.5, 300, 60]);
  });
});
