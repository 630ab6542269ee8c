import type { Logger } from 'pino';
import { ClusterMessages, type ClusterKind, type ClusterMessage } from './messages.js';

/** Where one node's messages to the others go: Socket.IO's Redis adapter (redis.ts), or nowhere. */
export interface ClusterLink {
  /** Sends to every other node (never back to this one). */
  emit<K extends ClusterKind>(kind: K, message: ClusterMessage<K>): void;
  /** Where the others' messages arrive, unchecked. */
  listen(kind: ClusterKind, handler: (raw: unknown) => void): void;
}

/**
 * This node's side of the cluster: what it tells the others, and what it does with what they tell it.
 * Alone (no REDIS_URL) it tells nobody and hears nothing, and everything else works as on one box.
 */
export class Cluster {
  private link: ClusterLink | undefined;
  private readonly handlers = new Map<ClusterKind, (raw: unknown) => void>();

  /** `shared`: other nodes exist (REDIS_URL); the link comes once Socket.IO's server is built. */
  constructor(
    private readonly log: Logger,
    readonly shared: boolean,
  ) {}

  attach(link: ClusterLink): void {
    this.link = link;
    for (const [kind, handler] of this.handlers) link.listen(kind, handler);
  }

  tell<K extends ClusterKind>(kind: K, message: ClusterMessage<K>): void {
    try {
      this.link?.emit(kind, message);
    } catch (error) {
      // Missed messages are caught up from the store: a failed send is logged, never fatal.
      this.log.warn({ err: error, kind }, 'could not tell the other nodes');
    }
  }

  /** `handler` gets only messages of the right shape; another is logged and dropped. */
  on<K extends ClusterKind>(kind: K, handler: (message: ClusterMessage<K>) => unknown): void {
    if (!this.shared) return;
    const checked = (raw: unknown) => {
      const parsed = ClusterMessages[kind].safeParse(raw);
      if (!parsed.success) return this.log.warn({ kind }, 'a malformed message from another node was dropped');
      const failed = (error: unknown) => this.log.error({ err: error, kind }, 'a message from another node failed');
      try {
        const done = handler(parsed.data as ClusterMessage<K>);
        if (done instanceof Promise) done.catch(failed);
      } catch (error) {
        failed(error);
      }
    };
    this.handlers.set(kind, checked);
    this.link?.listen(kind, checked);
  }
}
