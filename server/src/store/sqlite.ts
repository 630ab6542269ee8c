import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  Diff,
  DomainEvent,
  RoundtableState,
  diff,
  patch,
  type Credential,
  type RecordedEvent,
} from '@roundtable/shared';
import { MIGRATIONS } from './migrations.js';
import { SqliteOperatorStore } from './sqliteOperator.js';
import { instanceSecret } from './instanceSecrets.js';
import {
  SNAPSHOT_EVERY,
  StoreArchivedError,
  StoreConflictError,
  type Attendance,
  type Commit,
  type NewCredential,
  type Store,
} from './store.js';

type Db = Database.Database;

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database is from a newer Roundtable (schema ${current}); this one knows ${MIGRATIONS.length}.`,
    );
  }
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      const step = MIGRATIONS[i] ?? '';
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/** Opens (or creates) `roundtable.db` in the data directory, WAL mode, every commit synced. */
export function openSqliteStore(dataDir: string | ':memory:'): Store {
  if (dataDir !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(dataDir === ':memory:' ? ':memory:' : path.join(dataDir, 'roundtable.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Dropped rows are overwritten, not left in free pages: compacting away an anonymous poll's ballots erases them.
  db.pragma('secure_delete = ON');
  migrate(db);
  return new SqliteStore(db);
}

class SqliteStore extends SqliteOperatorStore implements Store {
  private readonly q;
  private readonly secrets = new Map<string, string>();

  constructor(private readonly sql: Db) {
    super(sql);
    const db = sql;
    this.q = {
      insertRoundtable: db.prepare(
        'INSERT INTO roundtables (id, join_code, version, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      updateRoundtable: db.prepare(
        'UPDATE roundtables SET version = ?, state = ?, updated_at = ? WHERE id = ? AND version = ? AND archived_at IS NULL',
      ),
      bumpRoundtable: db.prepare(
        'UPDATE roundtables SET version = ?, updated_at = ? WHERE id = ? AND version = ? AND archived_at IS NULL',
      ),
      archived: db.prepare<[string], { archived_at: number | null }>(
        'SELECT archived_at FROM roundtables WHERE id = ?',
      ),
      nextEdition: db.prepare('INSERT OR IGNORE INTO next_editions (previous_id, roundtable_id) VALUES (?, ?)'),
      insertPatch: db.prepare('INSERT INTO state_patches (roundtable_id, version, diff) VALUES (?, ?, ?)'),
      patches: db.prepare<[string, number], { version: number; diff: string }>(
        'SELECT version, diff FROM state_patches WHERE roundtable_id = ? AND version > ? ORDER BY version',
      ),
      dropPatches: db.prepare('DELETE FROM state_patches WHERE roundtable_id = ? AND version <= ?'),
      insertEvent: db.prepare(
        'INSERT INTO events (roundtable_id, version, seq, type, data, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertCredential: db.prepare(
        'INSERT INTO credentials (roundtable_id, hash, kind, subject_id, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      hasDevice: db.prepare<[string, string, string], { n: number }>(
        "SELECT 1 AS n FROM credentials WHERE roundtable_id = ? AND kind = 'participant' AND subject_id = ? AND hash <> ? LIMIT 1",
      ),
      // The device's own earlier credential too: a phone that joined as someone else becomes the invitee.
      dropDevices: db.prepare(
        "DELETE FROM credentials WHERE roundtable_id = ? AND ((kind = 'participant' AND subject_id = ?) OR hash = ?)",
      ),
      load: db.prepare<[string], { state: string; version: number }>(
        'SELECT state, version FROM roundtables WHERE id = ?',
      ),
      byCode: db.prepare<[string], { id: string }>('SELECT id FROM roundtables WHERE join_code = ?'),
      // The series is set at creation and never changes, so the snapshot always holds it; a series is a handful of rows.
      series: db.prepare<[string, string], { id: string }>(
        "SELECT id FROM roundtables WHERE json_extract(state, '$.series.id') = ? OR id = ? ORDER BY created_at",
      ),
      credential: db.prepare<[string, string], { kind: string; subject_id: string }>(
        'SELECT kind, subject_id FROM credentials WHERE roundtable_id = ? AND hash = ?',
      ),
      events: db.prepare<[string, number, number], { version: number; data: string; at: number }>(
        'SELECT version, data, at FROM events WHERE roundtable_id = ? AND version > ? ORDER BY version, seq LIMIT ?',
      ),
      attend: db.prepare(
        'INSERT OR IGNORE INTO attendance (roundtable_id, item_id, participant_id, first_seen) VALUES (?, ?, ?, ?)',
      ),
      allEvents: db.prepare<[string], { version: number; seq: number; data: string }>(
        'SELECT version, seq, data FROM events WHERE roundtable_id = ?',
      ),
      rewriteEvent: db.prepare('UPDATE events SET data = ? WHERE roundtable_id = ? AND version = ? AND seq = ?'),
      signOut: db.prepare(
        "DELETE FROM credentials WHERE roundtable_id = ? AND kind = 'participant' AND subject_id = ?",
      ),
      attendance: db.prepare<[string], { item_id: string; participant_id: string; first_seen: number }>(
        'SELECT item_id, participant_id, first_seen FROM attendance WHERE roundtable_id = ? ORDER BY first_seen',
      ),
    };
  }

  private insertEvents(id: string, version: number, events: readonly unknown[], at: number, actor: string): void {
    events.forEach((e, seq) => {
      this.q.insertEvent.run(id, version, seq, (e as { type: string }).type, JSON.stringify(e), at, actor);
    });
  }

  private insertCredentials(id: string, credentials: readonly NewCredential[], at: number): void {
    for (const { hash, credential } of credentials) {
      const subject = credential.kind === 'link' ? credential.linkId : credential.participantId;
      this.q.insertCredential.run(id, hash, credential.kind, subject, at);
    }
  }

  async create(state: RoundtableState, events: DomainEvent[], credentials: NewCredential[]): Promise<void> {
    this.sql.transaction(() => {
      this.q.insertRoundtable.run(
        state.id,
        state.joinCode,
        state.version,
        JSON.stringify(state),
        state.createdAt,
        state.createdAt,
      );
      this.insertEvents(state.id, state.version, events, state.createdAt, JSON.stringify({ kind: 'system' }));
      this.insertCredentials(state.id, credentials, state.createdAt);
      const previousId = state.series?.previousId;
      if (previousId && this.q.nextEdition.run(previousId, state.id).changes !== 1) {
        throw new StoreConflictError(`Roundtable ${previousId} has a next edition already.`);
      }
    })();
  }

  async commit(c: Commit): Promise<void> {
    const { roundtableId: id, previous, state, at } = c;
    // An erasure writes the state whole: the differences before it hold what it erased.
    const snapshot = c.compact === true || c.erasure !== undefined || state.version % SNAPSHOT_EVERY === 0;
    const change = snapshot ? '' : JSON.stringify(diff(previous, state) ?? { keys: {} });
    this.sql.transaction(() => {
      const changed = snapshot
        ? this.q.updateRoundtable.run(state.version, JSON.stringify(state), at, id, previous.version)
        : this.q.bumpRoundtable.run(state.version, at, id, previous.version);
      if (changed.changes !== 1) throw this.refused(id, previous.version);
      if (snapshot) this.q.dropPatches.run(id, state.version);
      else this.q.insertPatch.run(id, state.version, change);
      this.insertEvents(id, state.version, c.events, at, JSON.stringify(c.actor));
      this.insertCredentials(id, c.credentials ?? [], at);
      if (c.device) {
        this.q.dropDevices.run(id, c.device.credential.participantId, c.device.hash);
        this.insertCredentials(id, [c.device], at);
      }
      for (const participantId of c.signOut ?? []) this.q.signOut.run(id, participantId);
      if (c.erasure) this.scrubEvents(id, c.erasure);
    })();
  }

  /** Rewrites the stored events through the erasure; with secure_delete on, the old text is overwritten. */
  private scrubEvents(id: string, erasure: NonNullable<Commit['erasure']>): void {
    for (const row of this.q.allEvents.all(id)) {
      const data = JSON.stringify(erasure.scrub(JSON.parse(row.data)));
      if (data !== row.data) this.q.rewriteEvent.run(data, id, row.version, row.seq);
    }
    for (const participantId of erasure.signOut) this.q.signOut.run(id, participantId);
  }

  /** Why a commit changed no row: the roundtable was archived meanwhile, or another version was committed. */
  private refused(id: string, version: number): Error {
    const row = this.q.archived.get(id);
    if (row && row.archived_at !== null) return new StoreArchivedError(`Roundtable ${id} is archived.`);
    return new StoreConflictError(`Roundtable ${id} is not at version ${version}.`);
  }

  async checkpoint(): Promise<void> {
    this.sql.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** The snapshot with every later difference applied, in order; a gap or a misfit is refused loudly. */
  async load(roundtableId: string): Promise<RoundtableState | undefined> {
    const row = this.q.load.get(roundtableId);
    if (!row) return undefined;
    let state = JSON.parse(row.state) as { version: number };
    for (const p of this.q.patches.all(roundtableId, state.version)) {
      const next =
        p.version === state.version + 1 ? (patch(state, Diff.parse(JSON.parse(p.diff))) as typeof state) : null;
      if (next?.version !== p.version) {
        throw new Error(`The stored state of roundtable ${roundtableId} cannot be rebuilt at version ${p.version}.`);
      }
      state = next;
    }
    if (state.version !== row.version) {
      throw new Error(`The stored state of roundtable ${roundtableId} ends at ${state.version}, not ${row.version}.`);
    }
    return RoundtableState.parse(state);
  }

  async idForJoinCode(code: string): Promise<string | undefined> {
    return this.q.byCode.get(code)?.id;
  }

  async joinCodeTaken(code: string): Promise<boolean> {
    return (await this.idForJoinCode(code)) !== undefined;
  }

  async seriesMembers(seriesId: string): Promise<string[]> {
    return this.q.series.all(seriesId, seriesId).map((r) => r.id);
  }

  async findCredential(roundtableId: string, hash: string): Promise<Credential | undefined> {
    const row = this.q.credential.get(roundtableId, hash);
    if (!row) return undefined;
    return row.kind === 'link'
      ? { kind: 'link', linkId: row.subject_id }
      : { kind: 'participant', participantId: row.subject_id };
  }

  async hasDevice(roundtableId: string, participantId: string, except: string): Promise<boolean> {
    return this.q.hasDevice.get(roundtableId, participantId, except) !== undefined;
  }

  async events(roundtableId: string, sinceVersion: number, limit: number): Promise<RecordedEvent[]> {
    return this.q.events.all(roundtableId, sinceVersion, limit).map((r) => ({
      version: r.version,
      at: r.at,
      event: DomainEvent.parse(JSON.parse(r.data)),
    }));
  }

  async recordAttendance(
    roundtableId: string,
    itemId: string,
    participantIds: readonly string[],
    at: number,
  ): Promise<void> {
    this.sql.transaction(() => {
      for (const id of participantIds) this.q.attend.run(roundtableId, itemId, id, at);
    })();
  }

  async attendance(roundtableId: string): Promise<Attendance[]> {
    return this.q.attendance
      .all(roundtableId)
      .map((r) => ({ itemId: r.item_id, participantId: r.participant_id, firstSeen: r.first_seen }));
  }

  async instanceSecret(name: string): Promise<string> {
    // Made once and never changed: read from the store once (a claim and a list of links each need it).
    const known = this.secrets.get(name) ?? instanceSecret(this.sql, name);
    this.secrets.set(name, known);
    return known;
  }

  async ping(): Promise<void> {
    this.sql.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.closeDocs();
    if (this.sql.open) this.sql.close();
  }
}
