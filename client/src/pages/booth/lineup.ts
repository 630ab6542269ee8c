import type { Lang, Participant, Remarks, StateView } from '@roundtable/shared';
import { currentItem, orderedRequests, person } from '../../lib/floor';

/** A person the booth shows: who they are, the language they speak in, and their text if they sent one. */
export interface BoothSpeaker {
  person: Participant;
  /** The text's language, or the person's own when they sent none. */
  language: Lang;
  remarks: Remarks | undefined;
  /** On the current item's list of invited speakers (the agenda may have queued them itself). */
  invited: boolean;
}

/** How many are shown as next: the booth prepares for the next few, not the whole queue. */
const NEXT_SHOWN = 4;

function speaker(rt: StateView, p: Participant, invited: boolean): BoothSpeaker {
  const remarks = rt.remarks.find((r) => r.participantId === p.id);
  return { person: p, language: remarks?.language ?? p.language, remarks, invited };
}

/** Who speaks now: whoever has the floor. */
export function speakingNow(rt: StateView): BoothSpeaker | null {
  const p = person(rt, rt.floor?.participantId);
  return p ? speaker(rt, p, false) : null;
}

/**
 * Who speaks next: the queue in floor order, then the current item's invited speakers not among them
 * (the booth reads no speech log, so one who has spoken stays listed until the item ends).
 */
export function speakingNext(rt: StateView): BoothSpeaker[] {
  const onFloor = rt.floor?.participantId;
  const seen = new Set<string>(onFloor ? [onFloor] : []);
  const next: BoothSpeaker[] = [];
  const invited = (currentItem(rt)?.invitedSpeakers ?? []).filter((s) => typeof s === 'string');
  const add = (id: string) => {
    const p = person(rt, id);
    if (!p || seen.has(id)) return;
    seen.add(id);
    next.push(speaker(rt, p, invited.includes(id)));
  };
  for (const o of orderedRequests(rt)) add(o.request.participantId);
  for (const id of invited) add(id);
  return next.slice(0, NEXT_SHOWN);
}
