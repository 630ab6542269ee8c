import * as Y from 'yjs';
import { YJS_FRAGMENT, type Lang, type Poll, type RoundtableState } from '@roundtable/shared';
import { pollResult } from '../exports/pollResult.js';

const isHeading = (n: unknown): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'heading';
const levelOf = (h: Y.XmlElement): number => Number(h.getAttribute('level') ?? 2) || 2;

/** "**Poll: question** — Agree 12 (75 %), …": one paragraph, the title in bold as rapporteurs write it. */
function resultParagraph(poll: Poll, lang: Lang): Y.XmlElement {
  const { title, summary } = pollResult(poll, lang);
  const text = new Y.XmlText();
  text.insert(0, title, { bold: {} });
  // Without attributes, Yjs would carry the bold on from the text before.
  text.insert(title.length, ` — ${summary}`, { bold: null });
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [text]);
  return p;
}

/**
 * Where a poll's result goes: at the end of its item's section (before the next heading of its level or
 * above), so it follows what the rapporteurs wrote; at the end of the document when the item has no
 * section (the poll asked between items, or the heading was deleted).
 */
function endOfSection(children: readonly unknown[], itemId: string | null): number {
  const at = itemId === null ? -1 : children.findIndex((n) => isHeading(n) && n.getAttribute('data-item') === itemId);
  if (at < 0) return children.length;
  const top = children[at] as Y.XmlElement;
  const next = children.findIndex((n, i) => i > at && isHeading(n) && levelOf(n) <= levelOf(top));
  return next < 0 ? children.length : next;
}

/** Writes the result of each poll `poll.recorded` names into the document, in the roundtable's first language. */
export function writePollResults(doc: Y.Doc, state: RoundtableState, pollIds: readonly string[]): void {
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const lang = state.languages[0] ?? 'en';
  for (const id of pollIds) {
    const poll = state.polls.find((p) => p.id === id);
    if (!poll) continue;
    fragment.insert(endOfSection(fragment.toArray(), poll.itemId), [resultParagraph(poll, lang)]);
  }
}
