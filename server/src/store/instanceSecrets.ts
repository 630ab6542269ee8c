import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Made once, on first use, and kept in the store: personal invitations are derived from it, so a
 * restart (or another node on the same store) recognises every invitation printed on a badge. INSERT
 * OR IGNORE then SELECT: two first uses at once agree on the one that was written.
 */
export function instanceSecret(db: Database.Database, name: string): string {
  db.prepare('INSERT OR IGNORE INTO instance_secrets (name, value) VALUES (?, ?)').run(
    name,
    randomBytes(32).toString('base64url'),
  );
  const row = db.prepare<[string], { value: string }>('SELECT value FROM instance_secrets WHERE name = ?').get(name);
  if (!row) throw new Error(`The instance secret ${name} could not be kept.`);
  return row.value;
}
