import type { Participant, StateView } from '@roundtable/shared';
import { delegationName } from './floor';

/**
 * Text as a search compares it: case folded in the page's language and accents dropped, so "Ramírez"
 * is found by "ramirez" and "Алёна" by "алена". Kazakh's own letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і) have no
 * decomposition and stay themselves.
 */
export function foldForSearch(text: string, lang: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(lang);
}

/**
 * Whether a person is found by what was typed, over their name, function and delegation: the roster's
 * search and the desk's, one rule for both. Nothing typed finds everyone.
 */
export function personMatcher(rt: StateView, query: string, lang: string): (p: Participant) => boolean {
  const needle = foldForSearch(query.trim(), lang);
  if (!needle) return () => true;
  return (p) => foldForSearch(`${p.name}\n${p.function}\n${delegationName(rt, p.delegationId)}`, lang).includes(needle);
}
