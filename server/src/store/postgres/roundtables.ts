import { randomBytes } from 'node:crypto';
import {
  Diff,
  DomainEvent,
  RoundtableState,
  diff,
  patch,
  type Credential,
  type RecordedEvent,
} from '@roundtable/shared';
import {
  SNAPSHOT_EVERY,
  StoreArchivedError,
  StoreConflictError,
  type Attendance,
  type Commit,
  type NewCredential,
  type Store,
} from '../store.js';
import { PostgresOperatorStore } from './operator.js';
import { transaction } from './pool.js';
import { insertCredentials, insertEvents, replaceDevices, scrubEvents, signOut } from './writes.js';

/**
 * The roundtables, their events and credentials in PostgreSQL, shared by every node. The state is kept
 * as SQLite keeps it (sqlite.ts): a snapshot every SNAPSHOT_EVERY versions and each commit's difference
 * in between, as JSON text, so it reads back exactly as written.
 */
export class PostgresStore extends PostgresOperatorStore implements Store {
  /** The instance's secrets never change once made: each is read from the database once. */
  readonly #secrets = new Map<string, Promise<string>>();

  async create(state: RoundtableState, events: DomainEvent[], credentials: NewCredential[]): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query(
        'INSERT INTO roundtables (id, join_code, version, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)',
        [state.id, state.joinCode, state.version, JSON.stringify(state), state.createdAt],
      );
      const system = JSON.stringify({ kind: 'system' });
      await insertEvents(client, state.id, state.version, events, state.createdAt, system);
      await insertCredentials(client, state.id, credentials, state.createdAt);
      const previousId = state.series?.previousId;
      if (previousId) {
        const { rowCount } = await client.query(
          'INSERT INTO next_editions (previous_id, roundtable_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [previousId, state.id],
        );
        if (rowCount !== 1) throw new StoreConflictError(`Roundtable ${previousId} has a next edition already.`);
      }
    });
  }

  /**
   * The UPDATE names the version the command was applied to. Two nodes committing on the same version
   * both reach the row; the second waits for the first's lock, then finds the version moved on and
   * changes nothing: its commit is refused whole.
   */
  async commit(c: Commit): Promise<void> {
    const { roundtableId: id, previous, state, at } = c;
    // An erasure writes the state whole: the differences before it hold what it erased.
    const snapshot = c.compact === true || c.erasure !== undefined || state.version % SNAPSHOT_EVERY === 0;
    const change = snapshot ? '' : JSON.stringify(diff(previous, state) ?? { keys: {} });
    await transaction(this.pool, async (client) => {
      const { rowCount } = snapshot
        ? await client.query(
            'UPDATE roundtables SET version = $1, state = $2, updated_at = $3 WHERE id = $4 AND version = $5 AND archived_at IS NULL',
            [state.version, JSON.stringify(state), at, id, previous.version],
          )
        : await client.query(
            'UPDATE roundtables SET version = $1, updated_at = $2 WHERE id = $3 AND version = $4 AND archived_at IS NULL',
            [state.version, at, id, previous.version],
          );
      if (rowCount !== 1) {
        const { rows } = await client.query<{ archived_at: number | null }>(
          'SELECT archived_at FROM roundtables WHERE id = $1',
          [id],
        );
        if (rows[0] && rows[0].archived_at !== null) throw new StoreArchivedError(`Roundtable ${id} is archived.`);
        throw new StoreConflictError(`Roundtable ${id} is not at version ${previous.version}.`);
      }
      if (snapshot) {
        await client.query('DELETE FROM state_patches WHERE roundtable_id = $1 AND version <= $2', [id, state.version]);
      } else {
        await client.query('INSERT INTO state_patches (roundtable_id, version, diff) VALUES ($1, $2, $3)', [
          id,
          state.version,
          change,
        ]);
      }
      await insertEvents(client, id, state.version, c.events, at, JSON.stringify(c.actor));
      await insertCredentials(client, id, c.credentials ?? [], at);
      if (c.device) await replaceDevices(client, id, c.device, at);
      await signOut(client, id, c.signOut ?? []);
      if (c.erasure) await scrubEvents(client, id, c.erasure);
    });
  }

  /**
   * The snapshot with every later difference applied, in order; a gap or a misfit is refused loudly.
   * One statement reads both, so a commit in between (a new snapshot dropping differences) is not half seen.
   */
  async load(roundtableId: string): Promise<RoundtableState | undefined> {
    const { rows } = await this.pool.query<{ state: string; version: number; versions: number[]; diffs: string[] }>(
      `SELECT r.state, r.version,
         ARRAY(SELECT p.version FROM state_patches p WHERE p.roundtable_id = r.id ORDER BY p.version) AS versions,
         ARRAY(SELECT p.diff FROM state_patches p WHERE p.roundtable_id = r.id ORDER BY p.version) AS diffs
       FROM roundtables r WHERE r.id = $1`,
      [roundtableId],
    );
    const row = rows[0];
    if (!row) return undefined;
    let state = JSON.parse(row.state) as { version: number };
    for (const [i, version] of row.versions.entries()) {
      if (version <= state.version) continue;
      const next =
        version === state.version + 1
          ? (patch(state, Diff.parse(JSON.parse(row.diffs[i] ?? ''))) as typeof state)
          : null;
      if (next?.version !== version) {
        throw new Error(`The stored state of roundtable ${roundtableId} cannot be rebuilt at version ${version}.`);
      }
      state = next;
    }
    if (state.version !== row.version) {
      throw new Error(`The stored state of roundtable ${roundtableId} ends at ${state.version}, not ${row.version}.`);
    }
    return RoundtableState.parse(state);
  }

  async idForJoinCode(code: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM roundtables WHERE join_code = $1', [code]);
    return rows[0]?.id;
  }

  async joinCodeTaken(code: string): Promise<boolean> {
    return (await this.idForJoinCode(code)) !== undefined;
  }

  /**
   * The series is set at creation and never changes, so the snapshot always holds it. Read as `json`,
   * not `jsonb`: jsonb refuses a \u0000 escape, which some other field of a state may hold.
   */
  async seriesMembers(seriesId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      "SELECT id FROM roundtables WHERE state::json -> 'series' ->> 'id' = $1 OR id = $1 ORDER BY created_at, id",
      [seriesId],
    );
    return rows.map((r) => r.id);
  }

  async findCredential(roundtableId: string, hash: string): Promise<Credential | undefined> {
    const { rows } = await this.pool.query<{ kind: string; subject_id: string }>(
      'SELECT kind, subject_id FROM credentials WHERE roundtable_id = $1 AND hash = $2',
      [roundtableId, hash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return row.kind === 'link'
      ? { kind: 'link', linkId: row.subject_id }
      : { kind: 'participant', participantId: row.subject_id };
  }

  async hasDevice(roundtableId: string, participantId: string, except: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "SELECT 1 FROM credentials WHERE roundtable_id = $1 AND kind = 'participant' AND subject_id = $2 AND hash <> $3 LIMIT 1",
      [roundtableId, participantId, except],
    );
    return rowCount === 1;
  }

  async events(roundtableId: string, sinceVersion: number, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<{ version: number; data: string; at: number }>(
      'SELECT version, data, at FROM events WHERE roundtable_id = $1 AND version > $2 ORDER BY version, seq LIMIT $3',
      [roundtableId, sinceVersion, limit],
    );
    return rows.map((r) => ({ version: r.version, at: r.at, event: DomainEvent.parse(JSON.parse(r.data)) }));
  }

  async recordAttendance(
    roundtableId: string,
    itemId: string,
    participantIds: readonly string[],
    at: number,
  ): Promise<void> {
    if (participantIds.length === 0) return;
    await this.pool.query(
      `INSERT INTO attendance (roundtable_id, item_id, participant_id, first_seen)
         SELECT $1, $2, p, $3 FROM unnest($4::TEXT[]) AS p ON CONFLICT DO NOTHING`,
      [roundtableId, itemId, at, participantIds],
    );
  }

  async attendance(roundtableId: string): Promise<Attendance[]> {
    const { rows } = await this.pool.query<{ item_id: string; participant_id: string; first_seen: number }>(
      `SELECT item_id, participant_id, first_seen FROM attendance WHERE roundtable_id = $1
         ORDER BY first_seen, item_id, participant_id`,
      [roundtableId],
    );
    return rows.map((r) => ({ itemId: r.item_id, participantId: r.participant_id, firstSeen: r.first_seen }));
  }

  /** Made on first use; two nodes making it at once agree on the one the database kept. */
  instanceSecret(name: string): Promise<string> {
    const known = this.#secrets.get(name) ?? this.#readSecret(name);
    this.#secrets.set(name, known);
    // A failed read (the database away) is not kept: the next use tries again.
    known.catch(() => {
      if (this.#secrets.get(name) === known) this.#secrets.delete(name);
    });
    return known;
  }

  async #readSecret(name: string): Promise<string> {
    await this.pool.query('INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM instance_secrets WHERE name = $1', [
      name,
    ]);
    const value = rows[0]?.value;
    if (value === undefined) throw new Error(`The instance secret ${name} could not be kept.`);
    return value;
  }

  /**
   * Nothing to do: SQLite's checkpoint moves its log into the database file after an erasure. PostgreSQL
   * runs its own checkpoints and recycles its write-ahead log itself, and a CHECKPOINT needs rights a
   * node's role should not have; the old row versions an erasure leaves are VACUUM's (autovacuum's).
   */
  async checkpoint(): Promise<void> {}

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    // Appends already issued are finished first: ending the pool would refuse their queries.
    await this.flushDocUpdates();
    if (!this.pool.ended) await this.pool.end();
  }
}
