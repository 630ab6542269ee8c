import type { StatePatch } from './patchSchema.js';
import type { SyncAck } from '../protocol.js';
import type { StateView } from '../view.js';
import { WireMismatch, wireDiff, wirePatch, type WireNode } from './wireDiff.js';
import { RefMismatch, withRefs, withoutRefs } from './refs.js';
import { UnknownShape, lengthen, shorten } from './shape.js';

type Node = StatePatch['d'];

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

/** The version travels once, beside `from`: the diff leaves it out and `follow` sets it. */
export function statePatch(from: StateView, to: StateView): StatePatch {
  // Two objects: their difference is an object node, or nothing.
  const d = (wireDiff({ ...from, version: to.version }, to) as Node | undefined) ?? {};
  return { f: from.version, v: to.version, d: encode(d) };
}

/**
 * The state after `p`, or why it does not apply: `stale` when the held state is already as new
 * (ignore it), `gap` when the held state is not the one it was made from (ask for the state).
 */
export function follow(held: StateView | null | undefined, p: StatePatch): StateView | 'stale' | 'gap' {
  // No roundtable id: a connection is opened for one roundtable and is given its state whole first.
  if (!held) return 'gap';
  if (p.v <= held.version) return 'stale';
  if (p.f !== held.version) return 'gap';
  try {
    const next = wirePatch({ ...held, version: p.v }, lengthen(withoutRefs(p.d)) as WireNode);
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
