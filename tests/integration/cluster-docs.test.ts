import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { YJS_MESSAGE, type Failure, type StateView } from '@roundtable/shared';
import { createRoundtable, join, post } from '../support/clients.js';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { missingFrom, onStored, storedDoc, storedUpdates } from '../support/clusterDocs.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { seededRandom } from '../support/random.js';

// Three real nodes on one PostgreSQL database and one Redis, for the whole file: each test has its own roundtable.
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3);
}, 60_000);
afterAll(() => cluster.stop());
afterEach(closeDocuments);

const node = (i: number) => cluster.nodes[i]?.url ?? '';
type Opened = ReturnType<typeof openDocument>;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function command(url: string, id: string, key: string, body: Record<string, unknown>) {
  const state = (await (await fetch(`${url}/api/roundtables/${id}`, { headers: auth(key) })).json()) as StateView;
  const res = await post<{ ok: boolean; result?: { secret?: string } }>(
    url,
    `/api/roundtables/${id}/commands`,
    { baseVersion: state.version, command: body },
    key,
  );
  expect(res.body).toMatchObject({ ok: true });
  return res.body.result ?? {};
}

/** A roundtable made on node 0, with two rapporteur links minted there. */
async function roundtable() {
  const rt = await createRoundtable(node(0));
  const mint = async () =>
    (await command(node(0), rt.roundtableId, rt.moderatorSecret, { type: 'link.create', role: 'rapporteur' })).secret ??
    '';
  return { ...rt, id: rt.roundtableId, rapporteurs: [await mint(), await mint()] as const };
}

/** Many small insertions at random places, each a token of its own, at a pace that lets both sides interleave. */
async function type(
  opened: Opened,
  tag: string,
  count: number,
  random: (n: number) => number,
  every?: (i: number) => void,
) {
  const text = opened.doc.getText('notes');
  for (let i = 0; i < count; i++) {
    // Between tokens, never inside one, so that each stays whole and can be found.
    const between = [0, ...[...text.toString().matchAll(/>/g)].map((m) => m.index + 1)];
    text.insert(between[random(between.length)] ?? 0, `<${tag}${i}>`);
    every?.(i);
    await new Promise((resolve) => setTimeout(resolve, random(4)));
  }
}
const tokens = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `<${tag}${i}>`);
const notes = (o: Opened) => o.doc.getText('notes').toString();

/**
 * Every "stored" a client is sent, checked against PostgreSQL as it arrives: all it says is stored must
 * already be there. `latest` is the last one, to tell when a client's own edits are all stored.
 */
function watchStored(opened: Opened, dbUrl: string, roundtableId: string) {
  const seen = { latest: null as Y.Snapshot | null, count: 0, checks: [] as Promise<Record<number, number>>[] };
  onStored(opened, (snapshot) => {
    seen.latest = snapshot;
    seen.count += 1;
    seen.checks.push(storedDoc(dbUrl, roundtableId).then((doc) => missingFrom(Y.snapshot(doc).sv, snapshot.sv)));
  });
  return seen;
}
type Watched = ReturnType<typeof watchStored>;
/** Whether the last "stored" covers every insertion this client's copy holds. */
const allStored = (seen: Watched, opened: Opened) =>
  seen.latest !== null && Object.keys(missingFrom(seen.latest.sv, Y.snapshot(opened.doc).sv)).length === 0;

it('lets two rapporteurs on two nodes co-edit: they converge, "stored" means in PostgreSQL, a third node sees all', async () => {
  const rt = await roundtable();
  const random = seededRandom();
  const a = openDocument(node(0), rt.id, rt.rapporteurs[0]);
  const b = openDocument(node(1), rt.id, rt.rapporteurs[1]);
  const [seenA, seenB] = [watchStored(a, cluster.db.url, rt.id), watchStored(b, cluster.db.url, rt.id)];
  await Promise.all([a.synced, b.synced]);
  await Promise.all([type(a, 'A', 80, random), type(b, 'B', 80, random)]);
  const all = [...tokens('A', 80), ...tokens('B', 80)];
  await expect
    .poll(() => notes(a) === notes(b) && all.every((t) => notes(a).includes(t)), { timeout: 15_000 })
    .toBe(true);

  // Each one's own edits are all said to be stored, and were in PostgreSQL whenever it was said.
  await expect.poll(() => allStored(seenA, a) && allStored(seenB, b), { timeout: 15_000 }).toBe(true);
  for (const seen of [seenA, seenB]) {
    expect(seen.count).toBeGreaterThan(0);
    expect(await Promise.all(seen.checks)).toEqual(seen.checks.map(() => ({})));
  }
  const stored = (await storedDoc(cluster.db.url, rt.id)).getText('notes').toString();
  for (const t of all) expect(stored).toContain(t);

  const c = openDocument(node(2), rt.id, rt.rapporteurs[0]);
  await c.synced;
  expect(notes(c)).toBe(notes(a));
});

const nameOf = (seer: Opened, of: Opened) =>
  (seer.provider.awareness.getStates().get(of.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name;

it('shows a rapporteur’s caret and name to one on another node, and takes them away when that one is gone', async () => {
  const rt = await roundtable();
  const a = openDocument(node(0), rt.id, rt.rapporteurs[0]);
  const b = openDocument(node(1), rt.id, rt.rapporteurs[1]);
  await Promise.all([a.synced, b.synced]);
  a.provider.awareness.setLocalStateField('user', { name: 'Aigerim', color: '#1f77b4' });
  b.provider.awareness.setLocalStateField('user', { name: 'Pieter', color: '#ff7f0e' });
  b.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 5 });
  await expect.poll(() => nameOf(a, b)).toBe('Pieter');
  await expect.poll(() => nameOf(b, a)).toBe('Aigerim');
  expect(a.provider.awareness.getStates().get(b.doc.clientID)).toMatchObject({ cursor: { anchor: 2, head: 5 } });

  // Its network vanishes: no goodbye from the client, so it is node 1 that must tell node 0.
  b.provider.shouldConnect = false;
  (b.provider.ws as unknown as WebSocket).terminate();
  await expect.poll(() => a.provider.awareness.getStates().has(b.doc.clientID)).toBe(false);
  expect(nameOf(a, a)).toBe('Aigerim');
});

