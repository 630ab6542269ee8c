import type * as Y from 'yjs';

/**
 * Whether `stored` (the server's snapshot of what is on disk) holds everything in `local`: every
 * insertion (state vector) and every deletion (delete set, which a state vector does not show).
 */
export function covers(stored: Y.Snapshot | null, local: Y.Snapshot): boolean {
  for (const [client, clock] of local.sv) if (clock > 0 && (stored?.sv.get(client) ?? 0) < clock) return false;
  for (const [client, deleted] of local.ds.clients) {
    const storedRanges = stored?.ds.clients.get(client) ?? [];
    for (const { clock, len } of deleted) {
      // The server's ranges are sorted and merged, so a deleted range is inside one of them or not stored.
      if (!storedRanges.some((r) => r.clock <= clock && clock + len <= r.clock + r.len)) return false;
    }
  }
  return true;
}
