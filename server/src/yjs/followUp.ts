import * as Y from 'yjs';
import { YJS_FRAGMENT, type RoundtableState } from '@roundtable/shared';
import { CLOSING_SECTIONS, heading, paragraph } from './outline.js';

/** The first section of a next edition's outcome document, in each language. */
export const FOLLOW_UP_TITLE = {
  en: 'Follow-up on the previous edition',
  ru: 'Работа по итогам предыдущего круглого стола',
  kk: 'Алдыңғы дөңгелек үстелдің қорытындысы бойынша жұмыс',
} as const;

const LESSONS = new Set<string>(Object.values(CLOSING_SECTIONS[0]));

export type Block = Y.XmlElement | Y.XmlText;

const isHeading = (n: unknown): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'heading';
const levelOf = (h: Y.XmlElement): number => Number(h.getAttribute('level') ?? 2) || 2;

/** A node's text without the marks Y.XmlText writes as tags. */
function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]+>/g, '');
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
  return '';
}

/** What follows heading `at` until the next heading of its level or above. */
function sectionAfter(children: Block[], at: number): Block[] {
  const top = children[at];
  if (!isHeading(top)) return [];
  const end = children.findIndex((n, i) => i > at && isHeading(n) && levelOf(n) <= levelOf(top));
  return children.slice(at + 1, end < 0 ? children.length : end);
}

/**
 * The previous edition's lessons learned: the "Key lessons learned" section the outline gives every document,
 * else the section of its closing agenda item, whichever first holds any text; else the whole document.
 */
export function lessonsOf(doc: Y.Doc, state: Pick<RoundtableState, 'agenda'>): Block[] {
  const children = doc.getXmlFragment(YJS_FRAGMENT).toArray() as Block[];
  const closingItem = state.agenda.findLast((i) => i.kind === 'closing')?.id;
  const candidates = [
    children.findIndex((n) => isHeading(n) && LESSONS.has(textOf(n).trim())),
    children.findIndex((n) => isHeading(n) && closingItem !== undefined && n.getAttribute('data-item') === closingItem),
  ];
  for (const at of candidates) {
    const section = at < 0 ? [] : sectionAfter(children, at);
    if (section.some((n) => textOf(n).trim() !== '')) return section;
  }
  return children;
}

/**
 * Copies of the blocks to stand under the follow-up heading: their headings one level below it, and no longer
 * tied to the previous edition's agenda items (whose ids mean nothing here).
 */
export function copies(blocks: readonly Block[]): Block[] {
  return blocks.map((n) => {
    const copy = n.clone();
    if (isHeading(copy)) {
      copy.removeAttribute('data-item');
      copy.setAttribute('level', Math.max(3, levelOf(copy)) as unknown as string);
    }
    return copy;
  });
}

/**
 * Puts "Follow-up on the previous edition" and the previous lessons (copies(), made before the previous
 * document was let go) at the top of a new edition's document.
 */
export function writeFollowUp(doc: Y.Doc, state: Pick<RoundtableState, 'languages'>, lessons: Block[]): void {
  const lang = state.languages[0] ?? 'en';
  const body = lessons.length > 0 ? lessons : [paragraph()];
  doc.getXmlFragment(YJS_FRAGMENT).insert(0, [heading(FOLLOW_UP_TITLE[lang], null), ...body]);
}
