import { z } from 'zod';

/** The kind of a failure, for programs (HTTP status, retry or not); each refusal's reason (refusals.ts) has one. */
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

/** Turns zod issues into one sentence a person can read: "name: must not be empty". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
