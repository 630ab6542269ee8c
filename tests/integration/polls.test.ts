import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openSqliteStore } from '@roundtable/server';
import type { CommandAck, StateView } from '@roundtable/shared';
import {
  BASIC_ROUNDTABLE,
  connect,
  connected,
  createRoundtable,
  join,
  nextState,
  post,
  send,
} from '../support/clients.js';
import { useServer } from '../support/server.js';

// The database file read as a second process would; better-sqlite3 is the server's dependency, not the tests'.
type Db = { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };
const Database = createRequire(new URL('../../server/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
  options: object,
) => Db;

/** What a query finds in the database, as text. */
function stored(dataDir: string, sql: string): string {
  const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
  try {
    return JSON.stringify(db.prepare(sql).all());
  } finally {
    db.close();
  }
}
/** What on disk could hold a ballot or its sender: the stored state's polls, every stored difference, every vote's log entry. */
const ballotRows = (dataDir: string) =>
  [
    JSON.stringify(
      (JSON.parse(stored(dataDir, 'SELECT state FROM roundtables')) as { state: string }[]).map(
        (r) => (JSON.parse(r.state) as { polls?: unknown }).polls,
      ),
    ),
    stored(dataDir, 'SELECT * FROM state_patches'),
    stored(dataDir, "SELECT * FROM events WHERE type = 'poll.voted'"),
  ].join('\n');

// 200 phones from one address: the test's, not an attacker's.
const running = useServer({ joinRateLimit: 10_000, pendingConnectionsPerAddress: 1_000, commandRateLimit: 1_000 });

interface Room {
  id: string;
  key: string;
  code: string;
  itemId: string;
}

async function state(rt: Room, key = rt.key): Promise<StateView> {
  const res = await fetch(`${running.current.url}/api/roundtables/${rt.id}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return (await res.json()) as StateView;
}

async function command(rt: Room, body: Record<string, unknown>, key = rt.key) {
  const { version } = await state(rt);
  const res = await post<CommandAck>(
    running.current.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: version, command: body },
    key,
  );
  expect(res.body).toMatchObject({ ok: true });
  return res.body.ok ? (res.body.result ?? {}) : {};
}

async function room(): Promise<Room> {
  const created = await createRoundtable(running.current.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Lessons learned', kk: 'Алынған сабақтар' }, kind: 'closing', plannedMinutes: 30 }],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret, code: created.joinCode, itemId: '' };
  rt.itemId = (await state(rt)).agenda[0]?.id ?? '';
  await command(rt, { type: 'agenda.start', itemId: rt.itemId });
  return rt;
}

const get = (rt: Room, path: string) =>
  fetch(`${running.current.url}/api/roundtables/${rt.id}/${path}`, { headers: { authorization: `Bearer ${rt.key}` } });

const agreement = { question: 'Can we agree on this lesson?', preset: 'agreement' } as const;

it('takes 200 phones voting at once: every vote counted once, exactly, on every screen and after a restart', async () => {
  const server = running.current;
  const rt = await room();
  const people = await Promise.all(
    Array.from({ length: 200 }, (_, i) => join(server.url, rt.code, `Delegate ${i + 1}`)),
  );
  const phones = people.map((p) => connect(server.url, rt.id, p.token));
  await Promise.all(phones.map(connected));
  const { pollId = '' } = await command(rt, { type: 'poll.start', setup: agreement });
  await Promise.all(phones.map((phone) => nextState(phone, (s) => s.polls.some((p) => p.id === pollId))));

  // Phone i answers i % 3; every fifth then changes its mind to "abstain": 200 votes and 40 changes, all at once.
  const acks = await Promise.all(
    phones.map((phone, i) => send(phone, { type: 'poll.vote', pollId, choices: [i % 3] })),
  );
  expect(acks.filter((a) => !a.ok)).toEqual([]);
  const changes = phones.filter((_, i) => i % 5 === 0);
  const changed = await Promise.all(changes.map((phone) => send(phone, { type: 'poll.vote', pollId, choices: [2] })));
  expect(changed.filter((a) => !a.ok)).toEqual([]);

  const expected = [0, 1, 2].map(
    (c) => Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 2 : i % 3)).filter((v) => v === c).length,
  );
  expect(expected.reduce((a, b) => a + b)).toBe(200);
  const moderatorView = (await state(rt)).polls[0];
  expect(moderatorView).toMatchObject({ counts: expected, answered: 200 });
  expect(moderatorView?.ballots).toHaveLength(200);
  // Every phone's copy, built from the patches it was sent, has the same counts, and no ballot.
  const { version } = await state(rt);
  const seen = await Promise.all(phones.map((phone) => nextState(phone, (s) => s.version >= version)));
  for (const s of seen) expect(s.polls[0]).toMatchObject({ counts: expected, answered: 200, ballots: [] });

  await command(rt, { type: 'poll.close', pollId });
  await server.restart();
  expect((await state(rt)).polls[0]).toMatchObject({ counts: expected, answered: 200 });
  const refused = await post<CommandAck>(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: 0, command: { type: 'poll.vote', pollId, choices: [0] } },
    people[1]!.token,
  );
  expect(refused.body).toMatchObject({ ok: false, reason: 'poll_closed' });
}, 60_000);

it('stores a contribution before it acknowledges it', async () => {
  const server = running.current;
  const rt = await room();
  const person = await join(server.url, rt.code, 'Әсел Қуанышқызы', undefined, { name: 'Europol' });
  const phone = connect(server.url, rt.id, person.token);
  await connected(phone);
  const text = 'Шекара қызметтері ортақ дерекқорды қажет етеді.';
  const ack = await send(phone, { type: 'contribution.submit', topic: 'item', text });
  expect(ack).toMatchObject({ ok: true });
  // Read back from the database file by a second connection, as the next process would.
  const store = openSqliteStore(server.dataDir);
  try {
    expect((await store.load(rt.id))?.contributions.items).toEqual([
      expect.objectContaining({ text, itemId: rt.itemId, participantId: person.body.participantId, status: 'new' }),
    ]);
  } finally {
    await store.close();
  }
});

it('never names an anonymous poll’s voters: not in any view, the event log, the minutes or the stored state', async () => {
  const server = running.current;
  const rt = await room();
  const people = await Promise.all(
    ['Ana', 'Ben', 'Cem'].map((name) => join(server.url, rt.code, name, undefined, { name: 'Europol' })),
  );
  const { secret: rapporteur = '' } = await command(rt, { type: 'link.create', role: 'rapporteur', label: '' });
  const { pollId = '' } = await command(rt, { type: 'poll.start', setup: { ...agreement, anonymous: true } });
  for (const [i, p] of people.entries()) await command(rt, { type: 'poll.vote', pollId, choices: [i % 2] }, p.token);
  const ids = people.map((p) => p.body.participantId as string);
  const reveals = (text: string) => ids.filter((id) => text.includes(id));

  for (const key of [rt.key, rapporteur, people[0]!.token]) {
    const view = await state(rt, key);
    expect(view.polls[0]).toMatchObject({ counts: [2, 1, 0], answered: 3, ballots: [] });
    expect(reveals(JSON.stringify(view.polls))).toEqual([]);
  }
  const log = await (await get(rt, 'events')).text();
  expect(log).toContain('poll.voted');
  expect(reveals(log.slice(log.indexOf('poll.started')))).toEqual([]);

  // While it is open the database must hold the ballots (a changed vote replaces one), but never log their senders.
  const votes = stored(server.dataDir, "SELECT * FROM events WHERE type = 'poll.voted'");
  expect(votes).toContain('secret');
  expect(reveals(votes)).toEqual([]);
  expect(reveals(ballotRows(server.dataDir))).not.toEqual([]);

  await command(rt, { type: 'poll.close', pollId });
  const minutes = await (await get(rt, 'minutes.md')).text();
  expect(minutes).toContain('Poll: Can we agree on this lesson? — Agree 2 (67 %), Disagree 1 (33 %), Abstain 0');
  expect(minutes).toContain('3 answered, anonymous');
  // Closed, nothing on disk names a voter: not the state, not a stored difference, not the log.
  expect(reveals(ballotRows(server.dataDir))).toEqual([]);
  await command(rt, { type: 'poll.start', setup: agreement });
  expect(reveals(ballotRows(server.dataDir))).toEqual([]);
});

it('writes a closed poll’s result into its item’s section of the outcome document, once', async () => {
  const server = running.current;
  const rt = await room();
  const ana = await join(server.url, rt.code, 'Ana', undefined, { name: 'Frontex' });
  const { pollId = '' } = await command(rt, {
    type: 'poll.start',
    setup: { question: 'Which threat first?', preset: 'choice', options: ['Cyber', 'Borders'], voters: 'delegation' },
  });
  await command(rt, { type: 'poll.vote', pollId, choices: [1] }, ana.token);
  await command(rt, { type: 'poll.close', pollId });
  await command(rt, { type: 'poll.record', pollId });
  const markdown = async () => (await get(rt, 'document.md')).text();
  const line = '**Poll: Which threat first?** — Cyber 0 (0 %), Borders 1 (100 %) — 1 answered, one vote per delegation';
  await expect.poll(markdown).toContain(line);
  const doc = await markdown();
  // In the item's section: after its heading, before the closing "Key lessons learned".
  expect(doc.indexOf('Lessons learned')).toBeLessThan(doc.indexOf(line));
  expect(doc.indexOf(line)).toBeLessThan(doc.indexOf('Key lessons learned'));
  const again = await post<CommandAck>(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: 0, command: { type: 'poll.record', pollId } },
    rt.key,
  );
  expect(again.body).toMatchObject({ ok: false, reason: 'poll_recorded' });
  await server.restart();
  // Polled: the first request after a restart may meet a keep-alive connection of the old process.
  await expect.poll(async () => (await markdown()).split(line).length).toBe(2);
});

it('refuses a hostile vote readably and counts nothing', async () => {
  const server = running.current;
  const rt = await room();
  const ana = await join(server.url, rt.code, 'Ana');
  const { pollId = '' } = await command(rt, {
    type: 'poll.start',
    setup: { preset: 'choice', options: ['A', 'B', 'C'], multiple: true },
  });
  const hostile: unknown[] = [
    [-1],
    [1.5],
    [Number.NaN],
    [null],
    ['0'],
    [0, 0],
    [3],
    [1e308],
    Array.from({ length: 100_000 }, () => 0),
    Array.from({ length: 9 }, (_, i) => i),
    'all',
    { 0: 0 },
  ];
  const votes = [
    ...hostile.map((choices) => ({ type: 'poll.vote', pollId, choices })),
    { type: 'poll.vote', pollId: 'nope', choices: [0] },
    { type: 'poll.vote', pollId: 'x'.repeat(5000), choices: [0] },
  ];
  for (const vote of votes) {
    const { body } = await post<CommandAck>(
      server.url,
      `/api/roundtables/${rt.id}/commands`,
      { baseVersion: 0, command: vote },
      ana.token,
    );
    expect(body, JSON.stringify(vote).slice(0, 80)).toMatchObject({ ok: false, code: expect.any(String) });
    expect(body.ok ? '' : body.message, JSON.stringify(vote).slice(0, 80)).toMatch(/^[A-Z].{10,}/);
  }
  expect((await state(rt)).polls[0]).toMatchObject({ counts: [0, 0, 0], answered: 0 });
});
