import type { CommandOf, CommandType } from './commands.js';
import type { Failure } from './refusals.js';
import type { DomainEvent } from './events.js';
import type { Actor } from './roles.js';
import type { RoundtableState } from './state.js';

/** Everything apply() needs besides the state and the command; ids are injected so tests are deterministic. */
export interface ApplyContext {
  actor: Actor;
  /** Server time, ms since the epoch. */
  now: number;
  newId: () => string;
  /** The state version the command was made against. */
  baseVersion: number;
}

/** What a command produced beyond the state, returned to the one who sent it (e.g. a new participant's id). */
export type CommandResult = {
  participantId?: string;
  linkId?: string;
  delegationId?: string;
  requestId?: string;
  speechId?: string;
  pollId?: string;
  contributionId?: string;
};

export type Outcome = { ok: true; state: RoundtableState; events: DomainEvent[]; result?: CommandResult } | Failure;

export type Handler<T extends CommandType> = (
  state: RoundtableState,
  command: CommandOf<T>,
  ctx: ApplyContext,
) => Outcome;

export type HandlerMap<T extends CommandType> = { [K in T]: Handler<K> };

export const done = (state: RoundtableState, events: DomainEvent[], result?: CommandResult): Outcome =>
  result ? { ok: true, state, events, result } : { ok: true, state, events };
