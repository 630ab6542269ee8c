import { z } from 'zod';
import { Id, Lang, Timestamp } from '../common.js';

/**
 * The header the organiser key travels in (creating a roundtable, the demo, a next edition). Not
 * `Authorization`: creating a next edition already sends the moderator's key there.
 */
export const ORGANISER_KEY_HEADER = 'x-organiser-key';

/** The shortest ORGANISER_KEY or OPERATOR_KEY the server starts with: long enough not to be guessed. */
export const INSTANCE_KEY_MIN = 16;

/** What any page may know of the server before it holds a key (`GET /api/instance`). */
export const InstanceInfo = z.object({
  /** Creating a roundtable, the demo and a next edition need the organiser key (ORGANISER_KEY is set). */
  organiserKeyRequired: z.boolean(),
  /** The operator page is on (OPERATOR_KEY is set): it asks for its key; off, it says so without asking. */
  operatorPage: z.boolean(),
});
export type InstanceInfo = z.infer<typeof InstanceInfo>;

/** What one roundtable takes on the disk, in bytes, by where it is kept. */
export const StorageBytes = z.object({
  /** The state's last snapshot and the differences since (store/sqlite.ts). */
  state: z.number().int().nonnegative(),
  /** The event log. */
  events: z.number().int().nonnegative(),
  /** The outcome document's updates and its named versions. */
  document: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type StorageBytes = z.infer<typeof StorageBytes>;

/** One roundtable as the operator page lists it (`GET /api/operator/roundtables`). */
export const OperatorRoundtable = z.object({
  id: Id,
  /** Null when its stored state cannot be read: it can still be archived, or deleted by typing its id. */
  title: z.object({ en: z.string(), ru: z.string(), kk: z.string() }).partial().nullable(),
  languages: z.array(Lang),
  joinCode: z.string(),
  createdAt: Timestamp,
  endedAt: Timestamp.nullable(),
  archivedAt: Timestamp.nullable(),
  /** People in the roster (not waiting, removed or banned); null when the state cannot be read. */
  participants: z.number().int().nonnegative().nullable(),
  /** The latest accepted command or outcome-document edit. */
  lastActivityAt: Timestamp,
  storage: StorageBytes,
});
export type OperatorRoundtable = z.infer<typeof OperatorRoundtable>;

export const OperatorList = z.object({ roundtables: z.array(OperatorRoundtable) });
export type OperatorList = z.infer<typeof OperatorList>;

/** Deleting asks, in the API too, for the roundtable's title (in any of its languages) or its id, typed. */
export const OperatorDeleteRequest = z.object({ confirm: z.string().max(1000) }).strict();
export type OperatorDeleteRequest = z.infer<typeof OperatorDeleteRequest>;

const typed = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Whether what the operator typed names this roundtable: its id, or its title in one of its languages. */
export function confirmsDeletion(row: Pick<OperatorRoundtable, 'id' | 'title'>, confirm: string): boolean {
  const answer = typed(confirm);
  if (answer === '') return false;
  const names = [row.id, ...Object.values(row.title ?? {})].map(typed).filter(Boolean);
  return names.includes(answer);
}
