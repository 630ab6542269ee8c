import type { DomainEvent } from '@roundtable/shared';
import type { DocVersions } from './versions.js';

/** Who the review's versions are saved by, in the list of versions. */
const BY = 'review';

/** The name of a round's frozen draft in the list of named versions. */
export const draftName = (round: number): string =>
  round === 1 ? 'Draft for review' : `Draft for review (round ${round})`;
export const FINAL_NAME = 'Final';

/**
 * Saves the named versions a review's events call for, under the ids the domain gave them. The document is
 * encoded as soon as it is in memory, before anything from the network is read: the writers' connections
 * were closed by the same change (documents.carry runs first), so no one's update can land between the
 * freeze and the snapshot, and the version is exactly what the delegations read.
 */
export async function saveReviewVersions(
  versions: DocVersions,
  roundtableId: string,
  events: readonly DomainEvent[],
): Promise<void> {
  for (const event of events) {
    if (event.type === 'review.opened') {
      await versions.save(roundtableId, draftName(event.round), BY, event.draftVersionId);
    }
    if (event.type === 'review.finalised') await versions.save(roundtableId, FINAL_NAME, BY, event.final.versionId);
  }
}
