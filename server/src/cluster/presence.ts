import type { Cluster } from './cluster.js';

/** Every node repeats whom it holds this often; a node not heard from for EXPIRE_MS is taken as gone. */
const HEARTBEAT_MS = 10_000;
const EXPIRE_MS = 3 * HEARTBEAT_MS;
/** Connections come in bursts (a room scanning the QR code): their changes go out together. */
const GATHER_MS = 250;

/**
 * Who is connected to the other nodes, per roundtable, so a moderator sees the whole room whichever node
 * each phone reached. Each node tells the others its own participants when they change (only the
 * roundtables that changed) and all of them every HEARTBEAT_MS; a killed node's people drop out once it
 * has not been heard from for EXPIRE_MS.
 */
export class PresenceElsewhere {
  /** This node's own, as last told by its transport. */
  private readonly mine = new Map<string, readonly string[]>();
  private readonly changedHere = new Set<string>();
  private readonly nodes = new Map<string, { heard: number; online: Map<string, readonly string[]> }>();
  private readonly listeners = new Set<(roundtableId: string) => void>();
  private gather: NodeJS.Timeout | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly cluster: Cluster,
    private readonly node: string,
    private readonly clock: () => number = Date.now,
  ) {
    cluster.on('presence', ({ node, online, full }) => this.heard(node, online, full));
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** The participants connected to other nodes. */
  online(roundtableId: string): readonly string[] {
    const ids = new Set<string>();
    for (const { online } of this.nodes.values()) for (const id of online.get(roundtableId) ?? []) ids.add(id);
    return [...ids];
  }

  /** Told when who is connected elsewhere changed for a roundtable. */
  onChanged(listener: (roundtableId: string) => void): void {
    this.listeners.add(listener);
  }

  /** This node's participants of a roundtable changed: the others hear of it shortly. */
  changed(roundtableId: string, online: readonly string[]): void {
    if (online.length > 0) this.mine.set(roundtableId, online);
    else this.mine.delete(roundtableId);
    this.changedHere.add(roundtableId);
    this.gather ??= setTimeout(() => this.tellChanges(), GATHER_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.gather);
  }

  private tellChanges(): void {
    this.gather = undefined;
    const online = Object.fromEntries([...this.changedHere].map((id) => [id, [...(this.mine.get(id) ?? [])]]));
    this.changedHere.clear();
    this.cluster.tell('presence', { node: this.node, online, full: false });
  }

  private beat(): void {
    const online = Object.fromEntries([...this.mine].map(([id, ids]) => [id, [...ids]]));
    this.cluster.tell('presence', { node: this.node, online, full: true });
    this.expire();
  }

  private heard(node: string, online: Record<string, string[]>, full: boolean): void {
    const known = this.nodes.get(node) ?? { heard: 0, online: new Map<string, readonly string[]>() };
    this.nodes.set(node, known);
    known.heard = this.clock();
    const changed = new Set(full ? known.online.keys() : []);
    if (full) known.online.clear();
    for (const [id, ids] of Object.entries(online)) {
      changed.add(id);
      if (ids.length > 0) known.online.set(id, ids);
      else known.online.delete(id);
    }
    this.notify(changed);
  }

  private expire(): void {
    const now = this.clock();
    for (const [node, known] of this.nodes) {
      if (now - known.heard < EXPIRE_MS) continue;
      this.nodes.delete(node);
      this.notify(new Set(known.online.keys()));
    }
  }

  private notify(roundtableIds: ReadonlySet<string>): void {
    for (const id of roundtableIds) for (const listener of this.listeners) listener(id);
  }
}
