import { describe, expect, it } from 'vitest';
import {
  INVITEE_LIMITS,
  InviteePreview,
  LIMITS,
  previewInvitees,
  type Command,
  type InviteeFields,
  type Participant,
  type Roster,
} from '../src/index.js';
import { invitee, Scenario } from './support/roundtable.js';

const HEADER = ['Name', 'Function', 'Delegation', 'Language', 'Role', 'E-mail', 'Note'];
const preview = (s: Scenario, rows: string[][], header = HEADER) =>
  previewInvitees([header, ...rows], s.state, s.state.languages[0] ?? 'en');
const importOf = (rows: { invitee: InviteeFields }[]): Command => ({
  type: 'invitee.import',
  invitees: rows.map((r) => r.invitee),
});
const reasons = (p: InviteePreview) => p.problems.map((x) => [x.line, x.reason]);

describe('the header', () => {
  it.each([
    ['English', ['  FULL  name ', 'Position', 'Organisation', 'Preferred language', 'Role', 'e mail', 'Remarks']],
    ['English, other words', ['Name', 'Job title', 'Country', 'Lang', 'Role in the roundtable', 'Email', 'Comment']],
    ['Russian', ['ФИО', 'Должность', 'Делегация', 'Язык', 'Роль', 'Электронная почта', 'Примечание']],
    ['Russian, other words', ['Ф.И.О.', 'должность', 'Организация', 'ЯЗЫК', 'роль', 'Эл. почта', 'Комментарий']],
    ['Kazakh', ['Аты-жөні', 'Лауазымы', 'Ұйым', 'Тілі', 'Рөлі', 'Электрондық пошта', 'Ескертпе']],
    ['Kazakh, other words', ['Т.А.Ә.', 'Қызметі', 'Делегация', 'Тіл', 'Рөл', 'Пошта', 'Түсініктеме']],
  ])('reads every column of a header in %s', (_, header) => {
    const s = new Scenario();
    const out = preview(s, [['Ержан Қасымов', 'Министр', 'Frontex', 'kk', 'head', 'e@mfa.kz', 'VIP']], header);
    expect(out.columns.map((c) => c.field)).toEqual([
      'name',
      'function',
      'delegation',
      'language',
      'role',
      'email',
      'note',
    ]);
    expect(out.columns.map((c) => c.column)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out.problems).toEqual([]);
    expect(out.rows).toEqual([
      {
        line: 2,
        delegation: 'existing',
        invitee: {
          name: 'Ержан Қасымов',
          function: 'Министр',
          delegation: 'Frontex',
          language: 'kk',
          role: 'head',
          email: 'e@mfa.kz',
          note: 'VIP',
        },
      },
    ]);
  });

  it('ignores the columns it does not read, our export’s status and arrival among them, in any order', () => {
    const s = new Scenario();
    const out = preview(s, [['', 'arrived', 'Әлихан Бөкейхан', 'x']], ['', 'Status', 'Аты-жөні', 'Arrived at']);
    expect(out.columns).toEqual([
      { column: 2, header: 'Status', field: null },
      { column: 3, header: 'Аты-жөні', field: 'name' },
      { column: 4, header: 'Arrived at', field: null },
    ]);
    expect(out.rows.map((r) => r.invitee)).toEqual([invitee('Әлихан Бөкейхан', '', { function: '' })]);
  });

  it('takes the first non-empty row as the header and counts lines as the file does', () => {
    const s = new Scenario();
    const out = previewInvitees([[], ['', ' '], ['Name'], [], ['Ержан Қасымов']], s.state, 'en');
    expect(out.rows.map((r) => r.line)).toEqual([5]);
  });
});