const PHONE = 'Ольга Смирнова-Ветрова';

function paragraph(doc: Y.Doc, words: string) {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words);
  p.insert(0, [text]);
  doc.getXmlFragment('default').insert(1, [p]);
}

it('closes the editors on every node when one node erases personal data; a stale copy cannot bring names back', async () => {
  const rt = await roundtable();
  await join(node(0), rt.joinCode, PHONE, undefined, { name: 'Europol' });
  const markdown = async (i: number) =>
    (await fetch(`${node(i)}/api/roundtables/${rt.id}/document.md`, { headers: auth(rt.moderatorSecret) })).text();
  const writer = openDocument(node(1), rt.id, rt.rapporteurs[0]);
  const closed = new Promise<number>((resolve) => writer.provider.on('connection-close', (e) => resolve(e?.code ?? 0)));
  await writer.synced;
  paragraph(writer.doc, `${PHONE} (Europol): we support the joint centre.`);
  await expect.poll(() => markdown(0)).toContain(PHONE);
  // What the editor's browser keeps while the moderator erases on another node.
  const kept = Y.encodeStateAsUpdate(writer.doc);
  // It goes on typing her name until it is closed: none of it may outlive the erasure.
  let typing = true;
  void closed.then(() => (typing = false));
  const keepTyping = (async () => {
    for (let i = 0; typing && i < 2000; i++) {
      paragraph(writer.doc, `${PHONE} again ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();

  await command(node(0), rt.id, rt.moderatorSecret, { type: 'roundtable.erasePersonalData' });
  expect(await closed).toBe(4403);
  await keepTyping;
  for (const i of [0, 1, 2]) expect(await markdown(i)).not.toContain(PHONE);

  const back = openDocument(node(1), rt.id, rt.rapporteurs[1]);
  const refused = new Promise<string>((resolve) => {
    back.provider.messageHandlers[YJS_MESSAGE.error] = (_encoder, decoder) =>
      resolve((JSON.parse(decoding.readVarString(decoder)) as Failure).reason);
  });
  await back.synced;
  Y.applyUpdate(back.doc, kept);
  expect(await refused).toBe('document_erased');
  for (const i of [0, 1, 2]) expect(await markdown(i)).not.toContain(PHONE);
  // Not in any stored byte either: an update of the old copy stored late would not show in the document.
  const stored = Buffer.concat(await storedUpdates(cluster.db.url, rt.id));
  expect(stored.includes(Buffer.from(PHONE))).toBe(false);
  expect(stored.byteLength).toBeGreaterThan(0);
});

// Last: it leaves node 1 dead, and starting it again would only cost time.
it('moves a rapporteur to another node when its node is killed mid-burst: nothing it saw stored is lost', async () => {
  const rt = await roundtable();
  const random = seededRandom();
  const a = openDocument(node(0), rt.id, rt.rapporteurs[0]);
  const b = openDocument(node(1), rt.id, rt.rapporteurs[1]);
  const [seenA, seenB] = [watchStored(a, cluster.db.url, rt.id), watchStored(b, cluster.db.url, rt.id)];
  await Promise.all([a.synced, b.synced]);
  // As a proxy would, once the node is gone: the same client, reconnecting, now reaches node 0. Held back
  // until the store is checked, so that what node 1 said was stored is checked before b resends anything.
  const lost = new Promise<void>((resolve) =>
    b.provider.on('connection-close', () => {
      b.provider.shouldConnect = false;
      resolve();
    }),
  );
  const victim = cluster.nodes[1];
  await Promise.all([type(a, 'A', 40, random), type(b, 'B', 40, random)]);
  await expect.poll(() => seenB.count).toBeGreaterThan(0);
  // Mid-burst: with something said to be stored, and more typed on both sides, on its way or not sent yet.
  let killed: Promise<void> | undefined;
  await Promise.all([
    type(a, 'C', 60, random),
    type(b, 'D', 60, random, (i) => {
      if (i === 10) killed = victim?.kill('SIGKILL');
    }),
  ]);
  await killed;
  await lost;
  const sawStored = seenB.latest;
  expect(sawStored).not.toBeNull();
  const held = await storedDoc(cluster.db.url, rt.id);
  expect(missingFrom(Y.snapshot(held).sv, sawStored?.sv ?? new Map())).toEqual({});

  b.provider.serverUrl = `${node(0).replace('http', 'ws')}/yjs`;
  b.provider.connect();
  const all = [...tokens('A', 40), ...tokens('B', 40), ...tokens('C', 60), ...tokens('D', 60)];
  await expect
    .poll(() => notes(a) === notes(b) && all.every((t) => notes(a).includes(t)), { timeout: 15_000 })
    .toBe(true);
  await expect.poll(() => allStored(seenA, a) && allStored(seenB, b), { timeout: 15_000 }).toBe(true);
  for (const seen of [seenA, seenB]) expect(await Promise.all(seen.checks)).toEqual(seen.checks.map(() => ({})));
  const stored = (await storedDoc(cluster.db.url, rt.id)).getText('notes').toString();
  for (const t of all) expect(stored).toContain(t);
});
