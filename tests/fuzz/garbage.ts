import fc from 'fast-check';

/**
 * Generators of what a hostile or broken client sends over Socket.IO. Every command they make is
 * invalid by construction (a strict schema's extra key, a wrong type, an unknown type, a bad
 * version, a role that may not send it), so none may change anything.
 */

/** Valid commands, with each field's wrong-typed replacement: the shapes the mutations start from. */
export const SHAPES = (participantId: string) => [
  { type: 'delegation.add', name: 'Interpol', defaultLanguage: null },
  { type: 'joining.setLocked', locked: true },
  { type: 'queue.request', kind: 'speech', topic: 'Borders' },
  { type: 'participant.update', participantId, profile: { function: 'Expert' } },
  { type: 'floor.next' },
  { type: 'projector.show', view: { mode: 'agenda' } },
  { type: 'agenda.add', fields: { title: { en: 'Block' }, kind: 'discussion', plannedMinutes: 20 } },
  { type: 'poll.start', setup: { question: 'Agree?', preset: 'agreement' } },
  { type: 'poll.vote', pollId: 'poll1', choices: [0] },
  { type: 'contribution.submit', topic: 'lessons', text: 'A lesson' },
  { type: 'contribution.mark', contributionId: 'c1', status: 'used' },
  {
    type: 'invitee.import',
    invitees: [{ name: 'Dana', function: '', delegation: 'OSCE', language: 'en', role: 'head', email: '', note: '' }],
  },
  { type: 'invitation.claim', participantId },
  { type: 'participant.setArrived', participantId, arrived: true },
  { type: 'remarks.submit', language: 'ru', text: 'Уважаемые коллеги' },
  { type: 'participant.forget', participantId },
];

/** Well-formed commands only a moderator may send: from any other role they are refused, never applied. */
export const moderatorOnly = (version: () => number): fc.Arbitrary<unknown> =>
  fc
    .constantFrom(
      { type: 'delegation.add', name: 'Interpol', defaultLanguage: null },
      { type: 'joining.setLocked', locked: true },
      { type: 'floor.next' },
      { type: 'projector.show', view: { mode: 'agenda' } },
      { type: 'poll.start', setup: { question: 'Agree?', preset: 'agreement' } },
      { type: 'contribution.setClosed', closed: true },
      { type: 'joining.setInvitationOnly', only: true },
      { type: 'invitation.reissue', participantId: 'p1' },
      { type: 'roundtable.erasePersonalData' },
      { type: 'remarks.set', participantId: 'p1', language: 'en', text: 'Remarks' },
    )
    .map((command) => ({ baseVersion: version(), command }));

type Json = Record<string, unknown>;

const wrongTypeOf = (value: unknown): fc.Arbitrary<unknown> =>
  typeof value === 'string'
    ? fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }))
    : typeof value === 'boolean'
      ? fc.oneof(fc.string({ maxLength: 5 }), fc.integer())
      : fc.oneof(fc.string({ maxLength: 5 }), fc.boolean(), fc.double());

/** A value nested `depth` levels deep, built without recursion. */
export function nested(depth: number, array: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__":{"ok":true,"role":"moderator"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
  JSON.parse('{"baseVersion":1,"command":{"type":"delegation.add","name":"x","__proto__":{"x":1}}}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'y' },
);

const badVersion = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.constantFrom(1.5, 1e12, Number.MAX_SAFE_INTEGER, null, '1', NaN, Infinity, -Infinity),
);

/** A valid shape broken one way: always refused by the envelope's or the command's strict schema. */
export const brokenEnvelope = (participantId: string, version: () => number): fc.Arbitrary<unknown> =>
  fc.constantFrom(...SHAPES(participantId)).chain((shape) => {
    const fields = Object.keys(shape).filter((k) => k !== 'type');
    return fc.oneof(
      fc.string({ maxLength: 8 }).map((key) => ({
        baseVersion: version(),
        command: { ...shape, [`x${key}`]: 1 },
      })),
      fc
        .string({ maxLength: 30 })
        .map((type) => ({ baseVersion: version(), command: { ...shape, type: `no.${type}` } })),
      badVersion.map((baseVersion) => ({ baseVersion, command: shape })),
      ...(fields.length > 0
        ? [
            fc.constantFrom(...fields).chain((field) =>
              wrongTypeOf((shape as Json)[field]).map((wrong) => ({
                baseVersion: version(),
                command: { ...shape, [field]: wrong },
              })),
            ),
          ]
        : []),
      fc.constant({ baseVersion: version(), command: [shape] }),
      fc.constant({ baseVersion: version() }),
      fc.constant({ baseVersion: version(), command: shape, extra: true }),
    );
  });

/** Any argument at all: JSON of every kind, huge strings, deep nesting, prototype keys, binary. */
export const anyArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }),
  fc.jsonValue({ maxDepth: 3 }),
  // socket.io-client stringifies recursively: deeper nesting is sent as raw frames (see rawFrame).
  fc.integer({ min: 33, max: 600 }).chain((d) => fc.boolean().map((a) => nested(d, a))),
  // Over the 64 KiB message limit, yet three of them stay under the 1 MiB packet ceiling that closes a connection.
  fc.integer({ min: 40_000, max: 120_000 }).map((n) => 'Ә'.repeat(n)),
  prototypeKeys,
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(NaN, Infinity, -0, undefined, null, ''),
);

export const eventName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('command', 'sync', 'clock', 'command', 'sync'),
  fc.string({ maxLength: 60 }),
  fc.integer(),
  fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'onAny'),
);

/** One emit: an event, its arguments (too few, too many, wrong), and whether it asks for an ack. */
export interface Emit {
  event: unknown;
  args: unknown[];
  ack: boolean;
}

export const emit = (participantId: string, version: () => number): fc.Arbitrary<Emit> =>
  fc.record({
    event: eventName,
    args: fc.oneof(
      fc.tuple(brokenEnvelope(participantId, version)),
      fc.tuple(anyArgument),
      fc.array(anyArgument, { maxLength: 3 }),
      fc.tuple(brokenEnvelope(participantId, version), anyArgument),
    ),
    ack: fc.boolean(),
  });

/** Raw Engine.IO / Socket.IO text and binary frames: truncated, another namespace, garbage. */
export const rawFrame = (validFrame: string): fc.Arbitrary<string | Buffer> =>
  fc.oneof(
    fc.constantFrom(
      '42',
      '42[',
      '42[]',
      '42[null]',
      '42[{}]',
      '42[1.5]',
      '42[123,"x"]',
      '42["disconnect"]',
      '42["connect",{}]',
      '42["__proto__",{}]',
      '421',
      '421[123]',
      '42["command"',
      '40/admin,',
      '42/admin,["command",{}]',
      '41',
      '43[]',
      '431[]',
      '45-["command"]',
      '451-["command",{"_placeholder":true,"num":0}]',
      '452-["sync",{"_placeholder":true,"num":7}]',
      '46',
      '49',
      '4{}',
      '0',
      '3',
      '6',
      '2probe',
      '',
    ),
    fc.string({ maxLength: 200 }),
    fc.string({ maxLength: 40 }).map((s) => `42${s}`),
    fc.nat({ max: validFrame.length - 1 }).map((n) => validFrame.slice(0, n)),
    fc
      .integer({ min: 33, max: 20_000 })
      .map((depth) => `42["command",{"baseVersion":1,"command":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]`),
    fc.uint8Array({ maxLength: 128 }).map((bytes) => Buffer.from(bytes)),
  );
