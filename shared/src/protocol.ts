import { z } from 'zod';
import type { CommandEnvelope } from './commands.js';
import { Id } from './common.js';
import type { Failure } from './refusals.js';
import { Role } from './roles.js';
import type { StatePatch } from './wire/patchSchema.js';
import type { StateView } from './view.js';

/** Largest Socket.IO message the server accepts; larger ones are refused before parsing. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export const CommandSuccess = z.object({
  ok: z.literal(true),
  version: z.number().int(),
  result: z
    .object({
      participantId: Id.optional(),
      linkId: Id.optional(),
      delegationId: Id.optional(),
      requestId: Id.optional(),
      speechId: Id.optional(),
      pollId: Id.optional(),
      contributionId: Id.optional(),
      /** A new link's secret and URL: shown once, never stored in clear. */
      secret: z.string().optional(),
      url: z.string().optional(),
    })
    .optional(),
});
export type CommandSuccess = z.infer<typeof CommandSuccess>;
export type CommandAck = CommandSuccess | Failure;

export type SyncAck = { ok: true; state: StateView } | { ok: true; upToDate: true; version: number } | Failure;

/** Who the server says you are on this connection. */
export const Me = z.object({
  role: Role,
  participantId: Id.nullable(),
  linkId: Id.nullable(),
  roundtableId: Id,
  /** Waiting for a moderator's approval (they look like someone banned); sent again once admitted. */
  pending: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/** Sent in the Socket.IO handshake (`auth`). */
export const HandshakeAuth = z.object({ roundtableId: Id, token: z.string().min(16).max(200) });
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const SyncRequest = z.object({ since: z.number().int().nonnegative() }).strict();
export type SyncRequest = z.infer<typeof SyncRequest>;

type Ack<T> = (response: T) => void;

/**
 * Declared once, used by the server's `Server<…>` and the client's `request()`. The payloads are
 * what our clients send; the server still parses every one (CommandEnvelope, SyncRequest), since
 * anyone can send anything.
 */
export interface ClientToServerEvents {
  /** A command made against a version, answered by the ack. */
  command: (envelope: z.input<typeof CommandEnvelope>, ack: Ack<CommandAck>) => void;
  /** Ask for the state if it is newer than `since`. */
  sync: (request: SyncRequest, ack: Ack<SyncAck>) => void;
  /** Clock probe: the server answers with its time, the client measures the offset. */
  clock: (ack: Ack<{ now: number }>) => void;
}

export interface ServerToClientEvents {
  /** The whole state: on connecting, on a role change, to the sender of a command before its ack. */
  state: (state: StateView) => void;
  /** Every later version, as the difference from the room's previous one (see wire/statePatch.ts). */
  patch: (patch: StatePatch) => void;
  me: (me: Me) => void;
  /** Ids of the participants connected now (to moderators and rapporteurs). */
  presence: (online: string[]) => void;
  /** The server ends this session (revoked link, removed or banned); the client stops reconnecting. */
  ended: (reason: Failure) => void;
}
