/** One stored roundtable as the operator page sees it before its state is read (server/src/operator.ts). */
export interface StoredRoundtable {
  id: string;
  joinCode: string;
  createdAt: number;
  /** The latest accepted command. */
  updatedAt: number;
  /** The latest outcome-document edit, if there was one. */
  documentEditedAt: number | null;
  archivedAt: number | null;
  /** What it takes on the disk, summed with SQL `length()`: text counted in bytes, not characters. */
  bytes: { state: number; events: number; document: number };
}

/**
 * What the operator does to whole roundtables. Archiving keeps every row and serves the roundtable to
 * nobody; deleting removes every row of it, in every table that names it, at once.
 */
export interface OperatorStore {
  /** Every stored roundtable, archived ones too. */
  storedRoundtables(): Promise<StoredRoundtable[]>;
  storedRoundtable(roundtableId: string): Promise<StoredRoundtable | undefined>;
  /** When it was archived, null while it is not; undefined when there is no such roundtable. */
  archivedAt(roundtableId: string): Promise<number | null | undefined>;
  /** Archives it (`at`) or restores it (null); false when there is no such roundtable. */
  setArchived(roundtableId: string, at: number | null): Promise<boolean>;
  /** Every row of it in every table, in one transaction; false when there was none. */
  deleteRoundtable(roundtableId: string): Promise<boolean>;
}
