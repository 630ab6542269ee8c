import type { WireNode } from './wireDiff.js';
import { isObject, put, type Json } from './json.js';

/**
 * The state's own keys travel as one letter each (`queueOrder` costs a phone 3 bytes, not 12): the
 * top level's, the queue's, which changes with every request, the floor's, which changes with every
 * speaker, an agenda item's and its runs', which change with every item, a request's, a person's,
 * a place's in `queueOrder`, and a poll's and its ballots', which change with every vote. A floor, a discussed speech, a request, a person or a place that
 * comes whole comes as its values alone, in the order of its table (a floor given, or the first
 * request into an empty queue, costs no key at all); a table's optional keys come last, and an object
 * without them comes as its first values. These tables only grow at their end, so letters and places
 * already given keep their meaning. Every key of these objects is longer than a letter, so a letter
 * never stands for itself.
 */
export interface Shape {
  readonly keys: readonly string[];
  /** The shapes of some keys' values: an object, or the entries of a list. */
  readonly inner?: { readonly [key: string]: Shape };
  /** Comes whole as a list of its values in the order of `keys`, when it holds the first of them (optional keys last). */
  readonly byPlace?: boolean;
  /** The value is a list of such objects, not one. */
  readonly list?: boolean;
}

const RUN: Shape = { keys: ['start', 'end'], byPlace: true, list: true };
const ITEM: Shape = {
  keys: [
    ...['title', 'notes', 'kind', 'plannedMinutes', 'fixedStart', 'invitedSpeakers', 'speakingLimits'],
    ...['orderingPolicy', 'id', 'status', 'runs', 'extendedMinutes', 'rev'],
  ],
  inner: { runs: RUN },
  list: true,
};
const REQUEST: Shape = {
  keys: ['id', 'participantId', 'kind', 'topic', 'itemId', 'requestedAt', 'replyTo', 'yieldedTo'],
  byPlace: true,
  list: true,
};
const QUEUE: Shape = {
  keys: ['requests', 'manualOrder', 'closed', 'discussed', 'undo'],
  inner: { requests: REQUEST, discussed: { keys: ['speechId', 'itemId'], byPlace: true } },
};
const FLOOR: Shape = {
  keys: ['speechId', 'participantId', 'kind', 'topic', 'itemId', 'startedAt', 'limitMs', 'extendedMs', 'pauses'],
  inner: { pauses: RUN },
  byPlace: true,
};
const PERSON: Shape = {
  keys: [
    ...['id', 'name', 'function', 'delegationId', 'language', 'role', 'status', 'joinedAt'],
    ...['email', 'note', 'speaker', 'arrivedAt', 'invitation'],
    'erasedAt',
  ],
  inner: { invitation: { keys: ['serial', 'locked', 'claimedAt', 'movedAt'], byPlace: true } },
  byPlace: true,
  list: true,
};
const PLACE: Shape = { keys: ['id', 'reason'], byPlace: true, list: true };
const BALLOT: Shape = { keys: ['voter', 'by', 'choices', 'at'], byPlace: true, list: true };
const POLL: Shape = {
  keys: [
    ...['id', 'itemId', 'question', 'preset', 'options', 'multiple', 'anonymous', 'voters', 'openedAt'],
    ...['closedAt', 'ballots', 'counts', 'answered', 'recordedAt'],
  ],
  inner: { ballots: BALLOT },
  byPlace: true,
  list: true,
};
export const STATE_SHAPE: Shape = {
  keys: [
    ...['title', 'description', 'startsAt', 'timeZone', 'venue', 'organisers', 'languages', 'id', 'version'],
    ...['createdAt', 'joinCode', 'joinLocked', 'delegations', 'participants', 'links', 'agenda', 'currentItemId'],
    ...['floorSettings', 'queue', 'floor', 'projector', 'documentPublished', 'speeches', 'participantCount'],
    'queueOrder',
    ...['series', 'endedAt', 'review', 'polls', 'contributions', 'invitationOnly', 'remarks'],
    ...['personalDataErasedAt', 'retentionDays', 'privacyNotice'],
  ],
  inner: { queue: QUEUE, floor: FLOOR, agenda: ITEM, participants: PERSON, queueOrder: PLACE, polls: POLL },
};

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Thrown for a node that no table names: a patch from another build; the follower asks for the state. */
export class UnknownShape extends Error {}

