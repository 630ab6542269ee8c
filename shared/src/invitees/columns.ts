import { LANGS, type Lang } from '../langs.js';
import type { InviteeRole } from './kinds.js';

/*
 * The words organisers put at the top of their lists and in their cells, in English, Russian and Kazakh,
 * written as people write them and compared as vocabularyKey() makes them. Zod-free: the console can
 * name a column as the server reads it without loading more than this.
 */

/** How large a file of invitees the server reads (server/src/invitees/sheet.ts): the console checks before sending. */
export const INVITEE_FILE_LIMITS = { bytes: 5 * 1024 * 1024, columns: 64 } as const;

/** The columns of a list of invitees, as InviteeFields names them. */
export const INVITEE_FIELDS = ['name', 'function', 'delegation', 'language', 'role', 'email', 'note'] as const;
type InviteeField = (typeof INVITEE_FIELDS)[number];

/**
 * A header or a value as people mean it: case, spaces, hyphens, dots and "ё" aside, so "E-mail", "e mail"
 * and "Email" are one word, and "Ф.И.О." is "фио".
 */
const vocabularyKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

const HEADERS: Record<InviteeField, string> = {
  name:
    'name, full name, names, name and surname, surname and name, first and last name, participant, ' +
    'ФИО, Имя, Полное имя, Имя и фамилия, Фамилия и имя, Фамилия имя отчество, Участник, ' +
    'Аты-жөні, Аты, Толық аты, Т.А.Ә., Тегі аты, Аты-тегі, Тегі аты әкесінің аты, Қатысушы',
  function:
    'function, position, title, job title, post, designation, ' +
    'Должность, Позиция, Занимаемая должность, Лауазымы, Лауазым, Қызметі, Атқаратын қызметі',
  delegation:
    'delegation, organisation, organization, institution, agency, country, ' +
    'Делегация, Организация, Учреждение, Ведомство, Страна, Ұйым, Ұйымы, Мекеме, Мекемесі, Ел',
  language:
    'language, lang, preferred language, Язык, Язык общения, Предпочтительный язык, Рабочий язык, ' +
    'Тіл, Тілі, Қалаған тілі, Жұмыс тілі',
  role: 'role, role in the roundtable, Роль, Роль на круглом столе, Рөл, Рөлі, Дөңгелек үстелдегі рөлі',
  email:
    'e-mail, email, mail, e-mail address, Почта, Электронная почта, Эл. почта, Адрес электронной почты, ' +
    'Пошта, Электрондық пошта, Э-пошта, Электрондық пошта мекенжайы',
  note:
    'note, notes, comment, comments, remark, remarks, Примечание, Примечания, Комментарий, Комментарии, ' +
    'Заметка, Ескертпе, Ескерту, Түсініктеме',
};

/** Every word of a table, keyed as vocabularyKey() makes it, with what it means. */
function vocabulary<T extends string>(table: Record<T, string>): Map<string, T> {
  const entries = Object.entries(table) as [T, string][];
  return new Map(entries.flatMap(([meaning, words]) => words.split(', ').map((w) => [vocabularyKey(w), meaning])));
}

const HEADER_OF = vocabulary(HEADERS);

/** The field a column header names, or null for a column the import does not read (our export's "status"). */
export const headerField = (header: string): InviteeField | null => HEADER_OF.get(vocabularyKey(header)) ?? null;

const LANGUAGES: Record<Lang, string> = {
  en: 'en, eng, English, англ., Английский, Английский язык, Ағылшын, Ағылшынша, Ағылшын тілі',
  ru: 'ru, rus, Russian, рус., Русский, Русский язык, Орыс, Орысша, Орыс тілі',
  kk: 'kk, kz, kaz, Kazakh, Kazak, Qazaq, Qazaqsha, каз., Казахский, Казахский язык, Қазақ, Қазақша, Қазақ тілі',
};
const LANGUAGE_OF = vocabulary(LANGUAGES);

/** A language as a cell writes it: a code (also "ru-RU"), or its name in any of the three languages. */
export function languageOf(value: string): Lang | null {
  const known = LANGUAGE_OF.get(vocabularyKey(value));
  if (known) return known;
  const tag = /^([a-z]{2})[-_][a-z0-9]{2,8}$/iu.exec(value.trim())?.[1]?.toLowerCase();
  return LANGS.find((l) => l === tag) ?? null;
}

const ROLES: Record<InviteeRole, string> = {
  participant:
    'participant, member, delegate, delegation member, ' +
    'Участник, Член делегации, Делегат, Қатысушы, Делегация мүшесі, Мүше',
  head:
    'head, head of delegation, head of the delegation, delegation head, HoD, ' +
    'Глава, Глава делегации, Руководитель, Руководитель делегации, Басшы, Делегация басшысы, Делегация жетекшісі',
  rapporteur: 'rapporteur, Докладчик, Рапортёр, Баяндамашы',
  speaker:
    'speaker, invited speaker, guest speaker, keynote speaker, ' +
    'Спикер, Приглашённый докладчик, Приглашённый спикер, Приглашённый выступающий, Выступающий, ' +
    'Шақырылған спикер, Шақырылған баяндамашы, Сөйлеуші',
};
const ROLE_OF = vocabulary(ROLES);

/** A role as a cell writes it, in any of the three languages; our own export writes INVITEE_ROLES' words. */
export const roleOf = (value: string): InviteeRole | null => ROLE_OF.get(vocabularyKey(value)) ?? null;
