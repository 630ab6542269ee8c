import { beforeEach, expect, it } from 'vitest';
import { BASIC_ROUNDTABLE, createRoundtable, join, post } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

// The routes and commands of the afternoon after the event, tried as a stranger would: wrong types,
// deep nesting, huge bodies, the wrong role, another roundtable's ids. Every answer is a failure with a
// reason, and the server still serves.

const running = useServer();
let server: TestServer;
beforeEach(() => {
  server = running.current;
});

const get = (path: string, key?: string) =>
  fetch(`${server.url}/api${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
const FILES = ['minutes.md', 'minutes.docx', 'minutes.pdf', 'document.pdf', 'speeches.csv', 'statistics.csv'];

it('refuses a next edition asked for with a body of the wrong shape, too deep, too large, or by the wrong key', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const other = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const phone = await join(server.url, rt.joinCode, 'Stranger');
  const path = `/api/roundtables/${rt.roundtableId}/editions`;
  for (const body of [{ startsAt: 42 }, { startsAt: 'tomorrow' }, [], 'null', { title: { en: 7 } }]) {
    const answer = await post<{ ok: boolean; reason: string }>(server.url, path, body, rt.moderatorSecret);
    expect(answer.status, JSON.stringify(body)).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, reason: expect.any(String) });
  }
  expect((await post(server.url, path, { startsAt: deep(200) }, rt.moderatorSecret)).status).toBe(400);
  const huge = JSON.stringify({ startsAt: '2027-12-03T09:30', title: { en: 'x'.repeat(2_000_000) } });
  expect((await post(server.url, path, huge, rt.moderatorSecret)).status).toBe(413);
  const valid = { startsAt: '2027-12-03T09:30' };
  expect((await post(server.url, path, valid, phone.token)).status).toBe(403);
  expect((await post(server.url, path, valid)).status).toBe(401);
  // Another roundtable's moderator key opens nothing here.
  expect((await post(server.url, path, valid, other.moderatorSecret)).status).toBe(401);
  expect((await get(`/roundtables/${rt.roundtableId}`, rt.moderatorSecret)).status).toBe(200);
});

it('serves the exports and the series only to their own roundtable’s keys, whatever the path and language', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const other = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const phone = await join(server.url, rt.joinCode, 'Stranger');
  for (const file of FILES) {
    const own = await get(`/roundtables/${rt.roundtableId}/${file}?lang=xx`, rt.moderatorSecret);
    expect(own.status, file).toBe(200);
    await own.arrayBuffer();
    expect((await get(`/roundtables/${rt.roundtableId}/${file}`, other.moderatorSecret)).status, file).toBe(401);
    expect((await get(`/roundtables/${rt.roundtableId}/${file}`)).status, file).toBe(401);
  }
  const forbidden = await get(`/roundtables/${rt.roundtableId}/minutes.md`, phone.token);
  expect(forbidden.status).toBe(403);
  expect(await forbidden.json()).toMatchObject({ ok: false, reason: 'minutes_forbidden' });
  // Another series' edition, an unknown one, and a path that is not an export.
  for (const editionId of [other.roundtableId, 'nope', '..%2F..%2Fetc']) {
    const answer = await get(`/roundtables/${rt.roundtableId}/series/${editionId}/minutes.md`, rt.moderatorSecret);
    expect([403, 404], editionId).toContain(answer.status);
    expect(await answer.json()).toMatchObject({ ok: false, reason: expect.any(String) });
  }
  expect((await get(`/roundtables/${rt.roundtableId}/series`, phone.token)).status).toBe(403);
  expect((await get(`/roundtables/${rt.roundtableId}`, rt.moderatorSecret)).status).toBe(200);
});

it('refuses review commands of the wrong shape or from the wrong person, and nothing changes', async () => {
  const rt = await createRoundtable(server.url, BASIC_ROUNDTABLE);
  const phone = await join(server.url, rt.joinCode, 'Stranger');
  const state = async () =>
    (await (await get(`/roundtables/${rt.roundtableId}`, rt.moderatorSecret)).json()) as {
      version: number;
    };
  const { version } = await state();
  const send = (command: unknown, key: string) =>
    post<{ ok: boolean; reason: string }>(
      server.url,
      `/api/roundtables/${rt.roundtableId}/commands`,
      { baseVersion: version, command },
      key,
    );
  const commands: [unknown, string][] = [
    [{ type: 'review.open', deadline: 'soon' }, rt.moderatorSecret],
    [{ type: 'review.open', deadline: Date.now() + 60_000 }, phone.token],
    [{ type: 'review.respond', sectionId: 'x', response: 'veto' }, phone.token],
    [{ type: 'review.respond', sectionId: deep(100), response: 'endorse' }, phone.token],
    [{ type: 'review.respond', sectionId: 'x', response: 'object', text: 'y'.repeat(5_000) }, phone.token],
    [{ type: 'review.finalise' }, phone.token],
    [{ type: 'roundtable.end' }, phone.token],
    [{ type: 'participant.setHead', participantId: 'someone-else', head: true }, rt.moderatorSecret],
  ];
  for (const [command, key] of commands) {
    const answer = await send(command, key);
    expect(answer.body, JSON.stringify(command).slice(0, 80)).toMatchObject({ ok: false, reason: expect.any(String) });
  }
  expect((await state()).version).toBe(version);
});
