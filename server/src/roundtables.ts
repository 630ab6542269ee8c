import {
  CommandEnvelope,
  apply,
  actorFor,
  describeIssues,
  erasureOf,
  patch,
  type Diff,
  refusal,
  type Actor,
  type CommandResult as CommandResultOf,
  type CommandAck,
  type Credential,
  type DomainEvent,
  type Erasure,
  type Failure,
  type RoundtableState,
} from '@roundtable/shared';
import type { Logger } from 'pino';
import { newId } from './secrets.js';
import { StoreArchivedError, StoreConflictError, type NewCredential, type Store } from './store/store.js';
import { commitOf, mintSecrets, type Binding } from './commandWrite.js';
import { SerialQueue } from './serialQueue.js';

export type { Binding } from './commandWrite.js';

/**
 * An accepted change, after it is on disk: what the realtime layer broadcasts and acts on. `here`: this
 * node committed it; else another did and this one learnt it from the store (its events may span versions).
 */
export interface Applied {
  roundtableId: string;
  /** The version before, as this node held it. */
  previous: RoundtableState;
  state: RoundtableState;
  events: DomainEvent[];
  origin: 'here' | 'elsewhere';
}

/** One version as another node made it: its difference from the version before, and its events. */
export interface Change {
  from: number;
  diff: Diff;
  events: DomainEvent[];
}

/** How often a command is tried again on a newer version after another node committed first. */
const ATTEMPTS = 12;
/**
 * After each lost race a command waits a random time below this, doubled per loss: a node that keeps
 * committing a burst from its cached state would otherwise win every race against one that must first
 * read what it missed (forty phones joining through two nodes at once lost commands after eight tries).
 */
const BACKOFF_MS = 4;
const MAX_BACKOFF_MS = 250;
/** The most events a node reads at once when it learns versions another node made. */
const CATCH_UP_EVENTS = 100_000;
const CONFLICT = Symbol('conflict');

/** Who sends a command: a stored credential, re-resolved against the state at every command. */
export type Sender = { credential: Credential } | { visitor: true };

/** A command's sender; a credential also brings the base of any link its command mints (see links.ts). */
export type CommandSender =
  | { credential: Credential; linkBase: string }
  | { visitor: true }
  /** The server itself, acting on a rule of its own (retention.ts): no credential stands behind it. */
  | { system: Actor };

/** The next state from a difference another node sent, or none when it does not fit this one (then: the store). */
function patched(state: RoundtableState, change: Diff): RoundtableState | undefined {
  try {
    return patch(state, change) as RoundtableState;
  } catch {
    return undefined;
  }
}

/**
 * The roundtables in memory, backed by the store. The one path every change takes:
 * parse → who → apply (which checks can()) → persist → remember → notify. No rule lives here.
 */
export class Roundtables {
  private readonly cache = new Map<string, RoundtableState>();
  private readonly listeners = new Set<(applied: Applied) => unknown>();
  private readonly evictions = new Set<(roundtableId: string, failure: Failure, here: boolean) => void>();
  /** When each roundtable in memory was last asked for (forgetIdle). */
  private readonly used = new Map<string, number>();
  private erasing: ((roundtableId: string, erasure: Erasure) => Promise<void>) | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /**
   * `listener` runs for every version, in order; what it returns a promise for (a document edit, a named
   * version) is finished before the command is acknowledged, so an ack means all of it is stored.
   */
  onApplied(listener: (applied: Applied) => unknown): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A roundtable that is served: an archived one (operator.ts) is nobody's until it is restored. */
  async get(id: string): Promise<RoundtableState | undefined> {
    this.used.set(id, Date.now());
    const cached = this.cache.get(id);
    if (cached) return cached;
    if ((await this.store.archivedAt(id)) !== null) return undefined;
    const loaded = await this.store.load(id);
    // Another call may have loaded (or changed) it meanwhile: the one in memory is the newer.
    const now = this.cache.get(id);
    if (now) return now;
    if (loaded) this.cache.set(id, loaded);
    return loaded;
  }

  /** The roundtable if it is in memory (a session just authenticated against it), without waiting for the store. */
  cached(id: string): RoundtableState | undefined {
    return this.cache.get(id);
  }

  /** A roundtable as stored, archived or not, without keeping it in memory: for the operator's list. */
  async peek(id: string): Promise<RoundtableState | undefined> {
    return this.cache.get(id) ?? (await this.store.load(id));
  }

