/** Who is connected now, per roundtable: a count of open connections per participant (phones reconnect). */
export class Presence {
  private readonly byRoundtable = new Map<string, Map<string, number>>();

  /** Returns true when the set of online people changed. */
  add(roundtableId: string, participantId: string): boolean {
    const counts = this.byRoundtable.get(roundtableId) ?? new Map<string, number>();
    this.byRoundtable.set(roundtableId, counts);
    const before = counts.get(participantId) ?? 0;
    counts.set(participantId, before + 1);
    return before === 0;
  }

  remove(roundtableId: string, participantId: string): boolean {
    const counts = this.byRoundtable.get(roundtableId);
    const before = counts?.get(participantId) ?? 0;
    if (!counts || before === 0) return false;
    if (before > 1) {
      counts.set(participantId, before - 1);
      return false;
    }
    counts.delete(participantId);
    if (counts.size === 0) this.byRoundtable.delete(roundtableId);
    return true;
  }

  online(roundtableId: string): string[] {
    return [...(this.byRoundtable.get(roundtableId)?.keys() ?? [])];
  }
}
