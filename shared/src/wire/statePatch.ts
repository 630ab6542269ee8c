import type { StatePatch } from './patchSchema.js';
import type { SyncAck } from '../protocol.js';
import type { StateView } from '../view.js';
import { SPEECH_KINDS } from '../kinds.js';
import { LANGS } from '../langs.js';
import { WireMismatch, wireDiff, wirePatch, type Codes, type WireNode } from './wireDiff.js';
import { RefMismatch, withRefs, withoutRefs } from './refs.js';
import { UnknownShape, lengthen, shorten } from './shape.js';

type Node = StatePatch[1];

/**
 * The keys whose values travel as places in a closed list (wireDiff.ts), wherever they are in the state:
 * a kind (of a request, the floor, a speech) among the kinds, a language among the languages, and a
 * delegation among those of the version a patch is made from, which the server and the phone both hold.
 * The kinds and languages only grow at their end, like shape.ts's tables, so a place keeps its meaning.
 */
const codesOf = (from: StateView): Codes =>
  new Map<string, readonly string[]>([
    ['kind', SPEECH_KINDS],
    ['language', LANGS],
    ['delegationId', from.delegations.map((d) => d.id)],
  ]);

/** The diff's own layers, each in its file: keys by letter (shape.ts), values named once (refs.ts). */
function encode(diff: Node): Node {
  let short: Node = diff;
  try {
    short = shorten(diff);
  } catch (error) {
    // A key no table can write (none in a parsed state): sent long, which reads the same.
    if (!(error instanceof UnknownShape)) throw error;
  }
  return withRefs(short);
}

/**
 * The version travels once, beside `from`: the diff leaves it out and `follow` sets it. A patch one
 * version on, as nearly all are, leaves it out too: it is `from + 1`.
 */
export function statePatch(from: StateView, to: StateView): StatePatch {
  // Two objects: their difference is an object node, or nothing.
  const d = encode((wireDiff({ ...from, version: to.version }, to, codesOf(from)) as Node | undefined) ?? {});
  return to.version === from.version + 1 ? [from.version, d] : [from.version, d, to.version];
}

/** The version a patch makes. */
export const patchVersion = (p: StatePatch): number => p[2] ?? p[0] + 1;

/**
 * The state after `p`, or why it does not apply: `stale` when the held state is already as new
 * (ignore it), `gap` when the held state is not the one it was made from (ask for the state).
 */
export function follow(held: StateView | null | undefined, p: StatePatch): StateView | 'stale' | 'gap' {
  // No roundtable id: a connection is opened for one roundtable and is given its state whole first.
  if (!held) return 'gap';
  const [from, d] = p;
  const version = patchVersion(p);
  if (version <= held.version) return 'stale';
  if (from !== held.version) return 'gap';
  try {
    const next = wirePatch({ ...held, version }, lengthen(withoutRefs(d)) as WireNode, codesOf(held));
    return typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as StateView) : 'gap';
  } catch (error) {
    if (error instanceof WireMismatch || error instanceof UnknownShape || error instanceof RefMismatch) return 'gap';
    throw error;
  }
}

/**
 * The state a client holds, fed with `state` and `patch` messages as they arrive on its connection.
 * A whole `state` is the server's word and replaces what is held, even at an older version: after
 * a reconnection or a change of role it is the room's version, the one its next patch is made
 * from. A patch that does not apply makes it ask for the state (`sync`, one request at a time); a
 * patch for a version already held changes nothing.
 */
export class StateFollower {
  #held: StateView | null = null;
  #syncing = false;

  constructor(
    private readonly sync: (since: number) => Promise<SyncAck | null>,
    private readonly changed: (state: StateView) => void,
  ) {}

  get held(): StateView | null {
    return this.#held;
  }

  state(state: StateView): void {
    this.#held = state;
    this.changed(state);
  }

  patch(p: StatePatch): void {
    const next = follow(this.#held, p);
    if (next === 'gap') void this.#resync();
    else if (next !== 'stale') this.state(next);
  }

  async #resync(): Promise<void> {
    if (this.#syncing) return;
    this.#syncing = true;
    try {
      const reply = await this.sync(this.#held?.version ?? 0);
      if (reply?.ok && 'state' in reply) this.state(reply.state);
    } finally {
      this.#syncing = false;
    }
  }
}
