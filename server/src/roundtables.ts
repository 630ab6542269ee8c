import {
  CommandEnvelope,
  apply,
  actorFor,
  describeIssues,
  erasureOf,
  scrubDeep,
  linkPath,
  refusal,
  secrecyOf,
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
import { devicesSignedOut } from './session/signOut.js';
import { hashSecret, newId, newSecret } from './secrets.js';
import type { Commit, NewCredential, Store } from './store/store.js';
import { SerialQueue } from './serialQueue.js';

/** What a command adds to its own write: a joining device's token, or the one device of a person from now on. */
export type Binding = Pick<Commit, 'credentials' | 'device'>;

/** An accepted change, after it is on disk: what the realtime layer broadcasts and acts on. */
export interface Applied {
  roundtableId: string;
  state: RoundtableState;
  events: DomainEvent[];
}

/** Who sends a command: a stored credential, re-resolved against the state at every command. */
export type Sender = { credential: Credential } | { visitor: true };

/** A command's sender; a credential also brings the base of any link its command mints (see links.ts). */
export type CommandSender =
  | { credential: Credential; linkBase: string }
  | { visitor: true }
  /** The server itself, acting on a rule of its own (retention.ts): no credential stands behind it. */
  | { system: Actor };

/**
 * The roundtables in memory, backed by the store. The one path every change takes:
 * parse → who → apply (which checks can()) → persist → remember → notify. No rule lives here.
 */
export class Roundtables {
  private readonly cache = new Map<string, RoundtableState>();
  private readonly listeners = new Set<(applied: Applied) => void>();
  private readonly evictions = new Set<(roundtableId: string, failure: Failure) => void>();
  private erasing: ((roundtableId: string, erasure: Erasure) => Promise<void>) | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  onApplied(listener: (applied: Applied) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A roundtable that is served: an archived one (operator.ts) is nobody's until it is restored. */
  async get(id: string): Promise<RoundtableState | undefined> {
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

  /** Told when a roundtable leaves memory for good (archived, deleted): its open sessions end, told why. */
  onEvicted(listener: (roundtableId: string, failure: Failure) => void): () => void {
    this.evictions.add(listener);
    return () => this.evictions.delete(listener);
  }

  /** Forgets the roundtable and ends what is open on it; get() loads it again only if it is served. */
  evict(id: string, failure: Failure): void {
    this.cache.delete(id);
    for (const listener of this.evictions) {
      try {
        listener(id, failure);
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

  /** One command against the state in memory, which no other command of this roundtable changes meanwhile. */
  private async run(
    roundtableId: string,
    sender: CommandSender,
    { command, baseVersion }: CommandEnvelope,
    bind?: (result: CommandResultOf) => Binding | Promise<Binding>,
  ): Promise<CommandAck> {
    const state = await this.get(roundtableId);
    if (!state) return refusal('roundtable_not_found');
    const who = 'system' in sender ? { ok: true as const, actor: sender.system } : this.actorOf(state, sender);
    if (!who.ok) return who;
    const now = Date.now();
    const outcome = apply(state, command, { actor: who.actor, now, newId, baseVersion });
    if (!outcome.ok) return outcome;
    if (outcome.events.length === 0)
      return { ok: true, version: state.version, ...(outcome.result ? { result: outcome.result } : {}) };
    const minted = this.mintSecrets(roundtableId, outcome.events, 'linkBase' in sender ? sender.linkBase : undefined);
    const bound = (await bind?.(outcome.result ?? {})) ?? {};
    const secrecy = secrecyOf(outcome.events, state);
    const erasure = erasureOf(outcome.events, state, outcome.state);
    try {
      if (erasure) await this.erasing?.(roundtableId, erasure);
      await this.store.commit({
        roundtableId,
        previous: state,
        state: outcome.state,
        events: outcome.events,
        actor: secrecy.hideActor ? { kind: 'secret' } : who.actor,
        at: now,
        credentials: [...minted.credentials, ...(bound.credentials ?? [])],
        ...(bound.device ? { device: bound.device } : {}),
        signOut: devicesSignedOut(outcome.events),
        compact: secrecy.compact,
        ...(erasure ? { erasure: { scrub: (e: unknown) => scrubDeep(e, erasure), signOut: erasure.signOut } } : {}),
      });
    } catch (error) {
      this.log.error({ err: error, roundtableId, command: command.type }, 'commit failed');
      this.cache.delete(roundtableId);
      return refusal('not_saved');
    }
    this.cache.set(roundtableId, outcome.state);
    if (erasure) await this.checkpoint(roundtableId);
    this.notify({ roundtableId, state: outcome.state, events: outcome.events });
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

  /** A new link's secret is made here, stored only as a hash, and shown once to whoever minted it. */
  private mintSecrets(roundtableId: string, events: DomainEvent[], linkBase: string | undefined) {
    const created = events.find((e) => e.type === 'link.created');
    if (!created || created.type !== 'link.created') return { credentials: [], result: {} };
    const secret = newSecret();
    const credentials: NewCredential[] = [
      { hash: hashSecret(secret), credential: { kind: 'link', linkId: created.linkId } },
    ];
    const url = linkBase === undefined ? {} : { url: linkBase + linkPath(roundtableId, created.role, secret) };
    return { credentials, result: { secret, ...url } };
  }

  private notify(applied: Applied): void {
    for (const listener of this.listeners) {
      try {
        listener(applied);
      } catch (error) {
        this.log.error({ err: error }, 'listener failed');
      }
    }
  }
}
