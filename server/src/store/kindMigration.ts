import type Database from 'better-sqlite3';
import { Diff, patch } from '@roundtable/shared';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A request, a floor or a speech stored before its kind was called `kind`: renames `type`, in place. */
function renameKind(value: unknown): void {
  if (!isObject(value) || !('type' in value)) return;
  value.kind = value.type;
  delete value.type;
}

const eachOf = (list: unknown, fn: (v: unknown) => void) => (Array.isArray(list) ? list.forEach(fn) : undefined);

/** Every place of a stored state that holds a request, the floor or a speech. */
function migrateState(state: Json): void {
  const queue = state.queue;
  if (isObject(queue)) {
    eachOf(queue.requests, renameKind);
    if (isObject(queue.undo)) eachOf(queue.undo.requests, renameKind);
  }
  renameKind(state.floor);
  eachOf(state.speeches, renameKind);
}

/** The events whose payload holds a request, a floor or a speech. */
function migrateEvent(event: Json): void {
  renameKind(event.request);
  renameKind(event.floor);
  renameKind(event.speech);
}

/**
 * The kind of a request, a floor and a speech was stored as `type` (and asked for as `kind` in commands);
 * it is `kind` everywhere now. The stored differences between snapshots name the old key, so each
 * roundtable's state is rebuilt from its snapshot and differences with the old names, renamed, and
 * written as a new snapshot; the event log is renamed row by row.
 */
export function renameRequestKind(db: Database.Database): void {
  const roundtables = db.prepare<[], { id: string; state: string; version: number }>(
    'SELECT id, state, version FROM roundtables',
  );
  const patches = db.prepare<[string, number], { version: number; diff: string }>(
    'SELECT version, diff FROM state_patches WHERE roundtable_id = ? AND version > ? ORDER BY version',
  );
  const write = db.prepare('UPDATE roundtables SET state = ? WHERE id = ?');
  const drop = db.prepare('DELETE FROM state_patches WHERE roundtable_id = ?');
  for (const row of roundtables.all()) {
    let state = JSON.parse(row.state) as Json & { version: number };
    for (const p of patches.all(row.id, state.version)) {
      state = patch(state, Diff.parse(JSON.parse(p.diff))) as typeof state;
    }
    if (state.version !== row.version) {
      throw new Error(`The stored state of roundtable ${row.id} cannot be rebuilt for the upgrade.`);
    }
    migrateState(state);
    write.run(JSON.stringify(state), row.id);
    drop.run(row.id);
  }
  const events = db.prepare<[], { rowid: number; data: string }>(
    "SELECT rowid, data FROM events WHERE type IN ('queue.requested', 'floor.given', 'floor.ended')",
  );
  const rewrite = db.prepare('UPDATE events SET data = ? WHERE rowid = ?');
  for (const row of events.all()) {
    const event = JSON.parse(row.data) as Json;
    migrateEvent(event);
    rewrite.run(JSON.stringify(event), row.rowid);
  }
}
