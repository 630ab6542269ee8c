import { afterEach, beforeEach, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { StateView } from '@roundtable/shared';
import { BASIC_ROUNDTABLE, connect, connected, createRoundtable, join, post } from '../support/clients.js';
import { useServer, type TestServer } from '../support/server.js';

// Who was connected during which agenda item (issue 16): recorded by the server, shown in the minutes.
const running = useServer();
let server: TestServer;
const pollers: Socket[] = [];
beforeEach(() => {
  server = running.current;
});
afterEach(() => {
  for (const s of pollers.splice(0)) s.disconnect();
});

const api = (rt: { id: string; key: string }, path: string) =>
  fetch(`${server.url}/api/roundtables/${rt.id}${path}`, { headers: { authorization: `Bearer ${rt.key}` } });

async function command(rt: { id: string; key: string }, body: Record<string, unknown>) {
  const { version } = (await (await api(rt, '')).json()) as StateView;
  const res = await post(
    server.url,
    `/api/roundtables/${rt.id}/commands`,
    { baseVersion: version, command: body },
    rt.key,
  );
  expect(res.body).toMatchObject({ ok: true });
}

/** The minutes in Markdown, once the server answers (after a restart, a pooled connection may fail first). */
async function minutes(rt: { id: string; key: string }): Promise<string> {
  const read = async () => {
    const res = await api(rt, '/minutes.md').catch(() => null);
    return res?.ok ? res.text() : '';
  };
  let md = '';
  await expect.poll(async () => (md = await read())).not.toBe('');
  return md;
}

/** A phone behind a proxy that refuses WebSocket: long-polling, the same server's other door. */
function poll(roundtableId: string, token: string): Promise<Socket> {
  const socket = io(server.url, {
    auth: { roundtableId, token },
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
  });
  pollers.push(socket);
  return new Promise((resolve) => socket.once('state', () => resolve(socket)));
}

it('records who was connected during each item, shows it in the minutes and keeps it across a restart', async () => {
  const created = await createRoundtable(server.url, {
    ...BASIC_ROUNDTABLE,
    agenda: [
      { title: { en: 'Opening remarks' }, kind: 'opening', plannedMinutes: 20 },
      { title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Closing' }, kind: 'closing', plannedMinutes: 10 },
    ],
  });
  const rt = { id: created.roundtableId, key: created.moderatorSecret };
  const a = await join(server.url, created.joinCode, 'Aigerim Nurlanovna', undefined, { name: 'Europol' });
  const b = await join(server.url, created.joinCode, 'Bruno Keller', undefined, { name: 'Frontex' });
  await join(server.url, created.joinCode, 'Chen Wei', undefined, { name: 'Frontex' });
  const [first = '', second = '', third = ''] = ((await (await api(rt, '')).json()) as StateView).agenda.map(
    (i) => i.id,
  );
  const moderator = connect(server.url, rt.id, rt.key);
  const online: string[][] = [];
  moderator.on('presence', (ids) => online.push(ids));
  await connected(moderator);

  const phoneA = connect(server.url, rt.id, a.token);
  await connected(phoneA);
  await command(rt, { type: 'agenda.start', itemId: first }); // A is online
  await command(rt, { type: 'agenda.start', itemId: second }); // finishes the first
  await poll(rt.id, b.token); // B joins during the second
  await expect.poll(() => online.at(-1)?.toSorted()).toEqual([a.body.participantId, b.body.participantId].toSorted());
  phoneA.disconnect();
  await expect.poll(() => online.at(-1)).toEqual([b.body.participantId]);
  await command(rt, { type: 'agenda.start', itemId: third }); // B is still online, A is not

  const expected = [
    '- Aigerim Nurlanovna, Expert — items: 1–2',
    '- Bruno Keller, Expert — items: 2–3',
    '- Chen Wei, Expert — not connected during any item',
    'Present: 1 (Europol 1)',
    'Present: 2 (Europol 1, Frontex 1)',
    'Present: 1 (Frontex 1)',
  ];
  const before = await minutes(rt);
  for (const line of expected) expect(before).toContain(line);
  const counts = [...before.matchAll(/^Present: .*$/gm)].map((m) => m[0]);
  expect(counts).toEqual(['Present: 1 (Europol 1)', 'Present: 2 (Europol 1, Frontex 1)', 'Present: 1 (Frontex 1)']);

  await server.restart();
  const after = await minutes(rt);
  for (const line of expected) expect(after).toContain(line);
  expect(after).toContain('numbered as under Proceedings');
});