/** One direction of the translation: `SHORT` to send, `LONG` to read. */
interface Way {
  /** The key as this way writes it, and its long name (to find its inner shape). */
  rename(key: string, shape: Shape): { name: string; long: string };
  /** One whole object of the shape. */
  entry(value: unknown, shape: Shape): unknown;
}

/** A whole value of the shape: one object, or a list of them. */
const whole = (value: unknown, shape: Shape, way: Way): unknown =>
  shape.list && Array.isArray(value) ? value.map((v) => way.entry(v, shape)) : way.entry(value, shape);

function renamed(value: Json, shape: Shape, way: Way, sub: (v: unknown, inner: Shape) => unknown): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const { name, long } = way.rename(key, shape);
    if (name === '__proto__') throw new UnknownShape('a key named __proto__');
    const inner = shape.inner && Object.hasOwn(shape.inner, long) ? shape.inner[long] : undefined;
    out[name] = inner ? sub(v, inner) : v;
  }
  return out;
}

const SHORT: Way = {
  rename(key, shape) {
    const i = shape.keys.indexOf(key);
    return { name: i >= 0 && i < LETTERS.length ? LETTERS.charAt(i) : key, long: key };
  },
  entry(value, shape) {
    if (!isObject(value)) return value;
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    const inner = (key: string) => shape.inner?.[key];
    // By place when its keys are the table's first ones: a table's optional keys come last.
    const first = shape.keys.slice(0, keys.length);
    if (shape.byPlace && keys.length === first.length && first.every((k) => Object.hasOwn(value, k)))
      return first.map((k) => (inner(k) ? whole(value[k], inner(k) as Shape, SHORT) : value[k]));
    return renamed(value, shape, SHORT, (v, s) => whole(v, s, SHORT));
  },
};

const LONG: Way = {
  rename(key, shape) {
    const name = key.length === 1 ? shape.keys[LETTERS.indexOf(key)] : key;
    if (name === undefined) throw new UnknownShape(`no key named ${key}`);
    return { name, long: name };
  },
  entry(value, shape) {
    if (isObject(value)) return renamed(value, shape, LONG, (v, s) => whole(v, s, LONG));
    if (!Array.isArray(value) || !shape.byPlace) return value;
    if (value.length > shape.keys.length) throw new UnknownShape('too many values');
    const out: Json = {};
    value.forEach((v, i) => {
      const key = shape.keys[i] as string;
      const inner = shape.inner?.[key];
      out[key] = inner ? whole(v, inner, LONG) : v;
    });
    return out;
  },
};

/** A diff node of one object of the shape: its diff by key, or the object whole. */
function entryNode(n: unknown, shape: Shape, way: Way): unknown {
  if (isObject(n)) return renamed(n, shape, way, (v, s) => node(v, s, way));
  return Array.isArray(n) && n.length === 1 ? [way.entry(n[0], shape)] : n;
}

/** A diff node of a value of the shape (one object, or a list of them), renamed one way. */
function node(n: unknown, shape: Shape, way: Way): unknown {
  if (!shape.list || !Array.isArray(n)) return entryNode(n, shape, way);
  if (n.length === 1) return [whole(n[0], shape, way)];
  if (n[0] === 1) return [1, n[1], ...n.slice(2).map((sub) => entryNode(sub, shape, way))];
  // A list of entries: changes by id and entries that come whole are renamed; the rest has no keys.
  return n.map((op: unknown, i) => {
    if (i === 0) return op;
    if (isObject(op)) {
      const out: Json = {};
      for (const [id, sub] of Object.entries(op)) put(out, id, entryNode(sub, shape, way));
      return out;
    }
    // An entry that comes whole: an object, or its values by place.
    return Array.isArray(op) && op.length === 1 && (isObject(op[0]) || Array.isArray(op[0]))
      ? [way.entry(op[0], shape)]
      : op;
  });
}

/** The state's diff with its keys shortened and whole floors laid out by place. */
export const shorten = (diff: Record<string, WireNode>): Record<string, WireNode> =>
  node(diff, STATE_SHAPE, SHORT) as Record<string, WireNode>;

/** The diff as `shorten` had it; throws UnknownShape for a letter no table has. */
export const lengthen = (diff: Record<string, WireNode>): Record<string, WireNode> =>
  node(diff, STATE_SHAPE, LONG) as Record<string, WireNode>;
