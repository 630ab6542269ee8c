import type { ErrorCode, Failure, RefusalParams } from '@roundtable/shared';

/** What this page can find out by itself: the network, its own form check, what a preview already said. */
type LocalReason = Extract<
  Failure['reason'],
  | 'no_answer'
  | 'not_connected'
  | 'unreachable'
  | 'internal'
  | 'invalid_roundtable'
  | 'joining_locked'
  | 'invitation_only'
>;

/**
 * A failure this page finds itself, in the server's shape so one component shows both. Not `refusal()`
 * from shared: that carries every English text of the server, which a phone never shows.
 */
export const localFailure = (
  reason: LocalReason,
  code: ErrorCode = 'internal',
  params: RefusalParams = {},
): Failure => ({
  ok: false,
  code,
  reason,
  params,
  message: reason,
});
