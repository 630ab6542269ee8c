import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  YJS_CLOSE,
  type CreateRoundtableResponse,
  type Failure,
  type OperatorList,
  type OperatorRoundtable,
  type StateView,
} from '@roundtable/shared';
import { connect, connected, deviceToken, join, nextState, send, type TestSocket } from '../support/clients.js';
import { openDocument, openRawDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const ORGANISER_KEY = 'organiser-key-for-the-tests-01';
const OPERATOR_KEY = 'operator-key-for-the-tests-001';
// A word in one roundtable's title only: after its deletion, no byte of the database file may hold it.
const MARKER = 'Zephyrine';

// The database file read as a second process would; better-sqlite3 is the server's dependency, not the tests'.
type Db = { prepare(sql: string): { all(...params: unknown[]): Record<string, unknown>[] }; close(): void };
const Database = createRequire(new URL('../../server/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
  options: object,
) => Db;

function query(dataDir: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/** How many rows of each table of the file name the roundtable (by `roundtable_id`, or `id` in `roundtables`). */
function rowsOf(dataDir: string, roundtableId: string): Record<string, number> {
  const tables = query(dataDir, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const columns = query(dataDir, `SELECT name FROM pragma_table_info('${table}')`).map((c) => String(c.name));
    const column = table === 'roundtables' ? 'id' : columns.includes('roundtable_id') ? 'roundtable_id' : null;
    if (!column) continue;
    counts[table] = Number(
      query(dataDir, `SELECT count(*) AS n FROM "${table}" WHERE ${column} = ?`, roundtableId)[0]?.n,
    );
  }
  return counts;
}

interface Call {
  body?: unknown;
  bearer?: string;
  organiser?: string;
}

async function call<T>(server: TestServer, method: string, route: string, { body, bearer, organiser }: Call = {}) {
  const res = await fetch(`${server.url}/api${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
      ...(organiser === undefined ? {} : { 'x-organiser-key': organiser }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T & Partial<Failure>, headers: res.headers };
}

const ROUNDTABLE = {
  title: { en: `The ${MARKER} roundtable`, ru: `Круглый стол ${MARKER}`, kk: `${MARKER} дөңгелек үстелі` },
  languages: ['en', 'ru', 'kk'],
  delegations: [{ name: 'Europol' }],
  agenda: [{ title: { en: 'Thematic discussion' }, kind: 'discussion', plannedMinutes: 30 }],
};

const operator = (server: TestServer) => ({
  list: () => call<OperatorList>(server, 'GET', '/operator/roundtables', { bearer: OPERATOR_KEY }),
  archive: (id: string) =>
    call<OperatorRoundtable>(server, 'POST', `/operator/roundtables/${id}/archive`, { bearer: OPERATOR_KEY }),
  restore: (id: string) =>
    call<OperatorRoundtable>(server, 'POST', `/operator/roundtables/${id}/restore`, { bearer: OPERATOR_KEY }),
  remove: (id: string, body?: unknown) =>
    call<{ deleted: string }>(server, 'DELETE', `/operator/roundtables/${id}`, { bearer: OPERATOR_KEY, body }),
});

const ended = (socket: TestSocket) => new Promise<Failure>((resolve) => socket.on('ended', resolve));
const refusedConnection = (socket: TestSocket) =>
  new Promise<Failure>((resolve) => socket.on('connect_error', (e) => resolve((e as { data: Failure }).data)));

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('gave up waiting');
}

describe('with ORGANISER_KEY set', () => {
  const running = useServer({ organiserKey: ORGANISER_KEY, createRateLimit: 1000 });

  it('says so to any page, and creating a roundtable without the key, or with a wrong one, is refused', async () => {
    const server = running.current;
    expect((await call(server, 'GET', '/instance')).body).toEqual({ organiserKeyRequired: true, operatorPage: false });
    const without = await call(server, 'POST', '/roundtables', { body: ROUNDTABLE });
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ reason: 'organiser_key_needed' });
    expect(without.body.message).toContain('organiser key');
    const wrong = await call(server, 'POST', '/roundtables', { body: ROUNDTABLE, organiser: `${ORGANISER_KEY}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ reason: 'organiser_key_wrong' });
    // The key in the usual header is not the organiser key's place.
    const asBearer = await call(server, 'POST', '/roundtables', { body: ROUNDTABLE, bearer: ORGANISER_KEY });
    expect(asBearer.body).toMatchObject({ reason: 'organiser_key_needed' });
    expect(query(server.dataDir, 'SELECT id FROM roundtables')).toEqual([]);

    const created = await call<CreateRoundtableResponse>(server, 'POST', '/roundtables', {
      body: ROUNDTABLE,
      organiser: ORGANISER_KEY,
    });
    expect(created.status).toBe(201);
    expect(created.body.moderatorSecret).toBeTruthy();
  });

  it('refuses the demo and a next edition without the key, and makes them with it', async () => {
    const server = running.current;
    expect((await call(server, 'POST', '/demo')).body).toMatchObject({ reason: 'organiser_key_needed' });
    const demo = await call<CreateRoundtableResponse>(server, 'POST', '/demo', { organiser: ORGANISER_KEY });
    expect(demo.status).toBe(201);

    const route = `/roundtables/${demo.body.roundtableId}/editions`;
    const moderator = demo.body.moderatorSecret;
    const refused = await call(server, 'POST', route, { body: { startsAt: null }, bearer: moderator });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ reason: 'organiser_key_needed' });
    const wrong = await call(server, 'POST', route, { body: { startsAt: null }, bearer: moderator, organiser: 'x' });
    expect(wrong.body).toMatchObject({ reason: 'organiser_key_wrong' });
    // The organiser key alone does not make someone the moderator of this roundtable.
    const notModerator = await call(server, 'POST', route, { body: { startsAt: null }, organiser: ORGANISER_KEY });
    expect(notModerator.body).toMatchObject({ reason: 'no_key' });
    const next = await call<CreateRoundtableResponse>(server, 'POST', route, {
      body: { startsAt: null },
      bearer: moderator,
      organiser: ORGANISER_KEY,
    });
    expect(next.status).toBe(201);
    expect(next.body.roundtableId).not.toBe(demo.body.roundtableId);
  });

  it('turns an address away for a minute after ten wrong keys, the right key included', async () => {
    const server = running.current;
    for (let i = 0; i < 10; i++) {
      const wrong = await call(server, 'POST', '/roundtables', { body: ROUNDTABLE, organiser: `guess-${i}` });
      expect(wrong.body).toMatchObject({ reason: 'organiser_key_wrong' });
    }
    const blocked = await call(server, 'POST', '/roundtables', { body: ROUNDTABLE, organiser: ORGANISER_KEY });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ reason: 'rate_limited_keys' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('leaves the operator page off while OPERATOR_KEY is not set, whatever key is sent', async () => {
    const server = running.current;
    for (const bearer of [undefined, ORGANISER_KEY, OPERATOR_KEY]) {
      const res = await call(server, 'GET', '/operator/roundtables', bearer === undefined ? {} : { bearer });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ reason: 'operator_off' });
    }
  });
});

