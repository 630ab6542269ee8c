import { refusal } from '../refusals.js';
import { done, type HandlerMap } from '../handler.js';
import { titleOf } from '../agenda/edit.js';

/**
 * Ending a roundtable makes it a record (can.ts refuses every change but reopening). It waits for the
 * running item to finish, so the record never holds an item or a speech without its end.
 */
export const endingHandlers: HandlerMap<'roundtable.end' | 'roundtable.reopen'> = {
  'roundtable.end': (state, _command, { now }) => {
    const running = state.agenda.find((i) => i.status === 'running');
    if (running) return refusal('end_while_running', { title: titleOf(state, running) });
    return done({ ...state, endedAt: now }, [{ type: 'roundtable.ended', at: now }]);
  },
  'roundtable.reopen': (state, _command, { now }) => {
    if (state.endedAt === null) return refusal('not_ended');
    return done({ ...state, endedAt: null }, [{ type: 'roundtable.reopened', at: now }]);
  },
};
