import express, { type Request, type Router } from 'express';
import { mayHandOut, type InvitationList, type Participant, type RoundtableState } from '@roundtable/shared';
import { claimInvitation, INVITATION_KEY } from '../invitations/claim.js';
import { invitationUrl } from '../invitations/secret.js';
import { toCsv } from '../exports/toSheets.js';
import type { Roundtables } from '../roundtables.js';
import type { Store } from '../store/store.js';
import { attachment, exportFileName, exportHeader } from '../yjs/exportHeader.js';
import type { RequestHandler } from 'express';
import { withSession } from './session.js';
import { send } from './status.js';

export interface InvitationDeps {
  roundtables: Roundtables;
  store: Store;
  linkBase: (req: Request) => string;
  joinLimit: RequestHandler;
}

/** Everyone still on the roster has an invitation: the invitees, and anyone a moderator added or who joined. */
const invited = (state: RoundtableState): Participant[] =>
  state.participants.filter((p) => p.status !== 'removed' && p.status !== 'banned' && p.erasedAt === undefined);

/** Personal invitations: their links for the badges and the desk, the mail-merge file, and a phone taking one up. */
export function invitationsRouter({ roundtables, store, linkBase, joinLimit }: InvitationDeps): Router {
  const router = express.Router();
  const gate = { roundtables, store };
  const reader = withSession(gate, { action: 'invitations.read', refused: 'invitations_forbidden' });
  const mailer = withSession(gate, { action: 'contacts.read', refused: 'contacts_forbidden' });
  const urlOf = async (req: Request, state: RoundtableState) => {
    const key = await store.instanceSecret(INVITATION_KEY);
    const base = linkBase(req);
    return (p: Participant) => invitationUrl(base, key, state.id, p);
  };

  router.get('/roundtables/:id/invitations', reader, async (req, res) => {
    const { state } = res.locals;
    const url = await urlOf(req, state);
    const { actor } = res.locals.session;
    const handed = invited(state).filter((p) => mayHandOut(actor, p));
    const list: InvitationList = { invitations: handed.map((p) => ({ participantId: p.id, url: url(p) })) };
    res.set('cache-control', 'no-store').json(list);
  });

  // For the organisers' own mailing tool: the server sends no e-mail itself.
  router.get('/roundtables/:id/invitations.csv', mailer, async (req, res) => {
    const { state } = res.locals;
    const url = await urlOf(req, state);
    const delegation = (p: Participant) => state.delegations.find((d) => d.id === p.delegationId)?.name ?? '';
    const rows = invited(state).map((p) => [p.name, p.function, delegation(p), p.language, p.email ?? '', url(p)]);
    const columns = ['name', 'function', 'delegation', 'language', 'email', 'link'];
    const name = exportFileName({ ...exportHeader(state, state.languages[0] ?? 'en'), title: 'invitations' }, 'csv');
    res.set('content-disposition', attachment(name)).set('cache-control', 'no-store');
    res.type('text/csv; charset=utf-8').send(toCsv({ name: 'invitations', columns, rows }));
  });

  router.post('/invitations/claim', joinLimit, async (req, res) =>
    send(res, await claimInvitation(roundtables, store, req.body)),
  );
  return router;
}
