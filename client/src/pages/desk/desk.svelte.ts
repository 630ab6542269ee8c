import type { StateView } from '@roundtable/shared';
import { personMatcher } from '../../lib/personSearch';
import { groupByDelegation, inFilter, onDeskList, type DeskFilter, type DeskGroup } from './attendance';

/** What the desk narrows its list to: a search over name, function and delegation, and who is shown. */
export class DeskSearch {
  search = $state('');
  filter = $state<DeskFilter>('all');

  get narrowed(): boolean {
    return this.search.trim() !== '' || this.filter !== 'all';
  }

  reset(): void {
    this.search = '';
    this.filter = 'all';
  }

  /** The people to show, by delegation (attendance.ts). */
  apply(rt: StateView, lang: string): DeskGroup[] {
    const matches = personMatcher(rt, this.search, lang);
    const shown = rt.participants.filter((p) => onDeskList(p) && inFilter(p, this.filter) && matches(p));
    return groupByDelegation(rt, shown, lang);
  }
}