  /**
   * Scrubs what lives outside the state (the outcome document and its versions) before an erasure is
   * committed: should it fail, nothing is erased yet and the command is refused, to be tried again.
   */
  onErasing(eraser: (roundtableId: string, erasure: Erasure) => Promise<void>): void {
    this.erasing = eraser;
  }

  /**
   * Told when a roundtable leaves memory for good (archived, deleted): its open sessions end, told why.
   * `here`: the operator did it on this node, which then tells the others.
   */
  onEvicted(listener: (roundtableId: string, failure: Failure, here: boolean) => void): () => void {
    this.evictions.add(listener);
    return () => this.evictions.delete(listener);
  }

  /** Forgets the roundtable and ends what is open on it; get() loads it again only if it is served. */
  evict(id: string, failure: Failure, here = true): void {
    this.cache.delete(id);
    this.used.delete(id);
    for (const listener of this.evictions) {
      try {
        listener(id, failure, here);
      } catch (error) {
        this.log.error({ err: error, roundtableId: id }, 'eviction listener failed');
      }
    }
  }

  actorOf(state: RoundtableState, sender: Sender): { ok: true; actor: Actor } | Failure {
    if ('visitor' in sender) return { ok: true, actor: { kind: 'visitor', role: 'visitor' } };
    const resolved = actorFor(state, sender.credential);
    return resolved;
  }

  /** Records a brand-new roundtable (see create.ts) and keeps it in memory. */
  async remember(state: RoundtableState, events: DomainEvent[], credentials: NewCredential[]): Promise<void> {
    await this.store.create(state, events, credentials);
    this.cache.set(state.id, state);
  }

  /**
   * Runs one command. `bind` may add credentials to the same write (a joining device's token),
   * so a person never exists without the key that brings them back, or make a device theirs alone.
   */
  execute(
    roundtableId: string,
    sender: CommandSender,
    raw: unknown,
    bind?: (result: CommandResultOf) => Binding | Promise<Binding>,
  ): Promise<CommandAck> {
    const parsed = CommandEnvelope.safeParse(raw);
    if (!parsed.success) return Promise.resolve(refusal('invalid_command', { details: describeIssues(parsed.error) }));
    return this.queue.run(roundtableId, () => this.run(roundtableId, sender, parsed.data, bind));
  }

  /**
   * Another node committed `version`: a roundtable held here learns it, in turn with this node's own
   * commands, and tells its listeners as if it had made them. From `change` when it follows the version
   * held here (a difference applied, no store read: a 2,000-person state takes 20 ms to load); else, or
   * when it does not fit, every version missed is read from the store.
   */
  learn(roundtableId: string, version: number, change?: Change): Promise<void> {
    const held = this.cache.get(roundtableId);
    if (!held || held.version >= version) return Promise.resolve();
    return this.queue.run(roundtableId, async () => {
      const now = this.cache.get(roundtableId);
      if (!now || now.version >= version) return;
      const next = change && now.version === change.from ? patched(now, change.diff) : undefined;
      if (next?.version !== version || !change) return this.catchUp(roundtableId);
      this.cache.set(roundtableId, next);
      await this.notify({ roundtableId, previous: now, state: next, events: change.events, origin: 'elsewhere' });
    });
  }

  /** Every roundtable in memory learns what the store holds newer (after Redis was lost, versions may have gone by). */
  recheck(): Promise<void[]> {
    return Promise.all(
      [...this.cache.keys()].map(async (id) => {
        // An archive or a deletion told while Redis was down changed no version: asked here.
        const archivedAt = await this.store.archivedAt(id);
        if (archivedAt === undefined) return this.evict(id, refusal('roundtable_deleted'), false);
        if (archivedAt !== null) return this.evict(id, refusal('roundtable_archived'), false);
        return this.queue.run(id, () => this.catchUp(id));
      }),
    );
  }

  /** Lets go of the roundtables nobody here uses and nobody asked for in `idleMs`: memory holds the ones in use. */
  forgetIdle(inUse: (roundtableId: string) => boolean, idleMs: number): string[] {
    const before = Date.now() - idleMs;
    const idle = [...this.cache.keys()].filter(
      (id) => (this.used.get(id) ?? 0) < before && !inUse(id) && !this.queue.busy(id),
    );
    for (const id of idle) {
      this.cache.delete(id);
      this.used.delete(id);
    }
    return idle;
  }

