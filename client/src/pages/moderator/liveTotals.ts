import { speakingStats, spokenMs, type SpeakingTotals, type StateView } from '@roundtable/shared';

export type SpokenTotals = ReturnType<typeof speakingStats>;

const plus = (map: Map<string, SpeakingTotals>, key: string, ms: number) => {
  const t = map.get(key) ?? { count: 0, ms: 0 };
  return new Map(map).set(key, { count: t.count + 1, ms: t.ms + ms });
};

/**
 * The finished speeches' totals with the speech on the floor added, up to `now`: the list of speakers shows
 * a speaker's and a delegation's time as it grows, not only once a speech ends. Copies two maps a second at
 * most, while someone speaks; the log itself is summed once per state.
 */
export function withFloor(finished: SpokenTotals, rt: Pick<StateView, 'floor' | 'participants'>, now: number) {
  const floor = rt.floor;
  if (!floor) return finished;
  const ms = spokenMs(floor, now);
  const delegationId = rt.participants.find((p) => p.id === floor.participantId)?.delegationId ?? null;
  return {
    byParticipant: plus(finished.byParticipant, floor.participantId, ms),
    byDelegation: delegationId ? plus(finished.byDelegation, delegationId, ms) : finished.byDelegation,
  };
}