describe('without ORGANISER_KEY', () => {
  const running = useServer();

  it('lets anyone create roundtables, as before', async () => {
    const server = running.current;
    expect((await call(server, 'GET', '/instance')).body).toEqual({ organiserKeyRequired: false, operatorPage: false });
    expect((await call(server, 'POST', '/roundtables', { body: ROUNDTABLE })).status).toBe(201);
    expect((await call(server, 'POST', '/demo')).status).toBe(201);
  });
});

describe('the operator API', () => {
  const running = useServer({ operatorKey: OPERATOR_KEY, organiserKey: ORGANISER_KEY, createRateLimit: 1000 });

  const create = async (server: TestServer, body: object = ROUNDTABLE) =>
    (await call<CreateRoundtableResponse>(server, 'POST', '/roundtables', { body, organiser: ORGANISER_KEY })).body;

  /** A roundtable with something in every table: people, their devices, attendance, the document and a version. */
  async function busy(server: TestServer) {
    const rt = await create(server);
    const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    const state = await connected(moderator);
    const a = await join(server.url, rt.joinCode, 'Aigerim Sadykova', deviceToken());
    await join(server.url, rt.joinCode, 'Jan de Vries', deviceToken());
    const phone = connect(server.url, rt.roundtableId, a.token);
    await connected(phone);
    const itemId = state.agenda[0]?.id ?? '';
    expect((await send(moderator, { type: 'agenda.start', itemId })).ok).toBe(true);
    const writer = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    await writer.synced;
    writer.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Lessons of the ${MARKER} discussion`)]);
      writer.doc.getXmlFragment('default').insert(0, [p]);
    });
    await until(
      () => rowsOf(server.dataDir, rt.roundtableId),
      (rows) => (rows.doc_updates ?? 0) > 0 && (rows.attendance ?? 0) > 0,
    );
    const version = await call(server, 'POST', `/roundtables/${rt.roundtableId}/document/versions`, {
      body: { name: 'Draft' },
      bearer: rt.moderatorSecret,
    });
    expect(version.status).toBe(201);
    return { rt, moderator, phone, participantToken: a.token };
  }

  it('needs its own key: none, a wrong one and the organiser key are refused', async () => {
    const server = running.current;
    const none = await call(server, 'GET', '/operator/roundtables');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ reason: 'operator_key_needed' });
    for (const bearer of [`${OPERATOR_KEY}0`, ORGANISER_KEY]) {
      const wrong = await call(server, 'GET', '/operator/roundtables', { bearer });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ reason: 'operator_key_wrong' });
    }
    const archive = await call(server, 'POST', '/operator/roundtables/abc/archive', { bearer: ORGANISER_KEY });
    expect(archive.body).toMatchObject({ reason: 'operator_key_wrong' });
    expect((await call(server, 'GET', '/instance')).body).toEqual({ organiserKeyRequired: true, operatorPage: true });
    const ok = await operator(server).list();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('lists every roundtable with its size, last activity and storage, the most recently active first', async () => {
    const server = running.current;
    const quiet = await create(server, { title: { en: 'Quiet one' }, languages: ['en'] });
    const { rt } = await busy(server);
    const { body } = await operator(server).list();
    expect(body.roundtables.map((r) => r.id)).toEqual([rt.roundtableId, quiet.roundtableId]);
    const [active, idle] = body.roundtables as [OperatorRoundtable, OperatorRoundtable];
    expect(active).toMatchObject({
      title: ROUNDTABLE.title,
      languages: ['en', 'ru', 'kk'],
      joinCode: rt.joinCode,
      participants: 2,
      endedAt: null,
      archivedAt: null,
    });
    expect(active.lastActivityAt).toBeGreaterThanOrEqual(active.createdAt);
    expect(active.storage.document).toBeGreaterThan(0);
    expect(active.storage.events).toBeGreaterThan(0);
    expect(active.storage.total).toBe(active.storage.state + active.storage.events + active.storage.document);
    expect(idle).toMatchObject({ title: { en: 'Quiet one' }, participants: 0, archivedAt: null });
    expect(idle.storage.document).toBe(0);
    // Counted in bytes, not characters: the Cyrillic title takes two bytes a letter.
    const [stored] = query(server.dataDir, 'SELECT state FROM roundtables WHERE id = ?', rt.roundtableId);
    expect(active.storage.state).toBeGreaterThanOrEqual(Buffer.byteLength(String(stored?.state)));
  });

  it('archives a roundtable: open sessions end, its links and its code are refused as archived, and it restores whole', async () => {
    const server = running.current;
    const { rt, moderator, phone, participantToken } = await busy(server);
    const rows = rowsOf(server.dataDir, rt.roundtableId);
    const before = (
      await call<StateView>(server, 'GET', `/roundtables/${rt.roundtableId}`, {
        bearer: rt.moderatorSecret,
      })
    ).body;
    const editor = openRawDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    await new Promise((resolve) => editor.once('open', resolve));
    const editorClosed = new Promise<number>((resolve) => editor.once('close', (code) => resolve(code)));
    const moderatorEnded = ended(moderator);
    const phoneEnded = ended(phone);

    const archived = await operator(server).archive(rt.roundtableId);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(Number));
    expect((await moderatorEnded).reason).toBe('roundtable_archived');
    expect((await phoneEnded).reason).toBe('roundtable_archived');
    expect(await editorClosed).toBe(YJS_CLOSE.unauthenticated);

    // The moderator link reads it as archived, and its commands are refused, on every transport.
    const read = await call(server, 'GET', `/roundtables/${rt.roundtableId}`, { bearer: rt.moderatorSecret });
    expect(read.status).toBe(401);
    expect(read.body).toMatchObject({ reason: 'roundtable_archived' });
    expect(read.body.message).toContain('archived');
    const command = await call(server, 'POST', `/roundtables/${rt.roundtableId}/commands`, {
      body: { baseVersion: before.version, command: { type: 'roundtable.end' } },
      bearer: rt.moderatorSecret,
    });
    expect(command.body).toMatchObject({ reason: 'roundtable_archived' });
    const minutes = await call(server, 'GET', `/roundtables/${rt.roundtableId}/minutes.md`, {
      bearer: rt.moderatorSecret,
    });
    expect(minutes.body).toMatchObject({ reason: 'roundtable_archived' });
    const again = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    expect((await refusedConnection(again)).reason).toBe('roundtable_archived');
    const device = connect(server.url, rt.roundtableId, participantToken);
    expect((await refusedConnection(device)).reason).toBe('roundtable_archived');
    expect((await call(server, 'GET', `/join/${rt.joinCode}`)).body).toMatchObject({ reason: 'roundtable_archived' });
    // Someone without one of its keys learns nothing about it.
    const stranger = await call(server, 'GET', `/roundtables/${rt.roundtableId}`, { bearer: deviceToken() });
    expect(stranger.body).toMatchObject({ reason: 'unknown_key' });
    expect((await operator(server).list()).body.roundtables[0]).toMatchObject({
      id: rt.roundtableId,
      archivedAt: archived.body.archivedAt,
      participants: 2,
    });
    // Nothing was deleted.
    expect(rowsOf(server.dataDir, rt.roundtableId)).toEqual(rows);

    const restored = await operator(server).restore(rt.roundtableId);
    expect(restored.body).toMatchObject({ id: rt.roundtableId, archivedAt: null });
    const back = connect(server.url, rt.roundtableId, rt.moderatorSecret);
    // As it was: the same version, the same people (a room's first state may be older while its next send is due).
    const state = await nextState(back, (s) => s.version === before.version);
    expect(state.participants.map((p) => p.name).sort()).toEqual(['Aigerim Sadykova', 'Jan de Vries']);
    expect(await send(back, { type: 'roundtable.end' })).toMatchObject({ reason: 'end_while_running' });
    expect((await send(back, { type: 'joining.setLocked', locked: true })).ok).toBe(true);
  });

  it('deletes a roundtable only with its title or id typed, and then no row of it is left in any table', async () => {
    const server = running.current;
    const other = await create(server, { title: { en: 'Another roundtable' }, languages: ['en'] });
    const { rt, moderator } = await busy(server);
    const rows = rowsOf(server.dataDir, rt.roundtableId);
    expect(Object.keys(rows)).toEqual(
      expect.arrayContaining(['roundtables', 'events', 'credentials', 'doc_updates', 'doc_versions', 'attendance']),
    );
    for (const table of ['roundtables', 'events', 'credentials', 'doc_updates', 'doc_versions', 'attendance']) {
      expect(rows[table], table).toBeGreaterThan(0);
    }

    const unconfirmed = await operator(server).remove(rt.roundtableId);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({ reason: 'invalid_form' });
    const mistyped = await operator(server).remove(rt.roundtableId, { confirm: 'The roundtable' });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body).toMatchObject({ reason: 'deletion_unconfirmed' });
    const othersTitle = await operator(server).remove(rt.roundtableId, { confirm: 'Another roundtable' });
    expect(othersTitle.body).toMatchObject({ reason: 'deletion_unconfirmed' });
    expect(rowsOf(server.dataDir, rt.roundtableId)).toEqual(rows);

    const moderatorEnded = ended(moderator);
    // Its title in any of its languages will do, as typed (spaces around it do not matter).
    const deleted = await operator(server).remove(rt.roundtableId, { confirm: `  ${ROUNDTABLE.title.ru} ` });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ ok: true, deleted: rt.roundtableId });
    expect((await moderatorEnded).reason).toBe('roundtable_deleted');

    const left = rowsOf(server.dataDir, rt.roundtableId);
    expect(Object.keys(left).length).toBeGreaterThanOrEqual(7);
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    for (const file of ['roundtable.db', 'roundtable.db-wal']) {
      const bytes = fs.existsSync(path.join(server.dataDir, file))
        ? fs.readFileSync(path.join(server.dataDir, file))
        : null;
      expect(bytes?.includes(MARKER) ?? false, file).toBe(false);
    }
    // Its links and its join code are unknown; the other roundtable is untouched.
    const code = await call(server, 'GET', `/join/${rt.joinCode}`);
    expect(code.status).toBe(404);
    expect(code.body).toMatchObject({ reason: 'wrong_join_code' });
    const link = await call(server, 'GET', `/roundtables/${rt.roundtableId}`, { bearer: rt.moderatorSecret });
    expect(link.body).toMatchObject({ reason: 'unknown_key' });
    expect((await operator(server).list()).body.roundtables.map((r) => r.id)).toEqual([other.roundtableId]);
    expect(rowsOf(server.dataDir, other.roundtableId).roundtables).toBe(1);
    expect((await operator(server).archive(rt.roundtableId)).body).toMatchObject({ reason: 'roundtable_not_found' });

    // By its id too, archived or not.
    await operator(server).archive(other.roundtableId);
    expect((await operator(server).remove(other.roundtableId, { confirm: other.roundtableId })).status).toBe(200);
    expect((await operator(server).list()).body.roundtables).toEqual([]);
  });
});
