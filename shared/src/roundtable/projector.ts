import type { Lang } from '../langs.js';
import type { RoundtableState } from '../state.js';

type Speaking = Pick<RoundtableState, 'languages' | 'projector'>;

/**
 * The languages the projector speaks, in turn: those the moderator chose that the roundtable still
 * has (a language can be removed after it was chosen), else the roundtable's first language.
 */
export function projectorLanguages(state: Speaking): Lang[] {
  const shown = state.projector.languages.shown.filter((l) => state.languages.includes(l));
  return shown.length > 0 ? shown : state.languages.slice(0, 1);
}

/**
 * The language on the projector at `now` (server time). Turns are counted from the epoch, so every
 * screen in the room changes language at the same moment without a message.
 */
export function projectorLanguageAt(state: Speaking, now: number): Lang {
  const languages = projectorLanguages(state);
  const turn = Math.floor(now / (state.projector.languages.everySeconds * 1000));
  return languages[turn % languages.length] ?? 'en';
}
