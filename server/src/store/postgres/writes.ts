import type { Commit, NewCredential } from '../store.js';
import type { Client } from './pool.js';

/** The statements a commit is made of, each one round trip however many rows (arrays unnested). */

export async function insertEvents(
  client: Client,
  id: string,
  version: number,
  events: readonly unknown[],
  at: number,
  actor: string,
): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO events (roundtable_id, version, seq, type, data, at, actor)
       SELECT $1, $2, e.seq, e.type, e.data, $3, $4 FROM unnest($5::INTEGER[], $6::TEXT[], $7::TEXT[]) AS e(seq, type, data)`,
    [
      id,
      version,
      at,
      actor,
      events.map((_, seq) => seq),
      events.map((e) => (e as { type: string }).type),
      events.map((e) => JSON.stringify(e)),
    ],
  );
}

export async function insertCredentials(
  client: Client,
  id: string,
  credentials: readonly NewCredential[],
  at: number,
): Promise<void> {
  if (credentials.length === 0) return;
  await client.query(
    `INSERT INTO credentials (roundtable_id, hash, kind, subject_id, created_at)
       SELECT $1, c.hash, c.kind, c.subject, $2 FROM unnest($3::TEXT[], $4::TEXT[], $5::TEXT[]) AS c(hash, kind, subject)`,
    [
      id,
      at,
      credentials.map((c) => c.hash),
      credentials.map((c) => c.credential.kind),
      credentials.map(({ credential: c }) => (c.kind === 'link' ? c.linkId : c.participantId)),
    ],
  );
}

/** The person's one device from now on: theirs are dropped, and the device's own earlier credential too. */
export async function replaceDevices(client: Client, id: string, device: NonNullable<Commit['device']>, at: number) {
  await client.query(
    "DELETE FROM credentials WHERE roundtable_id = $1 AND ((kind = 'participant' AND subject_id = $2) OR hash = $3)",
    [id, device.credential.participantId, device.hash],
  );
  await insertCredentials(client, id, [device], at);
}

export async function signOut(client: Client, id: string, participantIds: readonly string[]): Promise<void> {
  if (participantIds.length === 0) return;
  await client.query(
    "DELETE FROM credentials WHERE roundtable_id = $1 AND kind = 'participant' AND subject_id = ANY($2::TEXT[])",
    [id, participantIds],
  );
}

/**
 * Rewrites the stored events through the erasure. PostgreSQL keeps an updated row's old version until
 * VACUUM reclaims it (autovacuum, soon after); the application cannot overwrite it in place.
 */
export async function scrubEvents(client: Client, id: string, erasure: NonNullable<Commit['erasure']>): Promise<void> {
  const { rows } = await client.query<{ version: number; seq: number; data: string }>(
    'SELECT version, seq, data FROM events WHERE roundtable_id = $1',
    [id],
  );
  const changed = rows
    .map((row) => ({ ...row, scrubbed: JSON.stringify(erasure.scrub(JSON.parse(row.data))) }))
    .filter((row) => row.scrubbed !== row.data);
  if (changed.length > 0) {
    await client.query(
      `UPDATE events e SET data = c.data
         FROM unnest($2::INTEGER[], $3::INTEGER[], $4::TEXT[]) AS c(version, seq, data)
         WHERE e.roundtable_id = $1 AND e.version = c.version AND e.seq = c.seq`,
      [id, changed.map((r) => r.version), changed.map((r) => r.seq), changed.map((r) => r.scrubbed)],
    );
  }
  await signOut(client, id, erasure.signOut);
}
