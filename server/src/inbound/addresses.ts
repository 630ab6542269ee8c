import type http from 'node:http';

/**
 * The address a connection comes from: the socket's peer, or, behind a reverse proxy we trust, the
 * client it names first in X-Forwarded-For (as Express's `trust proxy: true` reads it).
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

/**
 * Connections per address that have not proved who they are yet. A phone authenticates within a
 * moment of opening its connection, so even a whole room behind one venue NAT holds only a few at
 * a time; a stranger opening hundreds of idle sockets is turned away at the door. Authenticated
 * connections are not counted here: a room of 2,000 phones may share one public address.
 */
export class PendingConnections {
  private readonly open = new Map<string, number>();

  constructor(private readonly perAddress: number) {}

  hasRoom(address: string): boolean {
    return (this.open.get(address) ?? 0) < this.perAddress;
  }

  /** Counts one; the returned function releases it, once, however often it is called. */
  take(address: string): () => void {
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }
}
