import { z } from 'zod';

/** Error codes the UI translates; `message` is the English fallback with the details. */
export const ErrorCode = z.enum([
  'invalid', // the message does not have the right shape
  'too_large', // the message is larger than allowed
  'unauthenticated', // no valid link or participant identity
  'forbidden', // the role may not do this
  'not_found', // the thing named does not exist (any more)
  'conflict', // the change contradicts the current state
  'stale', // made against a version that has since changed in a way that matters
  'joining_locked', // the moderator has locked joining
  'banned', // this device was removed from the roundtable by a moderator
  'rate_limited', // too many attempts
  'limit', // a size limit of the roundtable is reached
  'internal', // our fault; nothing was changed
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface DomainError {
  code: ErrorCode;
  message: string;
}

export const fail = (code: ErrorCode, message: string): { ok: false; error: DomainError } => ({
  ok: false,
  error: { code, message },
});

/** Turns zod issues into one sentence a person can read: "name: must not be empty". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