describe('the values', () => {
  it.each([
    ...['en', 'EN', 'eng', 'English', 'английский', 'Английский язык', 'англ.', 'Ағылшын', 'ағылшынша', 'en-GB'].map(
      (v) => [v, 'en'] as const,
    ),
    ...['ru', 'RU', 'Russian', 'Русский', 'русский язык', 'рус.', 'Орыс', 'Орысша', 'орыс тілі', 'ru-RU'].map(
      (v) => [v, 'ru'] as const,
    ),
    ...['kk', 'KZ', 'Kazakh', 'Казахский', 'каз.', 'Қазақша', 'Қазақ', 'қазақ тілі', 'Qazaq', 'kk_KZ'].map(
      (v) => [v, 'kk'] as const,
    ),
  ])('reads the language %s as %s', (value, lang) => {
    const out = preview(new Scenario(), [['Наталья Сергеевна Иванова', '', '', value]]);
    expect(out.rows[0]?.invitee.language).toBe(lang);
  });

  it('gives a row without a language its delegation’s, else the roundtable’s first', () => {
    const s = new Scenario({ languages: ['ru', 'en'], delegations: [{ name: 'ОДКБ', defaultLanguage: 'kk' }] });
    const out = preview(s, [
      ['A', '', 'одкб'],
      ['B', '', ''],
      ['C', '', 'New body'],
      ['D', '', 'ОДКБ', 'English'],
    ]);
    expect(out.rows.map((r) => r.invitee.language)).toEqual(['kk', 'ru', 'ru', 'en']);
  });

  it.each([
    ...['', 'participant', 'Участник', 'қатысушы'].map((v) => [v, 'participant'] as const),
    ...['head', 'Head of delegation', 'глава делегации', 'Делегация басшысы'].map((v) => [v, 'head'] as const),
    ...['rapporteur', 'Докладчик', 'баяндамашы'].map((v) => [v, 'rapporteur'] as const),
    ...['speaker', 'Invited speaker', 'Приглашённый докладчик', 'приглашенный докладчик', 'Спикер'].map(
      (v) => [v, 'speaker'] as const,
    ),
    ['Шақырылған спикер', 'speaker'] as const,
  ])('reads the role "%s" as %s', (value, role) => {
    const out = preview(new Scenario(), [['Ержан Қасымов', '', 'Europol', '', value]]);
    expect(out.rows[0]?.invitee.role).toBe(role);
  });

  it('matches delegations by name as the roster does, and adds the unknown ones once', () => {
    const s = new Scenario();
    const out = preview(s, [
      ['A', '', '  EUROPOL '],
      ['B', '', 'Interpol'],
      ['C', '', 'INTERPOL'],
      ['D', '', ''],
    ]);
    expect(out.rows.map((r) => r.delegation)).toEqual(['existing', 'new', 'new', 'none']);
    expect(out.newDelegations).toEqual(['Interpol']);
    s.do(importOf(out.rows));
    expect(s.state.delegations.map((d) => d.name)).toEqual(['Europol', 'Frontex', 'OSCE', 'Interpol']);
  });
});

