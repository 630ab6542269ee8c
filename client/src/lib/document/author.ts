import type { Author } from './editor.svelte';

const KEY = 'roundtable.editorName';

/** Caret colours dark enough to carry a white name label (WCAG AA against white text). */
const COLORS = ['#1f5fbf', '#7a3fb5', '#b0306f', '#b42318', '#8a5a00', '#18794e', '#0e6e80', '#4d5b70'];

export const savedAuthorName = (): string => localStorage.getItem(KEY) ?? '';

export function saveAuthorName(name: string): void {
  localStorage.setItem(KEY, name.trim());
}

/** How this writer appears to the others: their name, or `fallback`, and a colour that stays theirs. */
export function authorFor(name: string, fallback: string): Author {
  const shown = name.trim() || fallback;
  let hash = 0;
  for (const ch of shown) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return { name: shown, color: COLORS[hash % COLORS.length]! };
}
