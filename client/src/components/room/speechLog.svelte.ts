import { SPEECH_KINDS, type Lang } from '@roundtable/shared';
import type { LogRow } from './logRows';

export const LOG_TYPES = ['all', ...SPEECH_KINDS] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** What the moderator narrows the log to: a search over speaker, delegation and item, and a type. */
export class SpeechLogFilter {
  search = $state('');
  type = $state<LogType>('all');

  get narrowed(): boolean {
    return this.search.trim() !== '' || this.type !== 'all';
  }

  reset(): void {
    this.search = '';
    this.type = 'all';
  }

  apply(rows: readonly LogRow[], lang: Lang): LogRow[] {
    const needle = this.search.trim().toLocaleLowerCase(lang);
    return rows.filter(
      (r) => (this.type === 'all' || r.record.speech.kind === this.type) && (!needle || r.haystack.includes(needle)),
    );
  }
}
