import { expect } from 'vitest';
import { patchVersion, type Command, type CommandAck, type StatePatch, type StateView } from '@roundtable/shared';
import { connect, connected, join, post, startDemo, type TestSocket } from './clients.js';

/** A command through a node's HTTP API, as a script or an integration would send it. */
export async function command(url: string, roundtableId: string, key: string, cmd: Command): Promise<CommandAck> {
  const res = await post<CommandAck>(
    url,
    `/api/roundtables/${roundtableId}/commands`,
    { baseVersion: 0, command: cmd },
    key,
  );
  return res.body;
}

export async function read(url: string, roundtableId: string, key: string): Promise<StateView> {
  const res = await fetch(`${url}/api/roundtables/${roundtableId}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as StateView;
}

export interface Discussion {
  roundtableId: string;
  joinCode: string;
  /** The moderator's secret: it reads the whole state (the moderators' view) and may do anything. */
  key: string;
}

/** The Astana scenario, created through `url`, with its first thematic discussion taking requests. */
export async function discussion(url: string): Promise<Discussion> {
  const demo = await startDemo(url);
  const state = await read(url, demo.roundtableId, demo.moderatorSecret);
  const item = state.agenda[1];
  if (!item) throw new Error('no discussion item');
  expect(
    await command(url, demo.roundtableId, demo.moderatorSecret, { type: 'agenda.start', itemId: item.id }),
  ).toMatchObject({ ok: true });
  return { roundtableId: demo.roundtableId, joinCode: demo.joinCode, key: demo.moderatorSecret };
}

export interface Phone {
  socket: TestSocket;
  participantId: string;
  token: string;
}

/** A person who joined through `url` and whose phone is connected to it. */
export async function phone(url: string, room: Discussion, name: string): Promise<Phone> {
  const joined = await join(url, room.joinCode, name);
  expect(joined.body).toMatchObject({ participantId: expect.any(String), pending: false });
  const socket = connect(url, room.roundtableId, joined.token);
  await connected(socket);
  return { socket, participantId: joined.body.participantId, token: joined.token };
}

export async function moderator(url: string, room: Discussion): Promise<TestSocket> {
  const socket = connect(url, room.roundtableId, room.key);
  await connected(socket);
  return socket;
}

/** What a socket received, in order: whole states and patches, each with the version it made. */
export function recordFeed(socket: TestSocket): { kind: 'state' | 'patch'; from?: number; version: number }[] {
  const feed: { kind: 'state' | 'patch'; from?: number; version: number }[] = [];
  socket.on('state', (s: StateView) => feed.push({ kind: 'state', version: s.version }));
  socket.on('patch', (p: StatePatch) => feed.push({ kind: 'patch', from: p[0], version: patchVersion(p) }));
  return feed;
}

/** The accepted commands' versions: each exactly once, one after another from `initial`, none left out. */
export function expectOneHistory(acks: CommandAck[], initial: number): number {
  const versions = acks.flatMap((a) => (a.ok ? [a.version] : [])).sort((x, y) => x - y);
  expect(versions).toEqual(versions.map((_, i) => initial + 1 + i));
  return initial + versions.length;
}
