import { SPEECH_KINDS, type Lang } from '@roundtable/shared';
import type { LogEntry } from './logRows';

export const LOG_TYPES = ['all', ...SPEECH_KINDS, 'poll'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** What the moderator narrows the log to: a search over speaker, delegation, item and question, and a type. */
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

  apply(rows: readonly LogEntry[], lang: Lang): LogEntry[] {
    const needle = this.search.trim().toLocaleLowerCase(lang);
    const typed = (r: LogEntry) =>
      this.type === 'all' || (r.kind === 'speech' ? r.record.speech.kind === this.type : this.type === 'poll');
    return rows.filter((r) => typed(r) && (!needle || r.haystack.includes(needle)));
  }
}
