/** Advance remarks for the interpreters, as plain constants and functions (no zod), so the phone loads no schemas. */

/** A speech's text runs to a few pages; 20,000 characters (as the server counts them) leave room for a long one. */
/**
 * At most `speakers` people's remarks at once: a roundtable's opening has a handful of invited speakers, and
 * every text lives in the state, written whole with each snapshot (5,000 × 20,000 characters would stall it).
 */
export const REMARKS_LIMITS = { text: 20000, speakers: 60 } as const;

/** Who may send their own remarks: a person the organisers invited to speak. */
export const maySendRemarks = (p: { speaker?: boolean | undefined } | undefined): boolean => p?.speaker === true;
