import { z } from 'zod';
import { Id, Timestamp } from '../common.js';
import { CONTRIBUTION_STATUSES } from './rules.js';

export const Contribution = z.object({
  id: Id,
  participantId: Id,
  /** The delegation they wrote for, as it was then. */
  delegationId: Id.nullable(),
  /** The agenda item it is about; null for the lessons learned. */
  itemId: Id.nullable(),
  text: z.string(),
  at: Timestamp,
  status: z.enum(CONTRIBUTION_STATUSES),
});
export type Contribution = z.infer<typeof Contribution>;

export const Contributions = z.object({
  /** The moderator closed contributions: phones no longer offer to write one. */
  closed: z.boolean(),
  items: z.array(Contribution),
});
export type Contributions = z.infer<typeof Contributions>;
export const NO_CONTRIBUTIONS: Contributions = { closed: false, items: [] };
