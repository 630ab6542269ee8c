import type { DomainEvent } from '@roundtable/shared';
import type { DocVersions } from './versions.js';

/** Who the review's versions are saved by, in the list of versions. */
const BY = 'review';

/** The name of a round's frozen draft in the list of named versions. */
export const draftName = (round: number): string =>
  round === 1 ? 'Draft for review' : `Draft for review (round ${round})`;
export const FINAL_NAME = 'Final';

/**
 * Saves the named versions a review's events call for, under the ids the domain gave them. It runs in
 * the same turn of the event loop as the command that froze the document, so no one's update can land
 * between the freeze and the snapshot: the version is exactly what the delegations read.
 */
export function saveReviewVersions(versions: DocVersions, roundtableId: string, events: readonly DomainEvent[]): void {
  for (const event of events) {
    if (event.type === 'review.opened') versions.save(roundtableId, draftName(event.round), BY, event.draftVersionId);
    if (event.type === 'review.finalised') versions.save(roundtableId, FINAL_NAME, BY, event.final.versionId);
  }
}