describe('the problems', () => {
  it('says when there is nothing to import', () => {
    const s = new Scenario();
    expect(reasons(previewInvitees([], s.state, 'en'))).toEqual([[1, 'no_rows']]);
    expect(reasons(previewInvitees([[''], ['Name', 'Function'], ['']], s.state, 'en'))).toEqual([[3, 'no_rows']]);
    expect(
      reasons(
        previewInvitees(
          [
            ['Surname', 'Position'],
            ['Smith', 'Expert'],
          ],
          s.state,
          'en',
        ),
      ),
    ).toEqual([[1, 'no_name_column']]);
  });

  it('ignores a second column for a field and says so', () => {
    const out = preview(new Scenario(), [['Ержан Қасымов', 'Ignored']], ['Name', 'ФИО']);
    expect(out.problems).toEqual([{ line: 1, reason: 'duplicate_column', field: 'name', value: 'ФИО' }]);
    expect(out.rows.map((r) => r.invitee.name)).toEqual(['Ержан Қасымов']);
  });

  it('refuses each row it cannot read, and says which field and what it said', () => {
    const out = preview(new Scenario(), [
      ['', 'Expert', 'Europol'],
      ['\u200b', 'Expert'],
      ['X'.repeat(LIMITS.name + 1)],
      ['Long function', 'F'.repeat(LIMITS.function + 1)],
      ['Bad language', '', '', 'Klingon'],
      ['Bad role', '', '', '', 'chair'],
      ['Bad e-mail', '', '', '', '', 'not an address'],
      ['Head alone', '', '', '', 'head'],
      ['Fine'],
    ]);
    expect(out.problems).toEqual([
      { line: 2, reason: 'missing_name', field: 'name' },
      { line: 3, reason: 'missing_name', field: 'name', value: '\u200b' },
      { line: 4, reason: 'too_long', field: 'name', value: `${'X'.repeat(99)}…` },
      { line: 5, reason: 'too_long', field: 'function', value: `${'F'.repeat(99)}…` },
      { line: 6, reason: 'unknown_language', field: 'language', value: 'Klingon' },
      { line: 7, reason: 'unknown_role', field: 'role', value: 'chair' },
      { line: 8, reason: 'bad_email', field: 'email', value: 'not an address' },
      { line: 9, reason: 'head_without_delegation', field: 'role' },
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([10]);
  });

  it('finds the same person twice in the file: same name as people mean it, same delegation, none as none', () => {
    const out = preview(new Scenario(), [
      ['Ержан Қасымов', '', 'Europol'],
      ['Ержан Қасымов', '', 'Frontex'],
      ['ЕРЖАН  ҚАСЫМОВ', '', 'europol'],
      ['Әлихан Бөкейхан'],
      ['әлихан бөкейхан'],
      ['Наталья Иванова', '', 'Interpol'],
      ['наталья иванова', '', 'INTERPOL'],
    ]);
    expect(out.problems).toEqual([
      { line: 4, reason: 'duplicate_in_file', field: 'name', value: 'ЕРЖАН  ҚАСЫМОВ', sameAs: 2 },
      { line: 6, reason: 'duplicate_in_file', field: 'name', value: 'әлихан бөкейхан', sameAs: 5 },
      { line: 8, reason: 'duplicate_in_file', field: 'name', value: 'наталья иванова', sameAs: 7 },
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([2, 3, 5, 7]);
    // The import, given a row the preview kept out with those it passed, refuses the whole list.
    const twice = [...out.rows.map((r) => r.invitee), invitee('ЕРЖАН  ҚАСЫМОВ', 'europol')];
    expect(new Scenario().fail({ type: 'invitee.import', invitees: twice }).reason).toBe('invitee_duplicate');
  });

  it('finds people already on the roster, but not those a moderator removed', () => {
    const s = new Scenario();
    s.invite('Наталья Сергеевна Иванова', 'OSCE');
    const gone = s.person('Әлихан Бөкейхан', 'Europol');
    s.do({ type: 'participant.remove', participantId: gone.id });
    s.person('Ержан Қасымов', null);
    const out = preview(s, [
      ['наталья сергеевна иванова', '', 'osce'],
      ['Наталья Сергеевна Иванова', '', 'Europol'],
      ['Әлихан Бөкейхан', '', 'Europol'],
      ['Ержан Қасымов'],
    ]);
    expect(reasons(out)).toEqual([
      [2, 'already_on_list'],
      [5, 'already_on_list'],
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([3, 4]);
  });

  it('stops at INVITEE_LIMITS.rows rows', () => {
    const rows = Array.from({ length: INVITEE_LIMITS.rows + 2 }, (_, i) => [`Person ${i}`]);
    const out = preview(new Scenario(), rows);
    expect(out.rows).toHaveLength(INVITEE_LIMITS.rows);
    expect(out.problems).toEqual([{ line: INVITEE_LIMITS.rows + 2, reason: 'too_many_rows' }]);
  });

  it('keeps within the roster’s and the delegations’ limits', () => {
    const person = (i: number): Participant => ({
      id: `p${i}`,
      name: `Person ${i}`,
      function: '',
      delegationId: null,
      language: 'en',
      role: 'participant',
      status: 'removed',
      joinedAt: 0,
    });
    const crowded: Roster = {
      delegations: Array.from({ length: LIMITS.delegations }, (_, i) => ({
        id: `d${i}`,
        name: `D${i}`,
        defaultLanguage: null,
      })),
      participants: Array.from({ length: LIMITS.participants - 1 }, (_, i) => person(i)),
    };
    const cells = [
      ['Name', 'Delegation'],
      ['A', 'New body'],
      ['B', 'D1'],
      ['C', 'D2'],
    ];
    expect(reasons(previewInvitees(cells, crowded, 'en'))).toEqual([
      [2, 'too_many_delegations'],
      [4, 'roundtable_full'],
    ]);
  });
});

describe('against the import', () => {
  it('passes only rows invitee.import accepts, all of them in one command', () => {
    const s = new Scenario();
    s.invite('Наталья Сергеевна Иванова', 'OSCE');
    const out = preview(s, [
      ['Ержан Қасымов', 'Minister', 'Ministry of Foreign Affairs', 'Қазақша', 'Делегация басшысы', 'e@mfa.kz'],
      ['Әлихан Бөкейхан', 'Adviser', 'ministry of foreign affairs', 'русский', 'Спикер'],
      ['Наталья Сергеевна Иванова', '', 'OSCE'],
      ['Jean Dupont', 'Analyst', 'Europol', 'fr'],
      ['Ержан Қасымов', '', 'Ministry of Foreign Affairs'],
      ['Anna Berg', 'Head', '', '', 'head'],
      ['Rapporteur One', '', 'Frontex', '', 'Докладчик', '', 'Writes'],
    ]);
    expect(out.rows.map((r) => r.line)).toEqual([2, 3, 8]);
    const before = s.state.participants.length;
    s.do(importOf(out.rows));
    expect(s.state.participants.slice(before).map((p) => [p.name, p.status, p.role, p.speaker ?? false])).toEqual([
      ['Ержан Қасымов', 'invited', 'participant', false],
      ['Әлихан Бөкейхан', 'invited', 'participant', true],
      ['Rapporteur One', 'invited', 'rapporteur', false],
    ]);
    // And each row it kept out the import refuses, with the rows it passed.
    const refused = (row: InviteeFields) => s.fail({ type: 'invitee.import', invitees: [row] }).reason;
    expect(refused(invitee('наталья сергеевна иванова', 'osce'))).toBe('invitee_duplicate');
    expect(refused(invitee('Ержан Қасымов', 'MINISTRY of foreign affairs'))).toBe('invitee_duplicate');
    expect(refused(invitee('Anna Berg', '', { role: 'head' }))).toBe('head_needs_delegation');
  });

  it('round-trips through its own answer schema', () => {
    const out = preview(new Scenario(), [['Ержан Қасымов', '', 'Interpol'], ['']]);
    expect(InviteePreview.parse(JSON.parse(JSON.stringify(out)))).toEqual(out);
  });
});
