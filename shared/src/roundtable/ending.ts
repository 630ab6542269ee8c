import { refusal } from '../refusals.js';
import { done, type HandlerMap } from '../handler.js';
import { titleOf } from '../agenda/edit.js';
import { closed } from '../poll/handlers.js';
import { isOpen } from '../poll/rules.js';

/**
 * Ending a roundtable makes it a record (can.ts refuses every change but reopening). It waits for the
 * running item to finish, so the record never holds an item or a speech without its end, and closes
 * any poll still open.
 */
export const endingHandlers: HandlerMap<'roundtable.end' | 'roundtable.reopen'> = {
  'roundtable.end': (state, _command, { now }) => {
    const running = state.agenda.find((i) => i.status === 'running');
    if (running) return refusal('end_while_running', { title: titleOf(state, running) });
    // A poll left open closes with the roundtable: a record holds results, not votes still coming.
    const closing = state.polls.map((p) => (isOpen(p) ? closed(p, now) : { poll: p, event: null }));
    const events = closing.flatMap((c) => (c.event ? [c.event] : []));
    const polls = events.length > 0 ? closing.map((c) => c.poll) : state.polls;
    return done({ ...state, endedAt: now, polls }, [...events, { type: 'roundtable.ended', at: now }]);
  },
  'roundtable.reopen': (state, _command, { now }) => {
    if (state.endedAt === null) return refusal('not_ended');
    return done({ ...state, endedAt: null }, [{ type: 'roundtable.reopened', at: now }]);
  },
};
