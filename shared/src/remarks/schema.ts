import { z } from 'zod';
import { Id, Lang, text, Timestamp } from '../common.js';
import { REMARKS_LIMITS } from './rules.js';

/**
 * The text of a person's remarks, sent ahead for the interpreters' booth: one per person, replaced
 * whole. Only the moderators' and the booth's views hold them (view.ts); nobody in the room sees them.
 */
export const Remarks = z.object({
  participantId: Id,
  /** The language the text is written in (the one the speaker will speak in). */
  language: Lang,
  text: text(REMARKS_LIMITS.text),
  updatedAt: Timestamp,
});
export type Remarks = z.infer<typeof Remarks>;
