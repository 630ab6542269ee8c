import type { Participant, RoundtableState } from '@roundtable/shared';
import type { Attendance } from '../store/store.js';

/**
 * Everything the roundtable holds about each person, as a data-subject request needs it (GDPR art. 15):
 * their record on the roster, and what they did, by id. Votes only from named polls: an anonymous poll
 * keeps no voter once closed, and names none while it runs (view.ts).
 */
export function personalData(state: RoundtableState, attendance: readonly Attendance[]) {
  const delegation = (id: string | null) => state.delegations.find((d) => d.id === id)?.name ?? null;
  const person = (p: Participant) => ({
    id: p.id,
    name: p.name,
    function: p.function,
    delegation: delegation(p.delegationId),
    language: p.language,
    role: p.role,
    status: p.status,
    joinedAt: p.joinedAt,
    arrivedAt: p.arrivedAt ?? null,
    email: p.email ?? null,
    note: p.note ?? null,
    invitedSpeaker: p.speaker ?? false,
    invitation: p.invitation ?? null,
    erasedAt: p.erasedAt ?? null,
    speeches: state.speeches
      .filter((s) => s.participantId === p.id)
      .map(({ id, itemId, kind, topic, start, end, durationMs }) => ({
        id,
        itemId,
        kind,
        topic,
        start,
        end,
        durationMs,
      })),
    requests: state.queue.requests.filter((r) => r.participantId === p.id),
    contributions: state.contributions.items.filter((c) => c.participantId === p.id),
    votes: state.polls
      .filter((poll) => !poll.anonymous)
      .flatMap((poll) =>
        poll.ballots
          .filter((b) => b.by === p.id || b.voter === p.id)
          .map((b) => ({ pollId: poll.id, question: poll.question, choices: b.choices, at: b.at })),
      ),
    remarks: state.remarks.filter((r) => r.participantId === p.id),
    presentDuring: attendance
      .filter((a) => a.participantId === p.id)
      .map((a) => ({ itemId: a.itemId, firstSeen: a.firstSeen })),
  });
  return {
    roundtableId: state.id,
    title: state.title,
    organisers: state.organisers,
    endedAt: state.endedAt,
    personalDataErasedAt: state.personalDataErasedAt,
    people: state.participants.map(person),
  };
}
