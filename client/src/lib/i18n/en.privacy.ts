/**
 * The default privacy notice (the join page) and a person's own data (the profile editor), in English:
 * loaded with them only, so the phone's participant page does not carry them (client/test/budget.test.ts).
 */
export const enPrivacy = {
  'notice.stored':
    '{who} run this roundtable. To take part, it stores your name, function, delegation and language; when you asked for the floor and when you spoke; what you send in writing; and your answers in polls that are not anonymous. If you were invited, the organisers also hold your e-mail address and a note about you: nobody else sees them.',
  'notice.why':
    'Why: to run the roundtable (the list of speakers, the floor, the screen) and to keep its record: the minutes, the statistics and the outcome document.',
  'notice.days':
    'How long: until {days} days after the roundtable ends. Then every name, function, e-mail address and note is erased automatically; speeches stay in the record under their delegation, without a name.',
  'notice.kept':
    'How long: until the organisers erase it. Then every name, function, e-mail address and note is removed; speeches stay in the record under their delegation, without a name.',
  'notice.rights':
    'On your phone, under your profile, you can see what the roundtable holds about you and delete your profile at any time. For anything else, ask the organisers.',
  'notice.organisers': 'The organisers',
  'mine.title': 'What this roundtable holds about me',
  'mine.name': 'Name',
  'mine.function': 'Function',
  'mine.delegation': 'Delegation',
  'mine.language': 'Language',
  'mine.role': 'Role',
  'mine.joined': 'On the list since',
  'mine.arrived': 'Arrived',
  'mine.speeches': 'Speeches',
  'mine.speechCount': '{count} ({minutes} min in all)',
  'mine.none': 'none',
  'mine.delete': 'Delete my profile',
  'mine.deleteExplain':
    'Your name and function are removed from this roundtable and this phone is signed out. Your speeches stay in the record under your delegation, without your name. This cannot be undone.',
  'mine.role.participant': 'Participant',
  'mine.role.rapporteur': 'Rapporteur',
  'mine.role.moderator': 'Moderator',
} as const;

export type PrivacyKey = keyof typeof enPrivacy;
