import { can, refusedAsEnded, type Subject } from './can.js';
import type { Command, CommandType } from './commands.js';
import { refusal } from './refusals.js';
import { agendaEditHandlers } from './agenda/edit.js';
import { agendaRunHandlers } from './agenda/run.js';
import { floorHandlers } from './floor/handlers.js';
import { queueHandlers } from './queue/handlers.js';
import { delegationHandlers } from './roster/delegations.js';
import { endingHandlers } from './roundtable/ending.js';
import { infoHandlers } from './roundtable/info.js';
import { matchArrivals } from './agenda/invited.js';
import { linkHandlers } from './roundtable/links.js';
import { participantHandlers } from './roster/participants.js';
import { reviewHandlers } from './review/handlers.js';
import { pollHandlers } from './poll/handlers.js';
import { contributionHandlers } from './contribution/handlers.js';
import { inviteeHandlers } from './invitees/handlers.js';
import { invitationHandlers } from './invitees/invitation.js';
import { erasureHandlers } from './roster/erasureHandlers.js';
import { remarksHandlers } from './remarks/handlers.js';
import type { ApplyContext, Handler, HandlerMap, Outcome } from './handler.js';
import type { RoundtableState } from './state.js';

const HANDLERS: HandlerMap<CommandType> = {
  ...infoHandlers,
  ...endingHandlers,
  ...delegationHandlers,
  ...participantHandlers,
  ...linkHandlers,
  ...agendaEditHandlers,
  ...agendaRunHandlers,
  ...queueHandlers,
  ...floorHandlers,
  ...reviewHandlers,
  ...pollHandlers,
  ...contributionHandlers,
  ...inviteeHandlers,
  ...invitationHandlers,
  ...erasureHandlers,
  ...remarksHandlers,
};

/** Whom a command is about, for rules like "only your own": the named person, or a request's owner. */
function subjectOf(state: RoundtableState, command: Command, ctx: ApplyContext): Subject {
  if ('participantId' in command) return { participantId: command.participantId };
  if (command.type === 'queue.withdraw' || command.type === 'queue.yield') {
    const owner = state.queue.requests.find((r) => r.id === command.requestId)?.participantId;
    // A request that is gone belongs to no one: let the handler say "not found" rather than "forbidden".
    const self = ctx.actor.kind === 'participant' ? ctx.actor.participantId : undefined;
    return { participantId: owner ?? self };
  }
  return {};
}

/**
 * The one entry to the domain: checks the actor may do it, applies it, and bumps the version once
 * for every command that changed something. Pure: same inputs, same output.
 */
export function apply(state: RoundtableState, command: Command, ctx: ApplyContext): Outcome {
  if (refusedAsEnded(command.type, state)) return refusal('roundtable_ended');
  if (!can(ctx.actor, command.type, state, subjectOf(state, command, ctx))) {
    return refusal('role_forbidden', { role: ctx.actor.role, action: command.type });
  }
  if (ctx.baseVersion > state.version) {
    return refusal('version_ahead', { base: ctx.baseVersion, version: state.version });
  }
  // The map is keyed by type, so the handler found is the one for this command's own type.
  const handler = HANDLERS[command.type] as unknown as Handler<CommandType>;
  const outcome = matchArrivals(handler(state, command, ctx));
  if (!outcome.ok || outcome.events.length === 0) return outcome;
  return { ...outcome, state: { ...outcome.state, version: state.version + 1 } };
}
