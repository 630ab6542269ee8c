import express, { type Router } from 'express';
import { refusal } from '@roundtable/shared';
import type { Gate } from '../session/authenticate.js';
import { personalData } from '../exports/personalData.js';
import { attachment, exportFileName, exportHeader, exportLanguage } from '../yjs/exportHeader.js';
import { withSession } from './session.js';
import { send } from './status.js';

/** `personal-data.json`: the moderator's answer to a data-subject request (docs/PRIVACY.md). */
export function personalDataRouter(gate: Gate): Router {
  const router = express.Router({ mergeParams: true });
  const reader = withSession(gate, { action: 'personalData.read', refused: 'personal_data_forbidden' });
  router.get('/personal-data.json', reader, async (req, res) => {
    const { state } = res.locals;
    const header = exportHeader(state, exportLanguage(state, req.query.lang));
    res
      .set('cache-control', 'no-store')
      .set('content-disposition', attachment(exportFileName(header, 'personal-data.json')))
      .json(personalData(state, await gate.store.attendance(state.id)));
  });
  // A person's own record, for their phone: the organisers' e-mail and note about them stay the organisers'.
  router.get('/my-data.json', withSession(gate), async (_req, res) => {
    const { state, session } = res.locals;
    const { actor } = session;
    if (actor.kind !== 'participant') return send(res, refusal('personal_data_forbidden'));
    const everyone = personalData(state, await gate.store.attendance(state.id)).people;
    const mine = everyone.find((p) => p.id === actor.participantId);
    if (!mine) return send(res, refusal('participant_not_found'));
    const { email: _e, note: _n, ...shown } = mine;
    res.set('cache-control', 'no-store').json(shown);
  });
  return router;
}