  /** One command, tried again on the newest version while another node keeps committing first. */
  private async run(
    roundtableId: string,
    sender: CommandSender,
    envelope: CommandEnvelope,
    bind?: (result: CommandResultOf) => Binding | Promise<Binding>,
  ): Promise<CommandAck> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const ack = await this.attempt(roundtableId, sender, envelope, bind);
      if (ack !== CONFLICT) return ack;
      const backoff = Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, backoff));
      await this.catchUp(roundtableId);
    }
    this.log.error({ roundtableId, attempts: ATTEMPTS }, 'a command lost every race to other nodes');
    return refusal('not_saved');
  }

  /** The versions another node committed since the one held here, read from the store and passed on. */
  private async catchUp(roundtableId: string): Promise<void> {
    const held = this.cache.get(roundtableId);
    if (!held) return;
    const stored = await this.store.load(roundtableId);
    if (!stored) return void this.cache.delete(roundtableId);
    if (stored.version <= held.version) return;
    const recorded = await this.store.events(roundtableId, held.version, CATCH_UP_EVENTS);
    const events = recorded.filter((r) => r.version <= stored.version).map((r) => r.event);
    this.cache.set(roundtableId, stored);
    await this.notify({ roundtableId, previous: held, state: stored, events, origin: 'elsewhere' });
  }

  /** One command against the state in memory, which no other command of this roundtable changes meanwhile. */
  private async attempt(
    roundtableId: string,
    sender: CommandSender,
    { command, baseVersion }: CommandEnvelope,
    bind?: (result: CommandResultOf) => Binding | Promise<Binding>,
  ): Promise<CommandAck | typeof CONFLICT> {
    const state = await this.get(roundtableId);
    if (!state) return refusal('roundtable_not_found');
    const who = 'system' in sender ? { ok: true as const, actor: sender.system } : this.actorOf(state, sender);
    if (!who.ok) return who;
    const now = Date.now();
    const outcome = apply(state, command, { actor: who.actor, now, newId, baseVersion });
    if (!outcome.ok) return outcome;
    if (outcome.events.length === 0)
      return { ok: true, version: state.version, ...(outcome.result ? { result: outcome.result } : {}) };
    const minted = mintSecrets(roundtableId, outcome.events, 'linkBase' in sender ? sender.linkBase : undefined);
    const bound = (await bind?.(outcome.result ?? {})) ?? {};
    const erasure = erasureOf(outcome.events, state, outcome.state) ?? undefined;
    try {
      if (erasure) await this.erasing?.(roundtableId, erasure);
      await this.store.commit(
        commitOf({ roundtableId, state, outcome, actor: who.actor, at: now, minted, bound, erasure }),
      );
    } catch (error) {
      if (error instanceof StoreConflictError) return CONFLICT;
      if (error instanceof StoreArchivedError) {
        // Archived (here or on another node) while the command waited: it is nobody's until restored.
        this.cache.delete(roundtableId);
        return refusal('roundtable_archived');
      }
      this.log.error({ err: error, roundtableId, command: command.type }, 'commit failed');
      this.cache.delete(roundtableId);
      return refusal('not_saved');
    }
    this.cache.set(roundtableId, outcome.state);
    if (erasure) await this.checkpoint(roundtableId);
    await this.notify({ roundtableId, previous: state, state: outcome.state, events: outcome.events, origin: 'here' });
    return { ok: true, version: outcome.state.version, result: { ...outcome.result, ...minted.result } };
  }

  /** The erased text leaves the write-ahead log too (secure_delete overwrote it in the database itself). */
  private async checkpoint(roundtableId: string): Promise<void> {
    try {
      await this.store.checkpoint();
    } catch (error) {
      this.log.error({ err: error, roundtableId }, 'checkpoint after an erasure failed');
    }
  }

  private async notify(applied: Applied): Promise<void> {
    const failed = (error: unknown) => this.log.error({ err: error }, 'listener failed');
    const pending: Promise<unknown>[] = [];
    for (const listener of this.listeners) {
      try {
        const done = listener(applied);
        if (done instanceof Promise) pending.push(done.catch(failed));
      } catch (error) {
        failed(error);
      }
    }
    await Promise.all(pending);
  }
}
