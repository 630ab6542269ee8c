import { describe, expect, it } from 'vitest';
import { speakingStats, type Floor, type Participant, type Speech } from '@roundtable/shared';
import { withFloor } from '../src/pages/moderator/liveTotals';

const MIN = 60_000;
const person = (id: string, delegationId: string | null): Participant => ({
  id,
  name: id,
  function: '',
  delegationId,
  language: 'en',
  role: 'participant',
  status: 'active',
  joinedAt: 0,
});
const speech = (participantId: string, delegationId: string | null, durationMs: number): Speech => ({
  id: `s-${participantId}-${durationMs}`,
  participantId,
  delegationId,
  language: 'en',
  itemId: 'item',
  kind: 'speech',
  topic: '',
  start: 0,
  end: durationMs,
  pauses: [],
  durationMs,
});
const floor = (participantId: string, startedAt: number, pauses: Floor['pauses'] = []): Floor => ({
  speechId: 'live',
  participantId,
  kind: 'speech',
  topic: '',
  itemId: 'item',
  startedAt,
  limitMs: 3 * MIN,
  extendedMs: 0,
  pauses,
});

describe('the list of speakers’ totals while someone speaks', () => {
  const participants = [person('aigerim', 'europol'), person('dana', null)];
  const finished = speakingStats([speech('aigerim', 'europol', 2 * MIN)]);

  it('adds the speech on the floor, pauses left out, to its speaker and their delegation', () => {
    const now = 10 * MIN;
    const live = withFloor(
      finished,
      { participants, floor: floor('aigerim', 6 * MIN, [{ start: 7 * MIN, end: 8 * MIN }]) },
      now,
    );
    expect(live.byParticipant.get('aigerim')).toEqual({ count: 2, ms: 5 * MIN });
    expect(live.byDelegation.get('europol')).toEqual({ count: 2, ms: 5 * MIN });
    // The log's own totals stay as they were: the next second starts from them again.
    expect(finished.byParticipant.get('aigerim')).toEqual({ count: 1, ms: 2 * MIN });
  });

  it('counts a first speech, and no delegation for someone without one', () => {
    const live = withFloor(finished, { participants, floor: floor('dana', 0) }, MIN);
    expect(live.byParticipant.get('dana')).toEqual({ count: 1, ms: MIN });
    expect(live.byDelegation).toBe(finished.byDelegation);
  });

  it('is the log’s totals when nobody has the floor', () => {
    expect(withFloor(finished, { participants, floor: null }, MIN)).toBe(finished);
  });
});
