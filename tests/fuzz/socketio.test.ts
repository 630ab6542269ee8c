import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommandAck, DomainEvent, RecordedEvent } from '@roundtable/shared';
import { closeAll, connect, connected, createRoundtable, join, send, type TestSocket } from '../support/clients.js';
import { openRawSession, type RawSocket } from '../support/rawSocket.js';
import { startServer, type TestServer } from '../support/server.js';
import { emit, moderatorOnly, rawFrame, type Emit } from './garbage.js';
import { announce, fuzzParameters, runsFor } from './settings.js';

/** Messages per fast-check run: emits from every role, raw frames, then one valid command each. */
const EMITS = 16;
const FRAMES = 8;
const ACK_TIMEOUT_MS = 5_000;

let server: TestServer;
let roundtableId: string;
type Role = 'moderator' | 'projector' | 'rapporteur' | 'participant';
const sockets = {} as Record<Role, TestSocket>;
const keys = {} as Record<Role, string>;
let participantId: string;
const raw = {} as Record<Role, RawSocket>;

beforeAll(async () => {
  // Limits on rate and connections are tested elsewhere; here they would only refuse valid traffic.
  server = await startServer({ commandRateLimit: 100_000, connectionsPerKey: 1_000 });
  const rt = await createRoundtable(server.url);
  roundtableId = rt.roundtableId;
  keys.moderator = rt.moderatorSecret;
  sockets.moderator = connect(server.url, roundtableId, keys.moderator);
  await connected(sockets.moderator);
  for (const role of ['projector', 'rapporteur'] as const) {
    const ack = await send(sockets.moderator, { type: 'link.create', role, label: role });
    if (!ack.ok || !ack.result?.secret) throw new Error(`no ${role} link`);
    keys[role] = ack.result.secret;
  }
  const phone = await join(server.url, rt.joinCode, 'Aigerim');
  keys.participant = phone.token;
  participantId = phone.body.participantId;
  for (const role of ['projector', 'rapporteur', 'participant'] as const) {
    sockets[role] = connect(server.url, roundtableId, keys[role]);
    await connected(sockets[role]);
  }
  setupVersion = (await eventsSince(0)).at(-1)!.version;
});
afterAll(async () => {
  closeAll();
  for (const r of Object.values(raw)) r.ws.terminate();
  await server.stop();
});

const version = () => sockets.moderator.latest?.version ?? 0;
let setupVersion = 0;

async function eventsSince(since: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let from = since; ;) {
    const res = await fetch(`${server.url}/api/roundtables/${roundtableId}/events?since=${from}`, {
      headers: { authorization: `Bearer ${keys.moderator}` },
    });
    const { events } = (await res.json()) as { events: RecordedEvent[] };
    if (events.length === 0) return all;
    all.push(...events);
    from = events.at(-1)!.version;
  }
}

const describeEvent = (event: DomainEvent): string =>
  event.type === 'roundtable.updated'
    ? `${event.type} ${event.info.venue ?? ''}`
    : event.type === 'participant.updated'
      ? `${event.type} ${event.participant.function}`
      : event.type;

/** Sends one emit as a hostile client would; with an ack, it must be answered, and never by a change. */
async function hostile(socket: TestSocket, { event, args, ack }: Emit): Promise<void> {
  const send = (socket.emit as unknown as (...a: unknown[]) => void).bind(socket);
  if (!ack) return send(event, ...args);
  const answer = await new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${String(event)}`)), ACK_TIMEOUT_MS);
    send(event, ...args, (reply: unknown) => (clearTimeout(timer), resolve(reply)));
  });
  if (event === 'command') expect(answer).toMatchObject({ ok: false });
}

/** A raw session per role, opened again whenever the server closed it for a frame it could not read. */
async function rawFor(role: Role): Promise<RawSocket> {
  const open = raw[role];
  if (open && open.ws.readyState === open.ws.OPEN) return open;
  raw[role] = await openRawSession(server.url, roundtableId, keys[role]);
  return raw[role];
}

const ROLES: Role[] = ['moderator', 'projector', 'rapporteur', 'participant'];
const accepted: string[] = [];

it('no message of any shape, from any role, stops the server or changes anything but what valid commands do', async () => {
  announce('socket.io');
  const validFrame = `421${JSON.stringify(['command', { baseVersion: 1, command: { type: 'floor.next' } }])}`;
  const oneRun = fc.record({
    emits: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...ROLES), emit(participantId, version)) },
        fc.tuple(
          fc.constantFrom<Role>('projector', 'rapporteur', 'participant'),
          moderatorOnly(version).map((envelope): Emit => ({ event: 'command', args: [envelope], ack: true })),
        ),
      ),
      { minLength: EMITS, maxLength: EMITS },
    ),
    frames: fc.array(fc.tuple(fc.constantFrom(...ROLES), rawFrame(validFrame)), {
      minLength: FRAMES,
      maxLength: FRAMES,
    }),
  });
  let run = 0;
  await fc.assert(
    fc.asyncProperty(oneRun, async ({ emits, frames }) => {
      for (const [role, message] of emits) await hostile(sockets[role], message);
      for (const [role, frame] of frames) (await rawFor(role)).send(frame);
      // Valid traffic beside it is still served: the moderator's change lands and the phone's too.
      const name = `Fuzz ${run++}`;
      // A change with no limit on how often it can be made: the long `pnpm fuzz` run makes thousands.
      const ack: CommandAck = await send(sockets.moderator, { type: 'roundtable.update', info: { venue: name } });
      expect(ack).toMatchObject({ ok: true });
      accepted.push(name);
      const own = await send(sockets.participant, {
        type: 'participant.update',
        participantId,
        profile: { function: name },
      });
      expect(own).toMatchObject({ ok: true });
    }),
    fuzzParameters(runsFor(EMITS + FRAMES)),
  );

  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  // The log since the set-up holds exactly the valid commands' events, in order: garbage changed nothing.
  const events = await eventsSince(setupVersion);
  expect(events.map(({ event }) => describeEvent(event))).toEqual(
    accepted.flatMap((name) => [`roundtable.updated ${name}`, `participant.updated ${name}`]),
  );
  // A fresh connection starts from its room's version and is patched to the newest within the window.
  const fresh = connect(server.url, roundtableId, keys.moderator);
  await expect.poll(() => fresh.latest?.venue).toBe(accepted.at(-1));
  expect(fresh.latest?.delegations.map((d) => d.name)).toEqual(['Europol', 'Frontex']);
  expect(fresh.latest?.joinLocked).toBe(false);
});
