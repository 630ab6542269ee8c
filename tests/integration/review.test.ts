import { beforeEach, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { YJS_MESSAGE, type Failure, type StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { closeDocuments, openDocument, openRawDocument } from '../support/documents.js';
import { useServer, type TestServer } from '../support/server.js';

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
  return closeDocuments;
});

const HOUR = 3_600_000;
const api = async (path: string, key: string) =>
  fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${key}` } });
const stateOf = async (id: string, key: string) => (await (await api(`/roundtables/${id}`, key)).json()) as StateView;
const markdown = async (id: string, key: string) => (await api(`/roundtables/${id}/document.md`, key)).text();
const versions = async (id: string, key: string) =>
  (
    (await (await api(`/roundtables/${id}/document/versions`, key)).json()) as {
      versions: { id: string; name: string }[];
    }
  ).versions;
const versionText = async (id: string, key: string, vid: string) =>
  ((await (await api(`/roundtables/${id}/document/versions/${vid}`, key)).json()) as { markdown: string }).markdown;

/** The state once the restarted server answers (a pooled connection to the old one may fail first). */
async function settled(id: string, key: string): Promise<StateView> {
  let state: StateView | null = null;
  await expect.poll(async () => (state = await stateOf(id, key).catch(() => null))).not.toBeNull();
  return state as unknown as StateView;
}

async function command(id: string, key: string, cmd: object) {
  const { version } = await stateOf(id, key);
  return (
    await post<{ ok: boolean; reason?: string; result?: { secret?: string } }>(
      server.url,
      `/api/roundtables/${id}/commands`,
      { baseVersion: version, command: cmd },
      key,
    )
  ).body;
}

function writeParagraph(doc: Y.Doc, words: string) {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, words);
  p.insert(0, [text]);
  const fragment = doc.getXmlFragment('default');
  fragment.insert(Math.min(1, fragment.length), [p]);
}

/** Sends one real update over a raw document socket and resolves with the refusal the server answers. */
function refusedUpdate(ws: WebSocket, words: string): Promise<Failure> {
  const doc = new Y.Doc();
  writeParagraph(doc, words);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, YJS_MESSAGE.sync);
  encoding.writeVarUint(e, 2); // sync "update"
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return new Promise((resolve) => {
    ws.on('message', (data: ArrayBuffer | Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer));
      if (decoding.readVarUint(decoder) !== YJS_MESSAGE.error) return;
      const failure = JSON.parse(decoding.readVarString(decoder)) as Failure;
      if (failure.reason.endsWith('_frozen')) resolve(failure);
    });
    ws.once('open', () => ws.send(encoding.toUint8Array(e)));
  });
}

it('runs a review: an objection, a revision, a second round endorsed and finalised, across restarts', async () => {
  const rt = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [{ title: { en: 'Border security' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const id = rt.roundtableId;
  const mod = rt.moderatorSecret;
  const europol = await join(server.url, rt.joinCode, 'Head Europol', undefined, { name: 'Europol' });
  const frontex = await join(server.url, rt.joinCode, 'Head Frontex', undefined, { name: 'Frontex' });
  for (const head of [europol, frontex]) {
    expect(
      await command(id, mod, { type: 'participant.setHead', participantId: head.body.participantId, head: true }),
    ).toMatchObject({ ok: true });
  }
  const rapporteur = await command(id, mod, { type: 'link.create', role: 'rapporteur', label: 'Note-takers' });
  const rapKey = rapporteur.result?.secret ?? '';

  const writer = openDocument(server.url, id, mod);
  await writer.synced;
  writeParagraph(writer.doc, 'First draft of the lessons');
  await expect.poll(() => markdown(id, mod)).toContain('First draft of the lessons');

  // Round 1 opens: the document freezes and its draft is saved under the name and id the state gives.
  expect(await command(id, mod, { type: 'review.open', deadline: Date.now() + HOUR })).toMatchObject({ ok: true });
  let state = await stateOf(id, mod);
  expect(state.review).toMatchObject({ status: 'open', round: 1 });
  const draft1 = (await versions(id, mod)).find((v) => v.id === state.review.draftVersionId);
  expect(draft1?.name).toBe('Draft for review');
  expect(await versionText(id, mod, draft1?.id ?? '')).toContain('First draft of the lessons');

  // Nobody's update is applied now: the editor's reconnected provider, and a raw socket told why.
  const refused = await refusedUpdate(openRawDocument(server.url, id, rapKey), 'Sneaked in during review');
  expect(refused).toMatchObject({ code: 'forbidden', reason: 'review_frozen' });
  writeParagraph(writer.doc, 'Typed by the moderator while frozen');
  const phone = openDocument(server.url, id, europol.token); // a participant reads the draft under review
  await phone.synced;
  expect(phone.doc.getXmlFragment('default').toString()).toContain('First draft of the lessons');
  expect(await markdown(id, mod)).not.toMatch(/Sneaked|while frozen/);

  const [section, ...others] = state.review.sections;
  const respond = (key: string, sectionId: string, response: string, text = '') =>
    command(id, key, { type: 'review.respond', sectionId, response, text });
  expect(await respond(frontex.token, section ?? '', 'object', 'The figures in paragraph 1 are wrong.')).toMatchObject({
    ok: true,
  });
  for (const s of state.review.sections) expect(await respond(europol.token, s, 'endorse')).toMatchObject({ ok: true });
  expect(await respond(frontex.token, section ?? '', 'endorse', 'Too late?')).toMatchObject({ ok: true });
  expect(await respond(frontex.token, section ?? '', 'object', 'No: the figures are wrong.')).toMatchObject({
    ok: true,
  });

  // A restart in the middle of the round loses nothing.
  closeDocuments();
  await server.restart();
  state = await settled(id, mod);
  expect(state.review.status).toBe('open');
  const frontexId = state.participants.find((p) => p.id === frontex.body.participantId)?.delegationId;
  expect(state.review.responses.filter((r) => r.delegationId === frontexId)).toEqual([
    expect.objectContaining({ sectionId: section, response: 'object', text: 'No: the figures are wrong.' }),
  ]);
  expect(state.review.responses).toHaveLength(state.review.sections.length + 1);
  expect((await versions(id, mod)).map((v) => v.name)).toContain('Draft for review');

  // The rapporteurs reopen writing and revise; round 2 opens afresh.
  expect(await command(id, rapKey, { type: 'review.reopen' })).toMatchObject({ ok: true });
  const reviser = openDocument(server.url, id, rapKey);
  await reviser.synced;
  writeParagraph(reviser.doc, 'Revised figures agreed with Frontex');
  await expect.poll(() => markdown(id, mod)).toContain('Revised figures agreed with Frontex');
  expect(await command(id, mod, { type: 'review.open', deadline: Date.now() + HOUR })).toMatchObject({ ok: true });
  state = await stateOf(id, mod);
  expect(state.review).toMatchObject({ round: 2, responses: [] });
  for (const s of [section ?? '', ...others]) {
    expect(await respond(europol.token, s, 'endorse')).toMatchObject({ ok: true });
    expect(await respond(frontex.token, s, 'endorse')).toMatchObject({ ok: true });
  }
  expect(await command(id, rapKey, { type: 'review.finalise' })).toMatchObject({ reason: 'role_forbidden' });
  expect(await command(id, mod, { type: 'review.finalise' })).toMatchObject({ ok: true });

  await server.restart();
  state = await settled(id, mod);
  const final = state.review.final;
  expect(state.review.status).toBe('final');
  expect(new Set(final?.endorsedBy)).toEqual(new Set(state.delegations.map((d) => d.id)));
  const named = await versions(id, mod);
  expect(named.find((v) => v.id === final?.versionId)?.name).toBe('Final');
  expect(named.map((v) => v.name)).toContain('Draft for review (round 2)');
  expect(await versionText(id, mod, final?.versionId ?? '')).toContain('Revised figures agreed with Frontex');
  expect(await respond(europol.token, section ?? '', 'object', 'Changed our mind')).toMatchObject({
    reason: 'review_final',
  });
  const after = await refusedUpdate(openRawDocument(server.url, id, mod), 'After the end');
  expect(after.reason).toBe('final_frozen');
  expect(await markdown(id, mod)).not.toContain('After the end');
});
