/** English texts of the start page and the page-not-found page only: loaded with them, never on a phone's join or participant page. */
export const enStart = {
  'landing.title': 'Run a roundtable: agenda, floor, clock and outcome in one place',
  'landing.lead':
    'Moderators run the agenda and give the floor from a laptop; participants ask for the floor from their phones; rapporteurs write the outcome live; the projector shows the room who speaks and who is next.',
  'landing.joinTitle': 'Join a roundtable',
  'landing.createTitle': 'Organise a roundtable',
  'landing.createBody': 'Set up the event, its organisers and delegations; you get a moderator link to run it.',
  'landing.createButton': 'Create a roundtable',
  'landing.demoBody': 'Or try a ready example: the Astana roundtable on transnational threats.',
  'landing.demoButton': 'Try the demo',
  // The organiser key, for the demo on a server that asks for it
  'landing.organiserKey': 'Organiser key',
  'landing.organiserKeyHint':
    'The demo is a new roundtable, and this server lets only its organisers create them. Enter the organiser key, then try the demo again.',
  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not lead to a page of Roundtable.',
};
export type StartKey = keyof typeof enStart;
